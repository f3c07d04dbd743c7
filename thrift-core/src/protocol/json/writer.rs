//! Writing the JSON protocol.

use super::{
    base64_group, format_double, format_integer, is_plain, type_name, Context, Contexts, NumberBuf,
    ESCAPES, VERSION,
};
use crate::error::Result;
use crate::io::Output;
use crate::limits::Limits;
use crate::protocol::{wire_len, Depth, MessageType, OutputProtocol, TType};

/// Writes the JSON protocol.
#[derive(Debug)]
pub struct JsonOutputProtocol<O> {
    out: O,
    depth: Depth,
    contexts: Contexts,
}

impl<O: Output> JsonOutputProtocol<O> {
    /// Writes to `out` with the default depth limit.
    pub fn new(out: O) -> Self {
        Self::with_limits(out, Limits::DEFAULT)
    }

    /// Writes to `out`, bounding nesting by `limits.max_depth`.
    pub fn with_limits(out: O, limits: Limits) -> Self {
        JsonOutputProtocol {
            out,
            depth: Depth::new(limits.max_depth),
            contexts: Contexts::new(),
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

    /// Writes the separator the current context puts before its next value.
    #[inline]
    fn separate(&mut self) {
        if let Some(separator) = self.contexts.current.advance() {
            self.out.put_u8(separator);
        }
    }

    fn put_string(&mut self, bytes: &[u8]) {
        self.out.put_u8(b'"');
        let mut rest = bytes;
        while let Some(at) = rest.iter().position(|&b| !is_plain(b)) {
            self.out.put_slice(&rest[..at]);
            let byte = rest[at];
            match ESCAPES.get(byte as usize) {
                Some(&0) => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let (hi, lo) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xf)]);
                    self.out.put_array([b'\\', b'u', b'0', b'0', hi, lo]);
                }
                Some(&letter) => self.out.put_array([b'\\', letter]),
                // The backslash, the one byte from 0x30 up that is escaped.
                None => self.out.put_array([b'\\', b'\\']),
            }
            rest = &rest[at + 1..];
        }
        self.out.put_slice(rest);
        self.out.put_u8(b'"');
    }

    fn json_string(&mut self, bytes: &[u8]) {
        self.separate();
        self.put_string(bytes);
    }

    /// An integer, quoted where it is an object key.
    fn json_integer(&mut self, value: i64) {
        self.separate();
        let mut buf = NumberBuf::default();
        let digits = format_integer(value, &mut buf);
        if self.contexts.current.is_key() {
            self.out.put_u8(b'"');
            self.out.put_slice(digits);
            self.out.put_u8(b'"');
        } else {
            self.out.put_slice(digits);
        }
    }

    fn open(&mut self, bracket: u8, context: Context) {
        self.separate();
        self.out.put_u8(bracket);
        self.contexts.push(context);
    }

    fn close(&mut self, bracket: u8) {
        self.contexts.pop();
        self.out.put_u8(bracket);
    }

    fn container_begin(&mut self, element: TType, len: usize) -> Result<()> {
        self.depth.enter()?;
        let len = wire_len("container size", len)?;
        self.open(b'[', Context::ARRAY);
        self.json_string(type_name(element));
        self.json_integer(len.into());
        Ok(())
    }

    fn container_end(&mut self) -> Result<()> {
        self.close(b']');
        self.depth.leave();
        Ok(())
    }
}

impl<O: Output> OutputProtocol for JsonOutputProtocol<O> {
    /// Writes `[1,"name",type,seq,`: the body that follows stands alone, so the message
    /// needs no state carried from here to [`write_message_end`](Self::write_message_end).
    fn write_message_begin(&mut self, name: &str, kind: MessageType, seq: i32) -> Result<()> {
        self.out.put_u8(b'[');
        let mut buf = NumberBuf::default();
        self.out.put_slice(format_integer(VERSION, &mut buf));
        self.out.put_u8(b',');
        self.put_string(name.as_bytes());
        self.out.put_u8(b',');
        self.out
            .put_slice(format_integer(kind as u8 as i64, &mut buf));
        self.out.put_u8(b',');
        self.out.put_slice(format_integer(seq.into(), &mut buf));
        self.out.put_u8(b',');
        Ok(())
    }

