//! [`Str`]: a `string` that shares its bytes with the input it was decoded from.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use bytes::Bytes;

use super::ThriftType;
use crate::error::{Error, Result};
use crate::protocol::{InputProtocol, OutputProtocol, TType};

/// An immutable UTF-8 string backed by [`Bytes`].
///
/// Decoding a `Str` from a `Bytes` input (`from_bytes`, a framed server) validates the UTF-8
/// and then shares the input's memory instead of allocating and copying, and clones are a
/// reference-count increment. It derefs to `&str`; use it where `String` allocations
/// dominate decoding (`thrift!("x.thrift", string_type = "Str")` or a derived field of
/// type `Str`).
#[derive(Clone, Default)]
pub struct Str(Bytes);

impl Str {
    /// A `Str` of a string literal, without copying.
    pub const fn from_static(s: &'static str) -> Self {
        Str(Bytes::from_static(s.as_bytes()))
    }

    /// Wraps `bytes` if they are valid UTF-8, sharing them.
    pub fn from_utf8(bytes: Bytes) -> std::result::Result<Self, std::str::Utf8Error> {
        std::str::from_utf8(&bytes)?;
        Ok(Str(bytes))
    }

    /// The string.
    #[inline]
    pub fn as_str(&self) -> &str {
        // SAFETY: every constructor checks (or takes from a `str`) that the bytes are UTF-8,
        // and the bytes never change afterwards.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }

    /// The bytes, shared.
    pub fn into_bytes(self) -> Bytes {
        self.0
    }
}

impl Deref for Str {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Str {
    fn from(s: String) -> Self {
        Str(Bytes::from(s.into_bytes()))
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        Str(Bytes::copy_from_slice(s.as_bytes()))
    }
}

impl From<Str> for String {
    fn from(s: Str) -> Self {
        s.as_str().to_owned()
    }
}

// Equality, order and hashing are the `str`'s, so `Borrow<str>` lookups work in maps.
impl PartialEq for Str {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ThriftType for Str {
    const TTYPE: TType = TType::String;

    #[inline]
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_string(self.as_str())
    }

    #[inline]
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        let bytes = p.read_bytes()?;
        let start = p.position() - bytes.len();
        Str::from_utf8(bytes)
            .map_err(|e| Error::invalid("string is not valid UTF-8").at(start + e.valid_up_to()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn behaves_like_a_str() {
        let s = Str::from_static("héllo");
        assert_eq!(&*s, "héllo");
        assert_eq!(s, "héllo");
        assert_eq!(s.len(), 6);
        assert_eq!(format!("{s} {s:?}"), "héllo \"héllo\"");
        let (a, b) = (Str::from("a"), Str::from(String::from("b")));
        assert!(a < b);
        let map = HashMap::from([(Str::from("key"), 1)]);
        assert_eq!(map.get("key"), Some(&1));
        assert!(Str::from_utf8(Bytes::from_static(&[0xff])).is_err());
    }

    #[test]
    fn decoding_from_bytes_shares_the_input() {
        let bytes = Bytes::from(crate::binary::to_vec(&String::from("shared")));
        let s: Str = crate::binary::from_bytes(bytes.clone()).unwrap();
        assert_eq!(s, "shared");
        assert_eq!(s.as_ptr(), bytes[4..].as_ptr());
        let bad = Bytes::from_static(&[0, 0, 0, 2, 0xc3, 0x28]);
        let err = crate::binary::from_bytes::<Str>(bad).unwrap_err();
        assert_eq!(
            err.offset(),
            Some(4),
            "the invalid sequence starts the string"
        );
    }
}
