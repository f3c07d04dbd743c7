//! Reading the compact protocol.

use super::*;
use crate::error::ErrorKind;
use crate::io::Input;
use crate::limits::Limits;
use crate::protocol::{
    bulk_numbers, check_fits, checked_len, Depth, FieldHeader, InputProtocol, ListHeader,
    MapHeader, MessageHeader, MessageType, Number,
};

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

    crate::protocol::length_prefixed_reads!();

    #[inline]
    fn read_numbers<N: Number>(&mut self, len: usize) -> Result<Vec<N>> {
        if N::COMPACT_FIXED {
            if let Some(numbers) = bulk_numbers(&mut self.input, len, N::from_le) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::SliceInput;

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
