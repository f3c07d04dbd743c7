//! Wire protocols: the [`InputProtocol`] and [`OutputProtocol`] traits and their binary,
//! compact and JSON implementations.
//!
//! Generated code and hand-written [`ThriftType`](crate::ThriftType) impls are generic over
//! these traits (`fn write<P: OutputProtocol>`), so each protocol is monomorphised into the
//! codec with no dynamic dispatch per field. The `*_begin`/`*_end` pairs are no-ops for the
//! binary and compact protocols and compile away; the JSON protocol writes its brackets there,
//! and every protocol counts the depth limit in them.

pub mod binary;
pub mod compact;
mod dynamic;
pub mod json;
mod skip;
mod ttype;

pub(crate) use self::dynamic::{DynReader, DynWriter};
pub use self::ttype::{MessageType, TType};

use bytes::Bytes;

use crate::error::Result;
use crate::limits::Limits;

/// The reads that are the same in every protocol once it has its own `read_len`: strings,
/// binaries and UUIDs, all over `self.input`. Expanded inside each `InputProtocol` impl.
macro_rules! length_prefixed_reads {
    () => {
        #[inline(always)]
        fn read_string(&mut self) -> Result<String> {
            let len = self.read_len("string length", self.limits.max_string_len)?;
            $crate::protocol::read_utf8_string(&mut self.input, len)
        }

        #[inline(always)]
        fn read_str(&mut self) -> Result<$crate::Str> {
            let len = self.read_len("string length", self.limits.max_string_len)?;
            $crate::Str::read_from(&mut self.input, len)
        }

        #[inline]
        fn read_binary(&mut self) -> Result<Vec<u8>> {
            let len = self.read_len("binary length", self.limits.max_string_len)?;
            self.input.read_vec(len)
        }

        #[inline]
        fn read_bytes(&mut self) -> Result<bytes::Bytes> {
            let len = self.read_len("binary length", self.limits.max_string_len)?;
            self.input.read_bytes(len)
        }

        #[inline]
        fn skip_binary(&mut self) -> Result<()> {
            let len = self.read_len("binary length", self.limits.max_string_len)?;
            self.input.skip_bytes(len)
        }

        #[inline]
        fn read_uuid(&mut self) -> Result<[u8; 16]> {
            self.input.read_array()
        }
    };
}
use length_prefixed_reads;

/// The writes that are the same in every protocol once it has its own `put_len`: strings,
/// binaries and UUIDs, all into `self.out`. Expanded inside each `OutputProtocol` impl.
macro_rules! length_prefixed_writes {
    () => {
        #[inline]
        fn write_string(&mut self, value: &str) -> Result<()> {
            self.write_binary(value.as_bytes())
        }

        #[inline]
        fn write_binary(&mut self, value: &[u8]) -> Result<()> {
            self.put_len("binary length", value.len())?;
            self.out.put_slice(value);
            Ok(())
        }

        #[inline]
        fn write_uuid(&mut self, value: &[u8; 16]) -> Result<()> {
            self.out.put_array(*value);
            Ok(())
        }
    };
}
use length_prefixed_writes;

/// A field header as read from the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldHeader {
    /// The field's wire type; [`TType::Stop`] ends the struct.
    pub ttype: TType,
    /// The field id (meaningless for `Stop`).
    pub id: i16,
}

/// A list or set header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListHeader {
    /// The element type.
    pub element: TType,
    /// The number of elements, already checked against the limits and the remaining input.
    pub len: usize,
}

/// A map header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapHeader {
    /// The key type (may be [`TType::Stop`] for an empty compact map, which carries no types).
    pub key: TType,
    /// The value type (may be [`TType::Stop`] for an empty compact map).
    pub value: TType,
    /// The number of entries, already checked against the limits and the remaining input.
    pub len: usize,
}

/// A message header: the method name, what kind of message it is and the sequence id that
/// pairs a reply with its call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageHeader {
    /// The method name (with a `Service:` prefix under the multiplexed protocol).
    pub name: String,
    /// Call, reply, exception or oneway.
    pub kind: MessageType,
    /// The sequence id.
    pub seq: i32,
}

