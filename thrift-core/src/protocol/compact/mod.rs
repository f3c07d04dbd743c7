//! The compact protocol: zigzag varints, field-id deltas, bools packed into field headers.
//!
//! The bookkeeping the spec requires lives here: the last field id of every open struct (for
//! deltas) and, on write, a bool field whose header waits for its value, on read, a bool value
//! that arrived inside its field header.

mod reader;
mod writer;

pub use reader::CompactInputProtocol;
pub use writer::CompactOutputProtocol;

use super::TType;
use crate::error::{Error, Result};

const PROTOCOL_ID: u8 = 0x82;
const VERSION: u8 = 1;
const VERSION_MASK: u8 = 0x1f;
const TYPE_SHIFT: u8 = 5;

// Compact type ids; they differ from the binary protocol's.
const CT_STOP: u8 = 0;
const CT_BOOL_TRUE: u8 = 1;
const CT_BOOL_FALSE: u8 = 2;
const CT_I8: u8 = 3;
const CT_I16: u8 = 4;
const CT_I32: u8 = 5;
const CT_I64: u8 = 6;
const CT_DOUBLE: u8 = 7;
const CT_BINARY: u8 = 8;
const CT_LIST: u8 = 9;
const CT_SET: u8 = 10;
const CT_MAP: u8 = 11;
const CT_STRUCT: u8 = 12;
const CT_UUID: u8 = 13;

/// The compact type id of `ttype`; a bool element type is written as "true".
#[inline]
fn compact_type(ttype: TType) -> u8 {
    match ttype {
        TType::Stop | TType::Void => CT_STOP,
        TType::Bool => CT_BOOL_TRUE,
        TType::I8 => CT_I8,
        TType::I16 => CT_I16,
        TType::I32 => CT_I32,
        TType::I64 => CT_I64,
        TType::Double => CT_DOUBLE,
        TType::String => CT_BINARY,
        TType::List => CT_LIST,
        TType::Set => CT_SET,
        TType::Map => CT_MAP,
        TType::Struct => CT_STRUCT,
        TType::Uuid => CT_UUID,
    }
}

/// The wire type for each compact type id (either bool id means bool); `None` for ids that
/// mean nothing. A table, so the per-field lookup is one load rather than a branch tree.
const TTYPES: [Option<TType>; 16] = {
    let mut table = [None; 16];
    table[CT_STOP as usize] = Some(TType::Stop);
    table[CT_BOOL_TRUE as usize] = Some(TType::Bool);
    table[CT_BOOL_FALSE as usize] = Some(TType::Bool);
    table[CT_I8 as usize] = Some(TType::I8);
    table[CT_I16 as usize] = Some(TType::I16);
    table[CT_I32 as usize] = Some(TType::I32);
    table[CT_I64 as usize] = Some(TType::I64);
    table[CT_DOUBLE as usize] = Some(TType::Double);
    table[CT_BINARY as usize] = Some(TType::String);
    table[CT_LIST as usize] = Some(TType::List);
    table[CT_SET as usize] = Some(TType::Set);
    table[CT_MAP as usize] = Some(TType::Map);
    table[CT_STRUCT as usize] = Some(TType::Struct);
    table[CT_UUID as usize] = Some(TType::Uuid);
    table
};

/// The wire type for a compact type id (a nibble).
#[inline]
fn ttype_of(id: u8) -> Result<TType> {
    match TTYPES[usize::from(id & 0x0f)] {
        Some(ttype) if id <= 0x0f => Ok(ttype),
        _ => Err(unknown_type(id)),
    }
}

#[cold]
fn unknown_type(id: u8) -> Error {
    Error::invalid(format!("unknown compact type id {id:#04x}"))
}

/// The fewest bytes one value of `ttype` occupies.
fn min_size(ttype: TType) -> usize {
    match ttype {
        TType::Double => 8,
        TType::Uuid => 16,
        _ => 1,
    }
}

#[inline]
fn zigzag32(n: i32) -> u32 {
    ((n << 1) ^ (n >> 31)) as u32
}

#[inline]
fn zigzag64(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

#[inline]
fn unzigzag32(n: u32) -> i32 {
    ((n >> 1) as i32) ^ -((n & 1) as i32)
}

#[inline]
fn unzigzag64(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

/// The last field id of the innermost open struct, plus those of the structs around it.
///
/// The first levels live inline, so encoding or decoding a typical message allocates nothing
/// for them; deeper nesting (up to the depth limit) spills into a vector.
#[derive(Debug, Default)]
struct FieldIds {
    last: i16,
    depth: usize,
    inline: [i16; INLINE_DEPTH],
    spill: Vec<i16>,
}

const INLINE_DEPTH: usize = 16;

impl FieldIds {
    #[inline]
    fn push(&mut self) {
        match self.inline.get_mut(self.depth) {
            Some(slot) => *slot = self.last,
            None => self.spill.push(self.last),
        }
        self.depth += 1;
        self.last = 0;
    }

    #[inline]
    fn pop(&mut self) {
        let Some(depth) = self.depth.checked_sub(1) else {
            self.last = 0;
            return;
        };
        self.depth = depth;
        self.last = match self.inline.get(depth) {
            Some(&id) => id,
            None => self.spill.pop().unwrap_or(0),
        };
    }
}

/// Emits the LEB128 bytes of `value`, low group first.
#[inline(always)]
fn varint_bytes(mut value: u64, mut emit: impl FnMut(u8)) {
    while value >= 0x80 {
        emit(value as u8 | 0x80);
        value >>= 7;
    }
    emit(value as u8);
}

/// The longest varint: a 64-bit value in 7-bit groups.
const MAX_VARINT_LEN: usize = 10;

/// Decodes an unsigned LEB128 varint of at most `BITS` bits from `next_byte`, returning the
/// value and how many bytes it took; one loop for both of `read_varint`'s paths.
#[inline(always)]
fn decode_varint<const BITS: u32>(
    at: usize,
    mut next_byte: impl FnMut() -> Result<u8>,
) -> Result<(u64, usize)> {
    let mut value = 0u64;
    let mut shift = 0u32;
    loop {
        let byte = next_byte()?;
        let bits = u64::from(byte & 0x7f);
        if shift + 7 > BITS && bits >> (BITS - shift) != 0 {
            return Err(overlong_varint(BITS, at));
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            return Ok((value, (shift / 7 + 1) as usize));
        }
        shift += 7;
        if shift >= BITS {
            return Err(overlong_varint(BITS, at));
        }
    }
}

/// [`decode_varint`] from a window that holds the longest varint, so no byte needs an
/// end-of-input check.
#[inline(always)]
fn decode_varint_in<const BITS: u32>(
    window: &[u8; MAX_VARINT_LEN],
    at: usize,
) -> Result<(u64, usize)> {
    let mut i = 0;
    decode_varint::<BITS>(at, || {
        let byte = window[i];
        i += 1;
        Ok(byte)
    })
}

#[cold]
fn overlong_varint(bits: u32, at: usize) -> Error {
    Error::invalid(format!("varint longer than {bits} bits")).at(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zigzag_matches_the_spec_table() {
        for (n, z) in [
            (0, 0u32),
            (-1, 1),
            (1, 2),
            (-2, 3),
            (2147483647, 4294967294),
            (-2147483648, 4294967295),
        ] {
            assert_eq!(zigzag32(n), z);
            assert_eq!(unzigzag32(z), n);
        }
        assert_eq!(zigzag64(i64::MIN), u64::MAX);
        assert_eq!(unzigzag64(u64::MAX), i64::MIN);
    }
}
