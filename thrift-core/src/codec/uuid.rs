//! The `uuid` base type.

use std::fmt;
use std::str::FromStr;

use super::ThriftType;
use crate::error::{Error, Result};
use crate::protocol::{InputProtocol, OutputProtocol, TType};

/// A Thrift `uuid`: 16 bytes in RFC 4122 (big-endian) order, shown as
/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uuid(pub [u8; 16]);

impl Uuid {
    /// The all-zero uuid.
    pub const NIL: Uuid = Uuid([0; 16]);

    /// Wraps 16 bytes in RFC 4122 order.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Uuid(bytes)
    }

    /// The 16 bytes in RFC 4122 order.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The hyphenated lowercase form, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, as ASCII.
    pub(crate) fn hyphenated(&self) -> [u8; 36] {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = [b'-'; 36];
        let mut at = 0;
        for (i, byte) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                at += 1;
            }
            text[at] = HEX[usize::from(byte >> 4)];
            text[at + 1] = HEX[usize::from(byte & 0xf)];
            at += 2;
        }
        text
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.hyphenated();
        // Only ASCII hex digits and hyphens went in.
        f.pad(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

impl FromStr for Uuid {
    type Err = Error;

    /// Parses the hyphenated form (hyphens optional, either case).
    fn from_str(s: &str) -> Result<Self> {
        let digits: Vec<u8> = s.bytes().filter(|&b| b != b'-').collect();
        let invalid = || Error::invalid(format!("`{s}` is not a uuid"));
        if digits.len() != 32 || !digits.iter().all(u8::is_ascii_hexdigit) {
            return Err(invalid());
        }
        let mut out = [0u8; 16];
        let nibble = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
        for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
            *byte = nibble(pair[0]) << 4 | nibble(pair[1]);
        }
        Ok(Uuid(out))
    }
}

impl ThriftType for Uuid {
    const TTYPE: TType = TType::Uuid;

    #[inline]
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_uuid(&self.0)
    }

    #[inline]
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        p.read_uuid().map(Uuid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        let text = "00112233-4455-6677-8899-aabbccddeeff";
        let uuid: Uuid = text.parse().unwrap();
        assert_eq!(uuid.0[15], 0xff);
        assert_eq!(uuid.to_string(), text);
        assert!("0011".parse::<Uuid>().is_err());
        assert!("zz112233-4455-6677-8899-aabbccddeeff"
            .parse::<Uuid>()
            .is_err());
    }
}