/// Reads Thrift values from an [`Input`](crate::io::Input).
///
/// Every `*_begin` that opens a struct or container must be matched by its `*_end`; the pair
/// tracks the nesting depth that [`Limits::max_depth`] bounds.
pub trait InputProtocol {
    /// Reads a message header.
    fn read_message_begin(&mut self) -> Result<MessageHeader>;
    /// Ends a message.
    fn read_message_end(&mut self) -> Result<()>;
    /// Opens a struct.
    fn read_struct_begin(&mut self) -> Result<()>;
    /// Closes a struct.
    fn read_struct_end(&mut self) -> Result<()>;
    /// Reads the next field header, or one with [`TType::Stop`] at the end of the struct.
    fn read_field_begin(&mut self) -> Result<FieldHeader>;
    /// Ends a field.
    fn read_field_end(&mut self) -> Result<()>;
    /// Reads a `bool`.
    fn read_bool(&mut self) -> Result<bool>;
    /// Reads a `byte`/`i8`.
    fn read_i8(&mut self) -> Result<i8>;
    /// Reads an `i16`.
    fn read_i16(&mut self) -> Result<i16>;
    /// Reads an `i32`.
    fn read_i32(&mut self) -> Result<i32>;
    /// Reads an `i64`.
    fn read_i64(&mut self) -> Result<i64>;
    /// Reads a `double`.
    fn read_double(&mut self) -> Result<f64>;
    /// Reads a `string`; invalid UTF-8 is an error.
    fn read_string(&mut self) -> Result<String>;
    /// Reads a `string` as a [`Str`](crate::Str): short ones inline, long ones shared with
    /// a `Bytes` input.
    fn read_str(&mut self) -> Result<crate::Str>;
    /// Reads the `len` elements of a list or set of numbers (their header already read). The
    /// default reads them one at a time; protocols that lay them out at a fixed width
    /// convert them in bulk.
    #[doc(hidden)]
    #[inline]
    fn read_numbers<N: Number>(&mut self, len: usize) -> Result<Vec<N>>
    where
        Self: Sized,
    {
        crate::codec::read_each(self, len)
    }
    /// Reads a `binary` into a vector.
    fn read_binary(&mut self) -> Result<Vec<u8>>;
    /// Reads a `binary` as [`Bytes`], zero-copy when the input is `Bytes`.
    fn read_bytes(&mut self) -> Result<Bytes>;
    /// Reads and discards a `string` or `binary` without copying or validating it.
    fn skip_binary(&mut self) -> Result<()>;
    /// Reads a `uuid` (16 bytes in RFC 4122 order).
    fn read_uuid(&mut self) -> Result<[u8; 16]>;
    /// Opens a list.
    fn read_list_begin(&mut self) -> Result<ListHeader>;
    /// Closes a list.
    fn read_list_end(&mut self) -> Result<()>;
    /// Opens a set.
    fn read_set_begin(&mut self) -> Result<ListHeader>;
    /// Closes a set.
    fn read_set_end(&mut self) -> Result<()>;
    /// Opens a map.
    fn read_map_begin(&mut self) -> Result<MapHeader>;
    /// Closes a map.
    fn read_map_end(&mut self) -> Result<()>;

    /// The limits this reader enforces.
    fn limits(&self) -> &Limits;

    /// Bytes consumed so far, for error offsets.
    fn position(&self) -> usize;

    /// Reads and discards one value of type `ttype`, however deeply nested, within the depth
    /// limit. Unknown fields go through here, so it never needs UTF-8 and never
    /// materialises a value.
    fn skip(&mut self, ttype: TType) -> Result<()>
    where
        Self: Sized,
    {
        skip::skip(self, ttype)
    }
}

