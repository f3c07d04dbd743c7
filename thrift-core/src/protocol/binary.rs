//! The binary protocol: fixed-width big-endian integers, `i32` length prefixes.
//!
//! Message headers are strict (versioned, `0x8001_0000 | type`) on write by default; on read
//! both strict and old-style (name first) headers are accepted unless strict reading is asked
//! for, as Apache's libraries do.

use super::{
    check_fits, checked_len, wire_len, Depth, FieldHeader, InputProtocol, ListHeader, MapHeader,
    MessageHeader, MessageType, Number, OutputProtocol, TType,
};
use crate::error::{Error, ErrorKind, Result};
use crate::io::{Input, Output};
use crate::limits::Limits;

const VERSION_1: u32 = 0x8001_0000;
const VERSION_MASK: u32 = 0xffff_0000;

/// The fewest bytes one value of `ttype` occupies, to reject counts the input cannot hold.
fn min_size(ttype: TType) -> usize {
    match ttype {
        TType::Stop | TType::Void | TType::Bool | TType::I8 | TType::Struct => 1,
        TType::I16 => 2,
        TType::I32 | TType::String => 4,
        TType::I64 | TType::Double => 8,
        TType::List | TType::Set => 5,
        TType::Map => 6,
        TType::Uuid => 16,
    }
}

/// Reads the binary protocol.
#[derive(Debug)]
pub struct BinaryInputProtocol<I> {
    input: I,
    limits: Limits,
    depth: Depth,
    strict: bool,
}

impl<I: Input> BinaryInputProtocol<I> {
    /// Reads from `input` with the default [`Limits`], accepting old-style message headers.
    pub fn new(input: I) -> Self {
        Self::with_limits(input, Limits::DEFAULT)
    }

    /// Reads from `input` with the given limits.
    pub fn with_limits(input: I, limits: Limits) -> Self {
        BinaryInputProtocol {
            input,
            limits,
            depth: Depth::new(limits.max_depth),
            strict: false,
        }
    }

    /// Rejects old-style (unversioned) message headers when `strict` is true.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
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
    fn read_type(&mut self) -> Result<TType> {
        let id = self.input.read_u8()?;
        TType::from_u8(id).map_err(|e| e.at(self.input.position() - 1))
    }

    #[inline]
    fn read_value_type(&mut self) -> Result<TType> {
        let id = self.input.read_u8()?;
        TType::value_type(id).map_err(|e| e.at(self.input.position() - 1))
    }

    #[inline]
    fn read_len(&mut self, what: &str, limit: usize) -> Result<usize> {
        let at = self.input.position();
        let len = self.read_i32()?;
        checked_len(what, len, limit, at)
    }

    #[inline]
    fn read_container_len(&mut self, what: &str, min_element_size: usize) -> Result<usize> {
        let at = self.input.position();
        let len = self.read_len(what, self.limits.max_container_len)?;
        check_fits(what, len, min_element_size, self.input.remaining(), at)?;
        Ok(len)
    }
}

impl<I: Input> InputProtocol for BinaryInputProtocol<I> {
    fn read_message_begin(&mut self) -> Result<MessageHeader> {
        let at = self.input.position();
        let first = self.read_i32()?;
        if first < 0 {
            let word = first as u32;
            if word & VERSION_MASK != VERSION_1 {
                return Err(Error::new(
                    ErrorKind::BadVersion,
                    format!("binary protocol: bad message version {word:#010x}"),
                )
                .at(at));
            }
            let kind = MessageType::from_u8(word as u8).map_err(|e| e.at(at + 3))?;
            let name = self.read_string()?;
            let seq = self.read_i32()?;
            Ok(MessageHeader { name, kind, seq })
        } else if self.strict {
            Err(Error::new(
                ErrorKind::BadVersion,
                "binary protocol: message header without version (strict read)",
            )
            .at(at))
        } else {
            let len = checked_len("method name", first, self.limits.max_string_len, at)?;
            let name = String::from_utf8(self.input.read_vec(len)?)
                .map_err(|_| Error::invalid("method name is not valid UTF-8").at(at + 4))?;
            let kind_at = self.input.position();
            let kind = MessageType::from_u8(self.input.read_u8()?).map_err(|e| e.at(kind_at))?;
            let seq = self.read_i32()?;
            Ok(MessageHeader { name, kind, seq })
        }
    }