    fn write_message_end(&mut self) -> Result<()> {
        self.out.put_u8(b']');
        Ok(())
    }

    fn write_struct_begin(&mut self, _name: &'static str) -> Result<()> {
        self.depth.enter()?;
        self.open(b'{', Context::OBJECT);
        Ok(())
    }

    fn write_struct_end(&mut self) -> Result<()> {
        self.close(b'}');
        self.depth.leave();
        Ok(())
    }

    fn write_field_begin(&mut self, _name: &'static str, ttype: TType, id: i16) -> Result<()> {
        self.json_integer(id.into());
        self.open(b'{', Context::OBJECT);
        self.json_string(type_name(ttype));
        Ok(())
    }

    fn write_field_end(&mut self) -> Result<()> {
        self.close(b'}');
        Ok(())
    }

    fn write_field_stop(&mut self) -> Result<()> {
        Ok(())
    }

    fn write_bool(&mut self, value: bool) -> Result<()> {
        self.json_integer(value.into());
        Ok(())
    }

    fn write_i8(&mut self, value: i8) -> Result<()> {
        self.json_integer(value.into());
        Ok(())
    }

    fn write_i16(&mut self, value: i16) -> Result<()> {
        self.json_integer(value.into());
        Ok(())
    }

    fn write_i32(&mut self, value: i32) -> Result<()> {
        self.json_integer(value.into());
        Ok(())
    }

    fn write_i64(&mut self, value: i64) -> Result<()> {
        self.json_integer(value);
        Ok(())
    }

    /// `NaN`, `Infinity` and `-Infinity` are quoted, as is any double that is an object key.
    fn write_double(&mut self, value: f64) -> Result<()> {
        let special: Option<&[u8]> = if value.is_nan() {
            Some(b"NaN")
        } else if value.is_infinite() {
            Some(if value > 0.0 {
                b"Infinity"
            } else {
                b"-Infinity"
            })
        } else {
            None
        };
        self.separate();
        let mut buf = NumberBuf::default();
        let text = special.unwrap_or_else(|| format_double(value, &mut buf));
        if special.is_some() || self.contexts.current.is_key() {
            self.out.put_u8(b'"');
            self.out.put_slice(text);
            self.out.put_u8(b'"');
        } else {
            self.out.put_slice(text);
        }
        Ok(())
    }

    fn write_string(&mut self, value: &str) -> Result<()> {
        wire_len("string length", value.len())?;
        self.json_string(value.as_bytes());
        Ok(())
    }

    fn write_binary(&mut self, value: &[u8]) -> Result<()> {
        wire_len("binary length", value.len())?;
        self.separate();
        self.out.reserve(value.len().div_ceil(3) * 4 + 2);
        self.out.put_u8(b'"');
        for group in value.chunks(3) {
            self.out.put_array(base64_group(group));
        }
        self.out.put_u8(b'"');
        Ok(())
    }

    /// The hyphenated lowercase form, as Apache's libraries write it.
    fn write_uuid(&mut self, value: &[u8; 16]) -> Result<()> {
        self.json_string(&crate::Uuid(*value).hyphenated());
        Ok(())
    }

    fn write_list_begin(&mut self, element: TType, len: usize) -> Result<()> {
        self.container_begin(element, len)
    }

    fn write_list_end(&mut self) -> Result<()> {
        self.container_end()
    }

    fn write_set_begin(&mut self, element: TType, len: usize) -> Result<()> {
        self.container_begin(element, len)
    }

    fn write_set_end(&mut self) -> Result<()> {
        self.container_end()
    }

    fn write_map_begin(&mut self, key: TType, value: TType, len: usize) -> Result<()> {
        self.depth.enter()?;
        let len = wire_len("map size", len)?;
        self.open(b'[', Context::ARRAY);
        self.json_string(type_name(key));
        self.json_string(type_name(value));
        self.json_integer(len.into());
        self.open(b'{', Context::OBJECT);
        Ok(())
    }

    fn write_map_end(&mut self) -> Result<()> {
        self.close(b'}');
        self.container_end()
    }
}