/// Writes Thrift values to an [`Output`](crate::io::Output).
pub trait OutputProtocol {
    /// Writes a message header.
    fn write_message_begin(&mut self, name: &str, kind: MessageType, seq: i32) -> Result<()>;
    /// Ends a message.
    fn write_message_end(&mut self) -> Result<()>;
    /// Opens a struct; `name` is the Thrift name (used by text protocols only).
    fn write_struct_begin(&mut self, name: &'static str) -> Result<()>;
    /// Closes a struct.
    fn write_struct_end(&mut self) -> Result<()>;
    /// Writes a field header.
    fn write_field_begin(&mut self, name: &'static str, ttype: TType, id: i16) -> Result<()>;
    /// Ends a field.
    fn write_field_end(&mut self) -> Result<()>;
    /// Writes the end-of-struct marker.
    fn write_field_stop(&mut self) -> Result<()>;
    /// Writes a `bool`.
    fn write_bool(&mut self, value: bool) -> Result<()>;
    /// Writes a `byte`/`i8`.
    fn write_i8(&mut self, value: i8) -> Result<()>;
    /// Writes an `i16`.
    fn write_i16(&mut self, value: i16) -> Result<()>;
    /// Writes an `i32`.
    fn write_i32(&mut self, value: i32) -> Result<()>;
    /// Writes an `i64`.
    fn write_i64(&mut self, value: i64) -> Result<()>;
    /// Writes a `double`.
    fn write_double(&mut self, value: f64) -> Result<()>;
    /// Writes a `string`.
    fn write_string(&mut self, value: &str) -> Result<()>;
    /// Writes the elements of a list of numbers (after its header). The default writes them
    /// one at a time; protocols that lay them out at a fixed width convert them in bulk.
    #[doc(hidden)]
    #[inline]
    fn write_numbers<N: Number>(&mut self, items: &[N]) -> Result<()>
    where
        Self: Sized,
    {
        items.iter().try_for_each(|item| item.write(self))
    }
    /// Writes a `binary`.
    fn write_binary(&mut self, value: &[u8]) -> Result<()>;
    /// Writes a `uuid`.
    fn write_uuid(&mut self, value: &[u8; 16]) -> Result<()>;
    /// Opens a list of `len` elements of type `element`.
    fn write_list_begin(&mut self, element: TType, len: usize) -> Result<()>;
    /// Closes a list.
    fn write_list_end(&mut self) -> Result<()>;
    /// Opens a set of `len` elements of type `element`.
    fn write_set_begin(&mut self, element: TType, len: usize) -> Result<()>;
    /// Closes a set.
    fn write_set_end(&mut self) -> Result<()>;
    /// Opens a map of `len` entries.
    fn write_map_begin(&mut self, key: TType, value: TType, len: usize) -> Result<()>;
    /// Closes a map.
    fn write_map_end(&mut self) -> Result<()>;
}

/// Nesting-depth bookkeeping shared by all readers and writers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Depth {
    current: usize,
    max: usize,
}

impl Depth {
    pub(crate) fn new(max: usize) -> Self {
        Depth { current: 0, max }
    }

    /// Opens one level; the error carries no offset (writers have none, readers add theirs).
    #[inline]
    pub(crate) fn enter(&mut self) -> Result<()> {
        if self.current >= self.max {
            return Err(depth_error(self.max));
        }
        self.current += 1;
        Ok(())
    }

    #[inline]
    pub(crate) fn leave(&mut self) {
        self.current = self.current.saturating_sub(1);
    }
}

#[cold]
fn depth_error(max: usize) -> crate::Error {
    crate::Error::new(
        crate::ErrorKind::DepthLimit,
        format!("values nested more than {max} levels deep"),
    )
}

/// Converts a wire length to `usize`, rejecting negatives and values over `limit`.
#[inline]
pub(crate) fn checked_len(what: &str, len: i32, limit: usize, position: usize) -> Result<usize> {
    if len < 0 {
        return Err(crate::Error::negative_size(what, len.into()).at(position));
    }
    let len = len as usize;
    if len > limit {
        return Err(crate::Error::size_limit(what, len, limit).at(position));
    }
    Ok(len)
}

/// A number type whose lists protocols may decode in bulk (see
/// [`InputProtocol::read_numbers`]).
#[doc(hidden)]
pub trait Number: crate::ThriftType + Copy + 'static {
    /// Its size on the wire when written at a fixed width.
    const SIZE: usize;
    /// Whether the compact protocol writes it at a fixed width (little-endian) rather than as
    /// a varint.
    const COMPACT_FIXED: bool;
    /// From `SIZE` big-endian bytes.
    fn from_be(bytes: &[u8]) -> Self;
    /// From `SIZE` little-endian bytes.
    fn from_le(bytes: &[u8]) -> Self;
    /// Its `SIZE` bytes, as an array.
    type Bytes: AsRef<[u8]>;
    /// Into `SIZE` big-endian bytes.
    fn to_be(self) -> Self::Bytes;
    /// Into `SIZE` little-endian bytes.
    fn to_le(self) -> Self::Bytes;
    /// As a 64-bit integer, for the compact protocol's zigzag varints (only used when
    /// `COMPACT_FIXED` is false; a fixed-width number gives its bit pattern).
    fn to_i64(self) -> i64;
    /// The width of its compact varint: 32 (`i16` and `i32` are read as 32-bit varints) or
    /// 64; unused when `COMPACT_FIXED`.
    const VARINT_BITS: u32;
    /// From a 64-bit integer (a decoded compact varint); `None` if out of range.
    fn from_i64(value: i64) -> Option<Self>;
}

