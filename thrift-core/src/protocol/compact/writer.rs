//! Writing the compact protocol.

use super::*;
use crate::io::Output;
use crate::limits::Limits;
use crate::protocol::{wire_len, Depth, MessageType, Number, OutputProtocol};

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

    crate::protocol::length_prefixed_writes!();

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
