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
/// `Bytes` input (`from_bytes`, moved in or borrowed, or the framed transport's frames) they
/// share its memory instead of copying, and clones are a reference-count increment. (The
/// buffered transport shares its receive buffer too, for strings that arrived whole in one
/// read.) It derefs to `&str`; use it where `String` allocations dominate decoding
/// (`thrift!("x.thrift", string_type = "Str")` or a derived field of type `Str`).
///
/// A shared `Str` keeps the whole buffer it was decoded from alive. To keep a few strings of
/// a large message for long, copy them out with `Str::from(&*s)` or `String::from(&*s)`.
#[derive(Clone)]
pub struct Str(Repr);

/// The longest string kept inline: as much as fits beside the length in `Bytes`' footprint,
/// so `Str` is no larger than `Bytes`.
const INLINE_CAP: usize = 23;

/// An inline string in three words: its bytes first, then zeros, and its length in the last
/// byte. Words, not a `[u8; 23]`, because the compiler moves an odd-sized array through a
/// stack copy with two overlapping stores, and reading such a copy back stalls on store
/// forwarding. The zeros make equal strings equal words, so two inline strings compare
/// word by word (`memcmp`'s wide loads stalled the same way on freshly decoded keys).
type InlineWords = [u64; 3];

#[derive(Clone)]
enum Repr {
    Inline(InlineWords),
    Shared(Bytes),
}

const _: () = assert!(std::mem::size_of::<Str>() == std::mem::size_of::<Bytes>());

/// The bytes of inline words, in memory order.
#[inline]
fn inline_bytes(words: &InlineWords) -> &[u8; INLINE_CAP + 1] {
    // SAFETY: `[u64; 3]` and `[u8; 24]` have the same size, every bit pattern is a valid
    // `u8`, and `u8` needs no alignment.
    unsafe { &*(words as *const InlineWords as *const [u8; INLINE_CAP + 1]) }
}

/// Inline words holding `chunk`'s first `len` bytes (`len <= INLINE_CAP`). Built in
/// registers: three loads, a mask over the bytes past `len`, and the length put in; no stack
/// copy and no branch.
#[inline]
fn words_from_chunk(chunk: &[u8; INLINE_CAP + 1], len: usize) -> InlineWords {
    let mask = &INLINE_MASKS[len];
    let word = |i: usize| {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(&chunk[i * 8..i * 8 + 8]);
        u64::from_ne_bytes(bytes) & mask[i]
    };
    with_len([word(0), word(1), word(2)], len)
}

/// Puts `len` into the last byte of inline words whose bytes past the string are zero.
#[inline(always)]
fn with_len(words: InlineWords, len: usize) -> InlineWords {
    // The last byte in memory order: the top byte of a little-endian word. It is never part
    // of the string (`len <= INLINE_CAP`), so it is still zero.
    let len_shift = if cfg!(target_endian = "little") {
        56
    } else {
        0
    };
    let [first, second, third] = words;
    [first, second, third | (len as u64) << len_shift]
}

/// For each inline length, the mask over that many bytes of inline words.
const INLINE_MASKS: [InlineWords; INLINE_CAP + 1] = {
    let mut masks = [[0; 3]; INLINE_CAP + 1];
    let mut len = 0;
    while len <= INLINE_CAP {
        let mut word = 0;
        while word < 3 {
            let mut bytes = [0u8; 8];
            let mut i = 0;
            while i < 8 && word * 8 + i < len {
                bytes[i] = 0xff;
                i += 1;
            }
            masks[len][word] = u64::from_ne_bytes(bytes);
            word += 1;
        }
        len += 1;
    }
    masks
};

/// Inline words as big-endian numbers: ordering those orders the strings. Past the shorter
/// string both hold zeros, so a prefix ties until the length byte, which ranks it first.
#[inline]
fn ordered_words(words: &InlineWords) -> [u64; 3] {
    words.map(|word| u64::from_be_bytes(word.to_ne_bytes()))
}

/// Whether two inline strings are equal, one word load at a time. `a == b` on the arrays
/// compiles to a 16-byte load at the words' offset 8 in `Str`, which spans both halves of
/// the 16-byte stores that move a `Str`. Right after a move, as `BTreeMap`'s build compares
/// each decoded key with the next, that load stalled on store forwarding: half the time of
/// the map build of a medium decode.
#[inline]
fn same_words(a: &InlineWords, b: &InlineWords) -> bool {
    (a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) == 0
}

/// Inline words for a string of at most `INLINE_CAP` bytes from anywhere, such as the last
/// field of a message, too close to its input's end for a whole chunk. Each word comes from
/// at most two overlapping loads, and the function is inlined, so the words never pass
/// through memory: a copy into a stack buffer, read back as words, stalled on store
/// forwarding and made a short `Str` at the end of a small message slower than a `String`.
#[inline(always)]
fn words_from_short(bytes: &[u8]) -> InlineWords {
    let len = bytes.len();
    let word = |i: usize| {
        let start = (i * 8).min(len);
        partial_word(&bytes[start..(start + 8).min(len)])
    };
    with_len([word(0), word(1), word(2)], len)
}