    #[inline]
    fn read_message_end(&mut self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn read_struct_begin(&mut self) -> Result<()> {
        self.enter()
    }

    #[inline]
    fn read_struct_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn read_field_begin(&mut self) -> Result<FieldHeader> {
        let ttype = self.read_type()?;
        if ttype == TType::Stop {
            return Ok(FieldHeader { ttype, id: 0 });
        }
        let id = self.read_i16()?;
        Ok(FieldHeader { ttype, id })
    }

    #[inline]
    fn read_field_end(&mut self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn read_bool(&mut self) -> Result<bool> {
        Ok(self.input.read_u8()? != 0)
    }

    #[inline]
    fn read_i8(&mut self) -> Result<i8> {
        Ok(self.input.read_u8()? as i8)
    }

    #[inline]
    fn read_i16(&mut self) -> Result<i16> {
        Ok(i16::from_be_bytes(self.input.read_array()?))
    }

    #[inline]
    fn read_i32(&mut self) -> Result<i32> {
        Ok(i32::from_be_bytes(self.input.read_array()?))
    }

    #[inline]
    fn read_i64(&mut self) -> Result<i64> {
        Ok(i64::from_be_bytes(self.input.read_array()?))
    }

    #[inline]
    fn read_double(&mut self) -> Result<f64> {
        Ok(f64::from_bits(u64::from_be_bytes(self.input.read_array()?)))
    }

    super::length_prefixed_reads!();

    #[inline]
    fn read_numbers<N: Number>(&mut self, len: usize) -> Result<Vec<N>> {
        match super::bulk_numbers(&mut self.input, len, N::from_be) {
            Some(numbers) => Ok(numbers),
            None => crate::codec::read_each(self, len),
        }
    }

    #[inline]
    fn read_list_begin(&mut self) -> Result<ListHeader> {
        self.enter()?;
        let element = self.read_value_type()?;
        let len = self.read_container_len("list", min_size(element))?;
        Ok(ListHeader { element, len })
    }

    #[inline]
    fn read_list_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn read_set_begin(&mut self) -> Result<ListHeader> {
        self.enter()?;
        let element = self.read_value_type()?;
        let len = self.read_container_len("set", min_size(element))?;
        Ok(ListHeader { element, len })
    }

    #[inline]
    fn read_set_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn read_map_begin(&mut self) -> Result<MapHeader> {
        self.enter()?;
        let key = self.read_value_type()?;
        let value = self.read_value_type()?;
        let len = self.read_container_len("map", min_size(key) + min_size(value))?;
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

/// Writes the binary protocol.
#[derive(Debug)]
pub struct BinaryOutputProtocol<O> {
    out: O,
    depth: Depth,
    strict: bool,
}

impl<O: Output> BinaryOutputProtocol<O> {
    /// Writes to `out` with strict message headers and the default depth limit.
    pub fn new(out: O) -> Self {
        Self::with_limits(out, Limits::DEFAULT)
    }

    /// Writes to `out`, bounding nesting by `limits.max_depth`.
    pub fn with_limits(out: O, limits: Limits) -> Self {
        BinaryOutputProtocol {
            out,
            depth: Depth::new(limits.max_depth),
            strict: true,
        }
    }

    /// Writes old-style (unversioned) message headers when `strict` is false.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
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

    #[inline]
    fn put_len(&mut self, what: &str, len: usize) -> Result<()> {
        let len = wire_len(what, len)?;
        self.out.put_array(len.to_be_bytes());
        Ok(())
    }
}

impl<O: Output> OutputProtocol for BinaryOutputProtocol<O> {
    fn write_message_begin(&mut self, name: &str, kind: MessageType, seq: i32) -> Result<()> {
        if self.strict {
            self.out.put_array((VERSION_1 | kind as u32).to_be_bytes());
            self.write_string(name)?;
        } else {
            self.write_string(name)?;
            self.out.put_u8(kind as u8);
        }
        self.out.put_array(seq.to_be_bytes());
        Ok(())
    }

    #[inline]
    fn write_message_end(&mut self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn write_struct_begin(&mut self, _name: &'static str) -> Result<()> {
        self.depth.enter()
    }

    #[inline]
    fn write_struct_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn write_field_begin(&mut self, _name: &'static str, ttype: TType, id: i16) -> Result<()> {
        let [hi, lo] = id.to_be_bytes();
        self.out.put_array([ttype as u8, hi, lo]);
        Ok(())
    }

    #[inline]
    fn write_field_end(&mut self) -> Result<()> {
        Ok(())
    }

    #[inline]
    fn write_field_stop(&mut self) -> Result<()> {
        self.out.put_u8(TType::Stop as u8);
        Ok(())
    }

    #[inline]
    fn write_bool(&mut self, value: bool) -> Result<()> {
        self.out.put_u8(value as u8);
        Ok(())
    }

    #[inline]
    fn write_i8(&mut self, value: i8) -> Result<()> {
        self.out.put_u8(value as u8);
        Ok(())
    }

    #[inline]
    fn write_i16(&mut self, value: i16) -> Result<()> {
        self.out.put_array(value.to_be_bytes());
        Ok(())
    }

    #[inline]
    fn write_i32(&mut self, value: i32) -> Result<()> {
        self.out.put_array(value.to_be_bytes());
        Ok(())
    }

    #[inline]
    fn write_i64(&mut self, value: i64) -> Result<()> {
        self.out.put_array(value.to_be_bytes());
        Ok(())
    }

    #[inline]
    fn write_double(&mut self, value: f64) -> Result<()> {
        self.out.put_array(value.to_bits().to_be_bytes());
        Ok(())
    }

    super::length_prefixed_writes!();

    #[inline]
    fn write_numbers<N: Number>(&mut self, items: &[N]) -> Result<()> {
        self.out.put_each(items, N::SIZE, N::to_be);
        Ok(())
    }

    #[inline]
    fn write_list_begin(&mut self, element: TType, len: usize) -> Result<()> {
        self.depth.enter()?;
        self.out.put_u8(element as u8);
        self.put_len("list length", len)
    }

    #[inline]
    fn write_list_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn write_set_begin(&mut self, element: TType, len: usize) -> Result<()> {
        self.depth.enter()?;
        self.out.put_u8(element as u8);
        self.put_len("set length", len)
    }

    #[inline]
    fn write_set_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }

    #[inline]
    fn write_map_begin(&mut self, key: TType, value: TType, len: usize) -> Result<()> {
        self.depth.enter()?;
        self.out.put_array([key as u8, value as u8]);
        self.put_len("map length", len)
    }

    #[inline]
    fn write_map_end(&mut self) -> Result<()> {
        self.depth.leave();
        Ok(())
    }
}
