//! The compact protocol: zigzag varints, field-id deltas, bools packed into field headers.
//!
//! The bookkeeping the spec requires lives here: the last field id of every open struct (for
//! deltas) and, on write, a bool field whose header waits for its value, on read, a bool value
//! that arrived inside its field header.

use bytes::Bytes;

use super::{
    check_fits, checked_len, wire_len, Depth, FieldHeader, InputProtocol, ListHeader, MapHeader,
    MessageHeader, MessageType, Number, OutputProtocol, TType,
};
use crate::error::{Error, ErrorKind, Result};
use crate::io::{Input, Output};
use crate::limits::Limits;

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

/// Reads the compact protocol.
#[derive(Debug)]
pub struct CompactInputProtocol<I> {
    input: I,
    limits: Limits,
    depth: Depth,
    fields: FieldIds,
    pending_bool: Option<bool>,
}

impl<I: Input> CompactInputProtocol<I> {
    /// Reads from `input` with the default [`Limits`].
    pub fn new(input: I) -> Self {
        Self::with_limits(input, Limits::DEFAULT)
    }

    /// Reads from `input` with the given limits.
    pub fn with_limits(input: I, limits: Limits) -> Self {
        CompactInputProtocol {
            input,
            limits,
            depth: Depth::new(limits.max_depth),
            fields: FieldIds::default(),
            pending_bool: None,
        }
    }

    /// The underlying input.
    pub fn get_ref(&self) -> &I {
        &self.input
    }

    /// The underlying input, mutably.
    pub fn get_mut(&mut self) -> &mut I {
        &mut self.input
    }

    /// Unwraps the input.
    pub fn into_inner(self) -> I {
        self.input
    }

    #[inline]
    fn enter(&mut self) -> Result<()> {
        let at = self.input.position();
        self.depth.enter().map_err(|e| e.at(at))
    }

    #[inline]
    fn read_type(&mut self, id: u8, at: usize) -> Result<TType> {
        ttype_of(id).map_err(|e| e.at(at))
    }

    #[inline]
    fn read_value_type(&mut self, id: u8, at: usize) -> Result<TType> {
        match self.read_type(id, at)? {
            TType::Stop => Err(Error::invalid("container element type is stop").at(at)),
            t => Ok(t),
        }
    }

    /// Reads an unsigned LEB128 varint of at most `BITS` bits; longer encodings are errors.
    /// When the longest varint fits in the bytes already in memory, it decodes from them
    /// without an end-of-input check per byte.
    #[inline]
    fn read_varint<const BITS: u32>(&mut self) -> Result<u64> {
        let at = self.input.position();
        if let Some(window) = self.input.buffered().first_chunk::<MAX_VARINT_LEN>() {
            let (value, len) = decode_varint_in::<BITS>(window, at)?;
            self.input.advance(len);
            return Ok(value);
        }
        decode_varint::<BITS>(at, || self.input.read_u8()).map(|(value, _)| value)
    }

    #[inline]
    fn read_varint32(&mut self) -> Result<u32> {
        self.read_varint::<32>().map(|v| v as u32)
    }

    #[inline]
    fn read_len(&mut self, what: &str, limit: usize) -> Result<usize> {
        let at = self.input.position();
        let len = self.read_varint32()? as i32;
        checked_len(what, len, limit, at)
    }

    /// A list of zigzag varints, decoded in a tight loop from the bytes already in memory.
    /// Whatever that loop cannot take (the last few bytes of the buffer, or a malformed or
    /// out-of-range value) goes through the element reader, which also words every error.
    fn read_varint_numbers<N: Number>(&mut self, len: usize) -> Result<Vec<N>> {
        let mut out = Vec::with_capacity(crate::codec::capacity::<N>(len));
        while out.len() < len {
            let bytes = self.input.buffered();
            let mut used = 0;
            while out.len() < len {
                let Some(window) = bytes[used..].first_chunk::<MAX_VARINT_LEN>() else {
                    break;
                };
                let decoded = match N::VARINT_BITS {
                    32 => decode_varint_in::<32>(window, 0),
                    _ => decode_varint_in::<64>(window, 0),
                };
                match decoded.map(|(value, n)| (N::from_i64(unzigzag64(value)), n)) {
                    Ok((Some(value), n)) => {
                        out.push(value);
                        used += n;
                    }
                    _ => break,
                }
            }
            self.input.advance(used);
            if out.len() < len {
                out.push(N::read(self)?);
            }
        }
        Ok(out)
    }