macro_rules! number {
    // What every number has: its fixed-width forms.
    (@common $ty:ty, $compact_fixed:expr) => {
        const SIZE: usize = std::mem::size_of::<$ty>();
        const COMPACT_FIXED: bool = $compact_fixed;
        #[inline]
        fn from_be(bytes: &[u8]) -> Self {
            <$ty>::from_be_bytes(bytes.try_into().expect("a chunk of SIZE bytes"))
        }
        #[inline]
        fn from_le(bytes: &[u8]) -> Self {
            <$ty>::from_le_bytes(bytes.try_into().expect("a chunk of SIZE bytes"))
        }
        type Bytes = [u8; std::mem::size_of::<$ty>()];
        #[inline]
        fn to_be(self) -> Self::Bytes {
            self.to_be_bytes()
        }
        #[inline]
        fn to_le(self) -> Self::Bytes {
            self.to_le_bytes()
        }
    };
    // Integers the compact protocol writes as zigzag varints of `$bits` bits.
    (varint $($ty:ty: $bits:expr),*) => {$(
        impl Number for $ty {
            number!(@common $ty, false);
            const VARINT_BITS: u32 = $bits;
            #[inline]
            fn to_i64(self) -> i64 {
                i64::from(self)
            }
            #[inline]
            fn from_i64(value: i64) -> Option<Self> {
                value.try_into().ok()
            }
        }
    )*};
    // Numbers the compact protocol writes at a fixed width, like the binary protocol.
    // `$bits_of` gives their 64-bit pattern, which `to_i64` returns: total, so nothing
    // panics, though the compact writer never asks for it.
    (fixed $($ty:ty => $bits_of:expr),*) => {$(
        impl Number for $ty {
            number!(@common $ty, true);
            const VARINT_BITS: u32 = 0;
            #[inline]
            fn to_i64(self) -> i64 {
                $bits_of(self)
            }
            fn from_i64(_: i64) -> Option<Self> {
                None
            }
        }
    )*};
}

number!(varint i16: 32, i32: 32, i64: 64);
number!(fixed i8 => i64::from, f64 => |v: f64| v.to_bits() as i64);

/// Converts `len` fixed-width numbers in bulk if the input holds them in memory; `None`
/// leaves the input untouched for an element-by-element read.
#[inline]
pub(crate) fn bulk_numbers<N: Number, I: crate::io::Input>(
    input: &mut I,
    len: usize,
    convert: impl Fn(&[u8]) -> N,
) -> Option<Vec<N>> {
    let size = len.checked_mul(N::SIZE)?;
    let numbers = input
        .buffered()
        .get(..size)?
        .chunks_exact(N::SIZE)
        .map(convert)
        .collect();
    input.advance(size);
    Some(numbers)
}

/// Reads `len` bytes of UTF-8 from `input` into a `String`, reporting invalid UTF-8 at its
/// offset.
///
/// Inlined, around an out-of-line [`read_utf8_boxed`]: a `Result<String>` is three words and
/// came back through memory, stored a word at a time, and the caller moved it on with 16-byte
/// loads that stalled on store forwarding. A boxed slice and its `Result` fit in two
/// registers, and the `String` is built from them where it is used. Inlining the whole read
/// instead made the release build of a crate's codecs 13-27% slower.
#[inline(always)]
pub(crate) fn read_utf8_string<I: crate::io::Input>(input: &mut I, len: usize) -> Result<String> {
    let bytes = read_utf8_boxed(input, len)?;
    // SAFETY: `read_utf8_boxed` validated the bytes.
    Ok(unsafe { String::from_utf8_unchecked(bytes.into_vec()) })
}

