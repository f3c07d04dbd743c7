//! [`Str`]: a `string` that shares its bytes with the input it was decoded from.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use bytes::Bytes;

use super::ThriftType;
use crate::error::Result;
use crate::io::Input;
use crate::protocol::{check_utf8, InputProtocol, OutputProtocol, TType};

/// An immutable UTF-8 string that is cheap to decode and to clone.
///
/// Strings of up to 23 bytes (most keys, names and tags) live inline, so decoding one
/// allocates nothing and cloning one is a copy. Longer strings are [`Bytes`]: decoded from a
/// `Bytes` input (`from_bytes`, a framed server) they share its memory instead of copying, and
/// clones are a reference-count increment. It derefs to `&str`; use it where `String`
/// allocations dominate decoding (`thrift!("x.thrift", string_type = "Str")` or a derived field
/// of type `Str`).
#[derive(Clone)]
pub struct Str(Repr);

/// The longest string kept inline: as much as fits beside the length in `Bytes`' footprint,
/// so `Str` is no larger than `Bytes`.
const INLINE_CAP: usize = 23;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE_CAP] },
    Shared(Bytes),
}

impl Str {
    /// A `Str` of a string literal, without copying.
    pub const fn from_static(s: &'static str) -> Self {
        Str(Repr::Shared(Bytes::from_static(s.as_bytes())))
    }

    /// Wraps `bytes` if they are valid UTF-8; long strings share them, short ones are copied
    /// inline.
    pub fn from_utf8(bytes: Bytes) -> std::result::Result<Self, std::str::Utf8Error> {
        std::str::from_utf8(&bytes)?;
        Ok(Self::from_checked(bytes))
    }

    /// The string.
    #[inline]
    pub fn as_str(&self) -> &str {
        let bytes = match &self.0 {
            Repr::Inline { len, buf } => &buf[..*len as usize],
            Repr::Shared(bytes) => bytes,
        };
        // SAFETY: every constructor checks (or takes from a `str`) that the bytes are UTF-8,
        // and the bytes never change afterwards.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// The bytes: shared when the string is, copied when it is inline.
    pub fn into_bytes(self) -> Bytes {
        match self.0 {
            Repr::Inline { .. } => Bytes::copy_from_slice(self.as_bytes()),
            Repr::Shared(bytes) => bytes,
        }
    }

    /// Copies a short string inline; `None` if it is too long.
    #[inline]
    fn inline(bytes: &[u8]) -> Option<Self> {
        let mut buf = [0; INLINE_CAP];
        buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
        Some(Str(Repr::Inline {
            len: bytes.len() as u8,
            buf,
        }))
    }

    /// From bytes already known to be UTF-8.
    fn from_checked(bytes: Bytes) -> Self {
        Self::inline(&bytes).unwrap_or(Str(Repr::Shared(bytes)))
    }

    /// Decodes `len` bytes of string from `input`: short strings into the inline buffer
    /// without touching the heap, long ones as (possibly shared) `Bytes`.
    #[inline]
    pub(crate) fn read_from<I: Input>(input: &mut I, len: usize) -> Result<Self> {
        let at = input.position();
        if len <= INLINE_CAP {
            let mut buf = [0; INLINE_CAP];
            let buffered = input.buffered();
            if let Some(bytes) = buffered.get(..len) {
                // Validate in the input, before copying: reading the fresh copy back a word
                // at a time stalled on store forwarding.
                check_utf8(bytes, at)?;
                match buffered.first_chunk::<INLINE_CAP>() {
                    // One fixed-size move; the bytes past `len` are never read.
                    Some(chunk) => buf = *chunk,
                    None => buf = short_copy(bytes),
                }
                input.advance(len);
            } else {
                buf[..len].copy_from_slice(&input.read_vec(len)?);
                check_utf8(&buf[..len], at)?;
            }
            Ok(Str(Repr::Inline {
                len: len as u8,
                buf,
            }))
        } else {
            let bytes = input.read_bytes(len)?;
            check_utf8(&bytes, at)?;
            Ok(Str(Repr::Shared(bytes)))
        }
    }
}

/// `bytes` at the front of an inline buffer. Out of line on purpose: merged with the
/// fixed-size move above, it turned that into a `memcpy` call of variable length, whose
/// byte-wise stores then stalled the wide load that moves the buffer into the `Str`.
#[inline(never)]
fn short_copy(bytes: &[u8]) -> [u8; INLINE_CAP] {
    let mut buf = [0; INLINE_CAP];
    buf[..bytes.len()].copy_from_slice(bytes);
    buf
}

impl Default for Str {
    fn default() -> Self {
        Str(Repr::Inline {
            len: 0,
            buf: [0; INLINE_CAP],
        })
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
        Self::inline(s.as_bytes()).unwrap_or_else(|| Str(Repr::Shared(Bytes::from(s))))
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Self {
        Self::inline(s.as_bytes())
            .unwrap_or_else(|| Str(Repr::Shared(Bytes::copy_from_slice(s.as_bytes()))))
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
        p.read_str()
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
    fn is_no_larger_than_bytes() {
        assert_eq!(std::mem::size_of::<Str>(), std::mem::size_of::<Bytes>());
    }

    #[test]
    fn short_strings_are_inline_and_long_ones_shared() {
        let long = "a string longer than the inline buffer";
        let bytes = Bytes::from(crate::binary::to_vec(&vec![
            "short".to_owned(),
            long.into(),
        ]));
        let decoded: Vec<Str> = crate::binary::from_bytes(bytes.clone()).unwrap();
        let [short, shared] = &decoded[..] else {
            panic!("two strings")
        };
        assert_eq!((&**short, &**shared), ("short", long));
        assert!(matches!(short.0, Repr::Inline { .. }));
        let long_at = bytes.len() - long.len();
        assert_eq!(
            shared.as_ptr(),
            bytes[long_at..].as_ptr(),
            "shares the input"
        );
        let from_slice: Str =
            crate::compact::from_slice(&crate::compact::to_vec(&long.to_owned())).unwrap();
        assert_eq!(from_slice, long);
        for s in [
            "",
            "x",
            &"y".repeat(INLINE_CAP),
            &"z".repeat(INLINE_CAP + 1),
        ] {
            assert_eq!(Str::from(s), s);
            assert_eq!(Str::from(s.to_owned()), s);
            assert_eq!(Str::from(s).into_bytes(), s.as_bytes());
            assert_eq!(
                Str::from_utf8(Bytes::copy_from_slice(s.as_bytes())).unwrap(),
                s
            );
        }
        assert_eq!(Str::default(), "");
    }

    #[test]
    fn rejects_invalid_utf8_at_its_offset() {
        let bad = Bytes::from_static(&[0, 0, 0, 2, 0xc3, 0x28]);
        let err = crate::binary::from_bytes::<Str>(bad).unwrap_err();
        assert_eq!(
            err.offset(),
            Some(4),
            "the invalid sequence starts the string"
        );
        let mut long = crate::compact::to_vec(&"é".repeat(20));
        long[31] = 0xff; // the first byte of the 16th `é`
        let err = crate::compact::from_slice::<Str>(&long).unwrap_err();
        assert_eq!(err.offset(), Some(31));
    }
}