/// Up to eight bytes as a word in memory order, zero past their end.
#[inline(always)]
fn partial_word(bytes: &[u8]) -> u64 {
    // Two loads that overlap in the middle: OR-ing the overlap changes nothing.
    fn two<const N: usize>(bytes: &[u8], from: impl Fn([u8; N]) -> u64) -> u64 {
        let (Some(low), Some(high)) = (bytes.first_chunk::<N>(), bytes.last_chunk::<N>()) else {
            return 0;
        };
        from(*low) | from(*high) << ((bytes.len() - N) * 8)
    }
    let little = match bytes.len() {
        8.. => two::<8>(bytes, u64::from_le_bytes),
        4.. => two::<4>(bytes, |b| u32::from_le_bytes(b).into()),
        2.. => two::<2>(bytes, |b| u16::from_le_bytes(b).into()),
        1 => bytes[0].into(),
        0 => 0,
    };
    u64::from_ne_bytes(little.to_le_bytes())
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
            Repr::Inline(words) => {
                let bytes = inline_bytes(words);
                &bytes[..usize::from(bytes[INLINE_CAP])]
            }
            Repr::Shared(bytes) => bytes,
        };
        // SAFETY: every constructor checks (or takes from a `str`) that the bytes are UTF-8,
        // and the bytes never change afterwards.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// The bytes: shared when the string is, copied when it is inline.
    pub fn into_bytes(self) -> Bytes {
        match self.0 {
            Repr::Inline(_) => Bytes::copy_from_slice(self.as_bytes()),
            Repr::Shared(bytes) => bytes,
        }
    }

    /// Copies a short string inline; `None` if it is too long.
    #[inline]
    fn inline(bytes: &[u8]) -> Option<Self> {
        (bytes.len() <= INLINE_CAP).then(|| Str(Repr::Inline(words_from_short(bytes))))
    }

    /// From bytes already known to be UTF-8.
    fn from_checked(bytes: Bytes) -> Self {
        Self::inline(&bytes).unwrap_or(Str(Repr::Shared(bytes)))
    }

    /// Decodes `len` bytes of string from `input`: short strings into the inline buffer
    /// without touching the heap, long ones as (possibly shared) `Bytes`.
    ///
    /// Inlined into every read, with `read_str` and `Str::read`: returned out of line, the
    /// `Str` went through memory, stored a word at a time and moved on with 16-byte loads
    /// that stalled on store forwarding. `String`'s read inlines only a wrapper around its
    /// out-of-line copy (`read_utf8_string`): inlining all of it made the release build of a
    /// crate's codecs 13-27% slower. `Str` is the opt-in for speed, and its read is cheap.
    #[inline(always)]
    pub(crate) fn read_from<I: Input>(input: &mut I, len: usize) -> Result<Self> {
        let at = input.position();
        if len <= INLINE_CAP {
            let buffered = input.buffered();
            let words = if let Some(bytes) = buffered.get(..len) {
                // Validate in the input, before copying: reading the fresh copy back a word
                // at a time stalled on store forwarding.
                check_utf8(bytes, at)?;
                let words = match buffered.first_chunk::<{ INLINE_CAP + 1 }>() {
                    Some(chunk) => words_from_chunk(chunk, len),
                    None => words_from_short(bytes),
                };
                input.advance(len);
                words
            } else {
                let bytes = input.read_vec(len)?;
                check_utf8(&bytes, at)?;
                words_from_short(&bytes)
            };
            Ok(Str(Repr::Inline(words)))
        } else {
            let bytes = input.read_bytes(len)?;
            check_utf8(&bytes, at)?;
            Ok(Str(Repr::Shared(bytes)))
        }
    }
}

impl Default for Str {
    fn default() -> Self {
        Str(Repr::Inline([0; 3]))
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
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Inline(a), Repr::Inline(b)) => same_words(a, b),
            _ => self.as_str() == other.as_str(),
        }
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
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        match (&self.0, &other.0) {
            (Repr::Inline(a), Repr::Inline(b)) => ordered_words(a).cmp(&ordered_words(b)),
            _ => self.as_str().cmp(other.as_str()),
        }
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

    #[inline(always)]
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
    fn every_inline_length_decodes_from_the_middle_and_the_end_of_a_buffer() {
        for len in 0..=INLINE_CAP + 1 {
            let s: String = ('a'..='z').cycle().take(len).collect();
            // In the middle (other bytes follow, so the fast path reads past the string) and
            // at the very end (fewer than a chunk's bytes left).
            let middle = crate::compact::to_vec(&vec![s.clone(), "after".into()]);
            let decoded: Vec<Str> = crate::compact::from_slice(&middle).unwrap();
            assert_eq!(decoded, [s.as_str(), "after"], "{len} bytes, middle");
            let end: Str =
                crate::compact::from_bytes(Bytes::from(crate::compact::to_vec(&s))).unwrap();
            assert_eq!(end, s.as_str(), "{len} bytes, end");
            assert_eq!(end.len(), len);
        }
    }

    #[test]
    fn inline_strings_compare_like_strs() {
        let samples = [
            "",
            "\0",
            "a",
            "a\0",
            "a\0\0",
            "ab",
            "b",
            "aaaaaaa",
            "aaaaaaaa",
            "aaaaaaaab",
            "aaaaaaaaaaaaaaaa",
            "aaaaaaaaaaaaaaaa\0",
            "zzzzzzzzzzzzzzzzzzzzzzz",
            "é",
            "\u{7f}",
        ];
        // Decoded from the middle of a buffer (inline, built by the reader), copied from a
        // `&str` (inline, built from a short copy) and static (shared).
        let forms = |s: &'static str| {
            let bytes = crate::compact::to_vec(&vec![s.to_owned(), "tail".into()]);
            let mut decoded: Vec<Str> = crate::compact::from_slice(&bytes).unwrap();
            [decoded.swap_remove(0), Str::from(s), Str::from_static(s)]
        };
        for a in samples {
            for b in samples {
                for x in &forms(a) {
                    for y in &forms(b) {
                        assert_eq!(x.cmp(y), a.cmp(b), "{a:?} vs {b:?}");
                        assert_eq!(x == y, a == b, "{a:?} == {b:?}");
                    }
                }
            }
        }
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
        assert!(matches!(short.0, Repr::Inline(_)));
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