    /// `read_field_begin` past its fast path: a long-form id, or an error.
    #[inline(never)]
    fn read_field_begin_slow(&mut self, header: u8) -> Result<FieldHeader> {
        let at = self.input.position() - 1;
        let type_id = header & 0x0f;
        let ttype = self.read_type(type_id, at)?;
        let id = match header >> 4 {
            0 => self.read_i16()?,
            delta => self
                .fields
                .last
                .checked_add(i16::from(delta))
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "field id delta {delta} overflows from {}",
                        self.fields.last
                    ))
                    .at(at)
                })?,
        };
        Ok(self.field_header(ttype, type_id, id))
    }

    /// Records a field header's id (and a bool field's value, which compact carries in the
    /// type id) and returns it: the end of both `read_field_begin` paths.
    #[inline]
    fn field_header(&mut self, ttype: TType, type_id: u8, id: i16) -> FieldHeader {
        if ttype == TType::Bool {
            self.pending_bool = Some(type_id == CT_BOOL_TRUE);
        }
        self.fields.last = id;
        FieldHeader { ttype, id }
    }

    #[inline]
    fn read_list_header(&mut self, what: &str) -> Result<ListHeader> {
        self.enter()?;
        let at = self.input.position();
        let header = self.input.read_u8()?;
        let element = self.read_value_type(header & 0x0f, at)?;
        let len = match header >> 4 {
            15 => self.read_len(what, self.limits.max_container_len)?,
            short => short as usize,
        };
        check_fits(what, len, min_size(element), self.input.remaining(), at)?;
        Ok(ListHeader { element, len })
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

impl<I: Input> InputProtocol for CompactInputProtocol<I> {
    fn read_message_begin(&mut self) -> Result<MessageHeader> {
        let at = self.input.position();
        let id = self.input.read_u8()?;
        if id != PROTOCOL_ID {
            return Err(Error::new(
                ErrorKind::BadVersion,
                format!("compact protocol: expected protocol id 0x82, found {id:#04x}"),
            )
            .at(at));
        }
        let version_and_type = self.input.read_u8()?;
        let version = version_and_type & VERSION_MASK;
        if version != VERSION {
            return Err(Error::new(
                ErrorKind::BadVersion,
                format!("compact protocol: unsupported version {version}"),
            )
            .at(at + 1));
        }
        let kind =
            MessageType::from_u8(version_and_type >> TYPE_SHIFT).map_err(|e| e.at(at + 1))?;
        let seq = self.read_varint32()? as i32;
        let name = self.read_string()?;
        Ok(MessageHeader { name, kind, seq })
    }

    #[inline]
    fn read_message_end(&mut self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn read_struct_begin(&mut self) -> Result<()> {
        self.enter()?;
        self.fields.push();
        Ok(())
    }

    #[inline]
    fn read_struct_end(&mut self) -> Result<()> {
        self.fields.pop();
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn read_field_begin(&mut self) -> Result<FieldHeader> {
        let header = self.input.read_u8()?;
        let type_id = header & 0x0f;
        let delta = header >> 4;
        // The common cases inline: the stop that ends every struct, and a known type with a
        // short delta that does not overflow.
        match TTYPES[usize::from(type_id)] {
            Some(TType::Stop) => {
                return Ok(FieldHeader {
                    ttype: TType::Stop,
                    id: 0,
                })
            }
            Some(ttype) if delta != 0 => {
                if let Some(id) = self.fields.last.checked_add(i16::from(delta)) {
                    return Ok(self.field_header(ttype, type_id, id));
                }
            }
            _ => {}
        }
        self.read_field_begin_slow(header)
    }

    #[inline]
    fn read_field_end(&mut self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn read_bool(&mut self) -> Result<bool> {
        match self.pending_bool.take() {
            Some(value) => Ok(value),
            None => Ok(self.input.read_u8()? == CT_BOOL_TRUE),
        }
    }

    #[inline]
    fn read_i8(&mut self) -> Result<i8> {
        Ok(self.input.read_u8()? as i8)
    }

    #[inline]
    fn read_i16(&mut self) -> Result<i16> {
        let at = self.input.position();
        let value = unzigzag32(self.read_varint32()?);
        i16::try_from(value)
            .map_err(|_| Error::invalid(format!("i16 value {value} out of range")).at(at))
    }

    #[inline]
    fn read_i32(&mut self) -> Result<i32> {
        Ok(unzigzag32(self.read_varint32()?))
    }

    #[inline]
    fn read_i64(&mut self) -> Result<i64> {
        Ok(unzigzag64(self.read_varint::<64>()?))
    }

    #[inline]
    fn read_double(&mut self) -> Result<f64> {
        Ok(f64::from_bits(u64::from_le_bytes(self.input.read_array()?)))
    }

    #[inline]
    fn read_string(&mut self) -> Result<String> {
        let len = self.read_len("string length", self.limits.max_string_len)?;
        super::read_utf8_string(&mut self.input, len)
    }

    #[inline]
    fn read_str(&mut self) -> Result<crate::Str> {
        let len = self.read_len("string length", self.limits.max_string_len)?;
        crate::Str::read_from(&mut self.input, len)
    }

    #[inline]
    fn read_numbers<N: Number>(&mut self, len: usize) -> Result<Vec<N>> {
        if N::COMPACT_FIXED {
            if let Some(numbers) = super::bulk_numbers(&mut self.input, len, N::from_le) {
                return Ok(numbers);
            }
        } else if len >= 8 {
            // The varint loop's setup costs more than it saves on short lists (measured: ~3%
            // more instructions on Parquet footers, whose size-statistics lists hold a few
            // values).
            return self.read_varint_numbers(len);
        }
        crate::codec::read_each(self, len)
    }

    #[inline]
    fn read_binary(&mut self) -> Result<Vec<u8>> {
        let len = self.read_len("binary length", self.limits.max_string_len)?;
        self.input.read_vec(len)
    }

    #[inline]
    fn read_bytes(&mut self) -> Result<Bytes> {
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

    #[inline]
    fn read_list_begin(&mut self) -> Result<ListHeader> {
        self.read_list_header("list")
    }

    #[inline]
    fn read_list_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn read_set_begin(&mut self) -> Result<ListHeader> {
        self.read_list_header("set")
    }

    #[inline]
    fn read_set_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn read_map_begin(&mut self) -> Result<MapHeader> {
        self.enter()?;
        let at = self.input.position();
        let len = self.read_len("map length", self.limits.max_container_len)?;
        if len == 0 {
            return Ok(MapHeader {
                key: TType::Stop,
                value: TType::Stop,
                len,
            });
        }
        let types_at = self.input.position();
        let types = self.input.read_u8()?;
        let key = self.read_value_type(types >> 4, types_at)?;
        let value = self.read_value_type(types & 0x0f, types_at)?;
        check_fits(
            "map",
            len,
            min_size(key) + min_size(value),
            self.input.remaining(),
            at,
        )?;
        Ok(MapHeader { key, value, len })
    }

    #[inline]
    fn read_map_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn limits(&self) -> &Limits {
        &self.limits
    }

    #[inline]
    fn position(&self) -> usize {
        self.input.position()
    }
}

/// Writes the compact protocol.
#[derive(Debug)]
pub struct CompactOutputProtocol<O> {
    out: O,
    depth: Depth,
    fields: FieldIds,
    pending_bool_field: Option<i16>,
}

impl<O: Output> CompactOutputProtocol<O> {
    /// Writes to `out` with the default depth limit.
    pub fn new(out: O) -> Self {
        Self::with_limits(out, Limits::DEFAULT)
    }

    /// Writes to `out`, bounding nesting by `limits.max_depth`.
    pub fn with_limits(out: O, limits: Limits) -> Self {
        CompactOutputProtocol {
            out,
            depth: Depth::new(limits.max_depth),
            fields: FieldIds::default(),
            pending_bool_field: None,
        }
    }

    /// The underlying output.
    pub fn get_ref(&self) -> &O {
        &self.out
    }

    /// The underlying output, mutably.
    pub fn get_mut(&mut self) -> &mut O {
        &mut self.out
    }

    /// Unwraps the output.
    pub fn into_inner(self) -> O {
        self.out
    }

    /// Writes an unsigned LEB128 varint (at most 10 bytes for 64 bits). Byte by byte: most
    /// varints are one or two bytes, where a copy from a scratch buffer costs more.
    #[inline]
    fn put_varint(&mut self, value: u64) {
        // Byte by byte: measured faster than staging in an array and copying it.
        varint_bytes(value, |byte| self.out.put_u8(byte));
    }

    #[inline]
    fn put_varint32(&mut self, value: u32) {
        self.put_varint(value.into())
    }

    #[inline]
    fn put_len(&mut self, what: &str, len: usize) -> Result<()> {
        let len = wire_len(what, len)?;
        self.put_varint32(len as u32);
        Ok(())
    }

    #[inline]
    fn put_field_header(&mut self, type_id: u8, id: i16) {
        let delta = i32::from(id) - i32::from(self.fields.last);
        if (1..=15).contains(&delta) {
            self.out.put_u8(((delta as u8) << 4) | type_id);
        } else {
            self.out.put_u8(type_id);
            self.put_varint32(zigzag32(id.into()));
        }
        self.fields.last = id;
    }

    #[inline]
    fn put_list_header(&mut self, what: &str, element: TType, len: usize) -> Result<()> {
        self.depth.enter()?;
        let type_id = compact_type(element);
        if len < 15 {
            self.out.put_u8(((len as u8) << 4) | type_id);
            Ok(())
        } else {
            self.out.put_u8(0xf0 | type_id);
            self.put_len(what, len)
        }
    }
}

impl<O: Output> OutputProtocol for CompactOutputProtocol<O> {
    fn write_message_begin(&mut self, name: &str, kind: MessageType, seq: i32) -> Result<()> {
        self.out
            .put_array([PROTOCOL_ID, VERSION | ((kind as u8) << TYPE_SHIFT)]);
        self.put_varint32(seq as u32);
        self.write_string(name)
    }

    #[inline]
    fn write_message_end(&mut self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn write_struct_begin(&mut self, _name: &'static str) -> Result<()> {
        self.depth.enter()?;
        self.fields.push();
        Ok(())
    }

    #[inline]
    fn write_struct_end(&mut self) -> Result<()> {
        self.fields.pop();
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn write_field_begin(&mut self, _name: &'static str, ttype: TType, id: i16) -> Result<()> {
        if ttype == TType::Bool {
            self.pending_bool_field = Some(id);
        } else {
            self.put_field_header(compact_type(ttype), id);
        }
        Ok(())
    }

    #[inline]
    fn write_field_end(&mut self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn write_field_stop(&mut self) -> Result<()> {
        self.out.put_u8(CT_STOP);
        Ok(())
    }

    #[inline]
    fn write_bool(&mut self, value: bool) -> Result<()> {
        let type_id = if value { CT_BOOL_TRUE } else { CT_BOOL_FALSE };
        match self.pending_bool_field.take() {
            Some(id) => self.put_field_header(type_id, id),
            None => self.out.put_u8(type_id),
        }
        Ok(())
    }

    #[inline]
    fn write_i8(&mut self, value: i8) -> Result<()> {
        self.out.put_u8(value as u8);
        Ok(())
    }

    #[inline]
    fn write_i16(&mut self, value: i16) -> Result<()> {
        self.put_varint32(zigzag32(value.into()));
        Ok(())
    }

    #[inline]
    fn write_i32(&mut self, value: i32) -> Result<()> {
        self.put_varint32(zigzag32(value));
        Ok(())
    }

    #[inline]
    fn write_i64(&mut self, value: i64) -> Result<()> {
        self.put_varint(zigzag64(value));
        Ok(())
    }

    #[inline]
    fn write_double(&mut self, value: f64) -> Result<()> {
        self.out.put_array(value.to_bits().to_le_bytes());
        Ok(())
    }

    #[inline]
    fn write_string(&mut self, value: &str) -> Result<()> {
        self.write_binary(value.as_bytes())
    }

    #[inline]
    fn write_numbers<N: Number>(&mut self, items: &[N]) -> Result<()> {
        if N::COMPACT_FIXED {
            self.out.put_each(items, N::SIZE, N::to_le);
        } else {
            // Varints into a stack buffer, flushed whenever the longest one might not fit.
            let mut buf = [0u8; 128];
            let mut at = 0;
            for &n in items {
                if at > buf.len() - MAX_VARINT_LEN {
                    self.out.put_slice(&buf[..at]);
                    at = 0;
                }
                varint_bytes(zigzag64(n.to_i64()), |byte| {
                    buf[at] = byte;
                    at += 1;
                });
            }
            self.out.put_slice(&buf[..at]);
        }
        Ok(())
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

    #[inline]
    fn write_list_begin(&mut self, element: TType, len: usize) -> Result<()> {
        self.put_list_header("list length", element, len)
    }

    #[inline]
    fn write_list_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn write_set_begin(&mut self, element: TType, len: usize) -> Result<()> {
        self.put_list_header("set length", element, len)
    }

    #[inline]
    fn write_set_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn write_map_begin(&mut self, key: TType, value: TType, len: usize) -> Result<()> {
        self.depth.enter()?;
        if len == 0 {
            self.out.put_u8(0);
            return Ok(());
        }
        self.put_len("map length", len)?;
        self.out
            .put_u8((compact_type(key) << 4) | compact_type(value));
        Ok(())
    }

    #[inline]
    fn write_map_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::SliceInput;

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

    #[test]
    fn varints_reject_overlong_encodings() {
        // u32::MAX in five bytes is fine; a sixth byte or excess bits in the fifth are not.
        let ok = [0xff, 0xff, 0xff, 0xff, 0x0f];
        let mut p = CompactInputProtocol::new(SliceInput::new(&ok));
        assert_eq!(p.read_varint32().unwrap(), u32::MAX);
        for bad in [
            &[0xff, 0xff, 0xff, 0xff, 0x1f][..],
            &[0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
        ] {
            let mut p = CompactInputProtocol::new(SliceInput::new(bad));
            let err = p.read_varint32().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidData, "{bad:x?}");
        }
        let eleven = [0xffu8; 11];
        let mut p = CompactInputProtocol::new(SliceInput::new(&eleven));
        assert_eq!(p.read_i64().unwrap_err().kind(), ErrorKind::InvalidData);
    }
}