/// Reads `len` bytes of valid UTF-8 from `input`. Bytes already in memory are validated where
/// they lie, then copied: checking the fresh copy instead read it back a word at a time right
/// after `memcpy` wrote it, and stalled on store forwarding (perf put that check at 15% of a
/// medium decode's time).
#[inline(never)]
fn read_utf8_boxed<I: crate::io::Input>(input: &mut I, len: usize) -> Result<Box<[u8]>> {
    let at = input.position();
    let bytes = match input.buffered().get(..len) {
        Some(bytes) => {
            check_utf8(bytes, at)?;
            let bytes = Box::from(bytes);
            input.advance(len);
            bytes
        }
        None => {
            let bytes = input.read_vec(len)?;
            check_utf8(&bytes, at)?;
            bytes.into_boxed_slice()
        }
    };
    Ok(bytes)
}

/// Validates UTF-8. Thrift strings are mostly ASCII, which a few word loads settle faster
/// than the full decoder does on short strings; that test is inlined, the decoder is not.
#[inline(always)]
pub(crate) fn check_utf8(bytes: &[u8], at: usize) -> Result<()> {
    if is_ascii(bytes) {
        Ok(())
    } else {
        check_non_ascii_utf8(bytes, at)
    }
}

#[inline(never)]
fn check_non_ascii_utf8(bytes: &[u8], at: usize) -> Result<()> {
    match std::str::from_utf8(bytes) {
        Ok(_) => Ok(()),
        Err(e) => Err(invalid_utf8(at + e.valid_up_to())),
    }
}

/// `<[u8]>::is_ascii`, with inputs of up to 32 bytes settled by overlapping loads instead of
/// a loop over the bytes past the last whole word.
#[inline(always)]
fn is_ascii(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
    let half = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    match n {
        0..=3 => bytes.iter().all(|&b| b < 0x80),
        4..=7 => (half(0) | half(n - 4)) & HIGH as u32 == 0,
        8..=16 => (word(0) | word(n - 8)) & HIGH == 0,
        17..=32 => (word(0) | word(8) | word(n - 16) | word(n - 8)) & HIGH == 0,
        _ => bytes.is_ascii(),
    }
}

#[cold]
fn invalid_utf8(at: usize) -> crate::Error {
    crate::Error::invalid("string is not valid UTF-8").at(at)
}

/// Converts a length to the `i32` the wire carries.
#[inline]
pub(crate) fn wire_len(what: &str, len: usize) -> Result<i32> {
    i32::try_from(len).map_err(|_| crate::Error::size_limit(what, len, i32::MAX as usize))
}

/// Rejects a container whose elements could not fit in the bytes that remain.
#[inline]
pub(crate) fn check_fits(
    what: &str,
    len: usize,
    min_element_size: usize,
    remaining: Option<usize>,
    position: usize,
) -> Result<()> {
    match remaining {
        Some(remaining) if len.saturating_mul(min_element_size) > remaining => {
            Err(too_many_elements(what, len, remaining, position))
        }
        _ => Ok(()),
    }
}

#[cold]
fn too_many_elements(what: &str, len: usize, remaining: usize, position: usize) -> crate::Error {
    crate::Error::new(
        crate::ErrorKind::SizeLimit,
        format!("{what} declares {len} elements but only {remaining} bytes remain"),
    )
    .at(position)
}

#[cfg(test)]
mod tests {
    use super::{check_utf8, is_ascii};

    #[test]
    fn is_ascii_sees_a_high_byte_anywhere_at_every_length() {
        for len in 0..=80 {
            let mut bytes = vec![b'a'; len];
            assert!(is_ascii(&bytes), "len {len}");
            for at in 0..len {
                bytes[at] = 0x80;
                assert!(!is_ascii(&bytes), "len {len}, high byte at {at}");
                bytes[at] = b'a';
            }
        }
    }

    #[test]
    fn check_utf8_accepts_multibyte_text_and_reports_where_it_breaks() {
        assert!(check_utf8("héllo wörld, ünïcode".as_bytes(), 0).is_ok());
        let err = check_utf8(b"abc\xffdef", 10).unwrap_err();
        assert!(err.to_string().contains("13"), "{err}");
    }
}
