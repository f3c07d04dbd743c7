//! Reading the JSON protocol.

use super::{base64_decode, Context, Contexts, VERSION};
use crate::error::{Error, ErrorKind, Result};
use crate::io::Input;
use crate::limits::Limits;
use crate::protocol::{
    check_fits, Depth, FieldHeader, InputProtocol, ListHeader, MapHeader, MessageHeader,
    MessageType, TType,
};

/// Reads the JSON protocol.
#[derive(Debug)]
pub struct JsonInputProtocol<I> {
    pub(super) input: I,
    pub(super) limits: Limits,
    pub(super) depth: Depth,
    pub(super) contexts: Contexts,
    /// A byte read from an input that could not lend it, to look at it: the next byte.
    /// Never left over when a message ends: every message ends with a `]` that is consumed.
    pub(super) peeked: Option<u8>,
}

impl<I: Input> JsonInputProtocol<I> {
    /// Reads from `input` with the default [`Limits`].
    pub fn new(input: I) -> Self {
        Self::with_limits(input, Limits::DEFAULT)
    }

    /// Reads from `input` with the given limits.
    pub fn with_limits(input: I, limits: Limits) -> Self {
        JsonInputProtocol {
            input,
            limits,
            depth: Depth::new(limits.max_depth),
            contexts: Contexts::new(),
            peeked: None,
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

    fn open(&mut self, bracket: u8, context: Context) -> Result<()> {
        self.separator()?;
        self.expect(bracket)?;
        self.contexts.push(context);
        Ok(())
    }

    fn close(&mut self, bracket: u8) -> Result<()> {
        self.expect(bracket)?;
        self.contexts.pop();
        Ok(())
    }

    fn enter(&mut self) -> Result<()> {
        let at = self.offset();
        self.depth.enter().map_err(|e| e.at(at))
    }

    fn container_begin(&mut self, what: &str) -> Result<ListHeader> {
        self.enter()?;
        self.open(b'[', Context::ARRAY)?;
        let element = self.type_name()?;
        let (len, at) = self.count(what, self.limits.max_container_len)?;
        check_fits(what, len, 1, self.remaining(), at)?;
        Ok(ListHeader { element, len })
    }

    fn container_end(&mut self) -> Result<()> {
        self.close(b']')?;
        self.depth.leave();
        Ok(())
    }

    fn remaining(&self) -> Option<usize> {
        let peeked = usize::from(self.peeked.is_some());
        self.input.remaining().map(|n| n + peeked)
    }
}

impl<I: Input> InputProtocol for JsonInputProtocol<I> {
    /// Reads `[1,"name",type,seq,`, leaving the body to stand alone (see
    /// [`JsonOutputProtocol::write_message_begin`](super::JsonOutputProtocol)).
    fn read_message_begin(&mut self) -> Result<MessageHeader> {
        let at = self.offset();
        self.expect(b'[')?;
        let version: i64 = self.integer("message version")?;
        if version != VERSION {
            return Err(Error::new(
                ErrorKind::BadVersion,
                format!("JSON protocol: bad message version {version}"),
            )
            .at(at));
        }
        self.expect(b',')?;
        let name = self.utf8_string()?;
        self.expect(b',')?;
        let kind_at = self.offset();
        let kind: u8 = self.integer("message type")?;
        let kind = MessageType::from_u8(kind).map_err(|e| e.at(kind_at))?;
        self.expect(b',')?;
        let seq = self.integer("sequence id")?;
        self.expect(b',')?;
        Ok(MessageHeader { name, kind, seq })
    }

    fn read_message_end(&mut self) -> Result<()> {
        self.expect(b']')
    }

    fn read_struct_begin(&mut self) -> Result<()> {
        self.enter()?;
        self.open(b'{', Context::OBJECT)
    }

    fn read_struct_end(&mut self) -> Result<()> {
        self.close(b'}')?;
        self.depth.leave();
        Ok(())
    }

    fn read_field_begin(&mut self) -> Result<FieldHeader> {
        if self.peek_token()? == Some(b'}') {
            return Ok(FieldHeader {
                ttype: TType::Stop,
                id: 0,
            });
        }
        let id = self.integer("field id")?;
        self.open(b'{', Context::OBJECT)?;
        let ttype = self.type_name()?;
        Ok(FieldHeader { ttype, id })
    }

    fn read_field_end(&mut self) -> Result<()> {
        self.close(b'}')
    }

    /// `1` or `0` as Apache's libraries write it; `true` and `false` are accepted too.
    fn read_bool(&mut self) -> Result<bool> {
        self.boolean()
    }

    fn read_i8(&mut self) -> Result<i8> {
        self.integer("i8")
    }

    fn read_i16(&mut self) -> Result<i16> {
        self.integer("i16")
    }

    fn read_i32(&mut self) -> Result<i32> {
        self.integer("i32")
    }

    fn read_i64(&mut self) -> Result<i64> {
        self.integer("i64")
    }

    /// A JSON number, or one of the quoted `"NaN"`, `"Infinity"` and `"-Infinity"`.
    fn read_double(&mut self) -> Result<f64> {
        self.double()
    }

    fn read_string(&mut self) -> Result<String> {
        self.utf8_string()
    }

    fn read_str(&mut self) -> Result<crate::Str> {
        self.utf8_string().map(crate::Str::from)
    }

    fn read_binary(&mut self) -> Result<Vec<u8>> {
        let at = self.offset();
        // Base64 takes four characters for every three bytes.
        let limit = self.limits.max_string_len.saturating_add(2) / 3 * 4;
        let text = self.string_bytes(limit)?;
        base64_decode(&text).ok_or_else(|| Error::invalid("binary is not base64").at(at))
    }

    fn read_bytes(&mut self) -> Result<bytes::Bytes> {
        self.read_binary().map(bytes::Bytes::from)
    }

    fn skip_binary(&mut self) -> Result<()> {
        self.string_into(None, usize::MAX).map(drop)
    }

    /// The hyphenated form, as Apache's libraries write it.
    fn read_uuid(&mut self) -> Result<[u8; 16]> {
        let at = self.offset();
        let text = self.string_bytes(36)?;
        std::str::from_utf8(&text)
            .ok()
            .filter(|t| t.len() == 36)
            .and_then(|t| t.parse::<crate::Uuid>().ok())
            .map(|uuid| uuid.0)
            .ok_or_else(|| Error::invalid("JSON: not a hyphenated uuid").at(at))
    }

    fn read_list_begin(&mut self) -> Result<ListHeader> {
        self.container_begin("list")
    }

    fn read_list_end(&mut self) -> Result<()> {
        self.container_end()
    }

    fn read_set_begin(&mut self) -> Result<ListHeader> {
        self.container_begin("set")
    }

    fn read_set_end(&mut self) -> Result<()> {
        self.container_end()
    }

    fn read_map_begin(&mut self) -> Result<MapHeader> {
        self.enter()?;
        self.open(b'[', Context::ARRAY)?;
        let key = self.type_name()?;
        let value = self.type_name()?;
        let (len, at) = self.count("map", self.limits.max_container_len)?;
        // Each entry takes at least `"":0` plus a comma.
        check_fits("map", len, 4, self.remaining(), at)?;
        self.open(b'{', Context::OBJECT)?;
        Ok(MapHeader { key, value, len })
    }

    fn read_map_end(&mut self) -> Result<()> {
        self.close(b'}')?;
        self.container_end()
    }

    fn limits(&self) -> &Limits {
        &self.limits
    }

    fn position(&self) -> usize {
        self.offset()
    }
}
