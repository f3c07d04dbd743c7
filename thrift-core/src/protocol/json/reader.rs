//! Reading the JSON protocol.

use super::{base64_decode, type_of_name, Context, Contexts, VERSION};
use crate::error::{Error, ErrorKind, Result};
use crate::io::Input;
use crate::limits::Limits;
use crate::protocol::{
    check_fits, Depth, FieldHeader, InputProtocol, ListHeader, MapHeader, MessageHeader,
    MessageType, TType,
};

/// The longest number accepted: far more than any writer produces (at most 24 characters),
/// and short enough to parse from the stack.
const MAX_NUMBER_LEN: usize = 64;

/// Reads the JSON protocol.
#[derive(Debug)]
pub struct JsonInputProtocol<I> {
    input: I,
    limits: Limits,
    depth: Depth,
    contexts: Contexts,
    /// A byte read from an input that could not lend it, to look at it: the next byte.
    /// Never left over when a message ends: every message ends with a `]` that is consumed.
    peeked: Option<u8>,
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

    #[inline]
    fn offset(&self) -> usize {
        self.input.position() - usize::from(self.peeked.is_some())
    }

    #[inline]
    fn next_byte(&mut self) -> Result<u8> {
        match self.peeked.take() {
            Some(byte) => Ok(byte),
            None => self.input.read_u8(),
        }
    }

    /// The next byte without consuming it; `None` at the end of the input.
    #[inline]
    fn peek_byte(&mut self) -> Result<Option<u8>> {
        if self.peeked.is_some() {
            return Ok(self.peeked);
        }
        if let Some(&byte) = self.input.buffered().first() {
            return Ok(Some(byte));
        }
        // Not `remaining() == Some(0)`: a framed transport loads its frame on the first read.
        match self.input.read_u8() {
            Ok(byte) => {
                self.peeked = Some(byte);
                Ok(Some(byte))
            }
            Err(e) if e.kind() == ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Consumes the byte [`peek_byte`](Self::peek_byte) just returned.
    #[inline]
    fn consume_peeked(&mut self) {
        if self.peeked.take().is_none() {
            self.input.advance(1);
        }
    }

    /// The next byte after any whitespace, not consumed.
    #[inline]
    fn peek_token(&mut self) -> Result<Option<u8>> {
        loop {
            match self.peek_byte()? {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.consume_peeked(),
                other => return Ok(other),
            }
        }
    }

    /// Consumes `expected` after any whitespace.
    #[inline]
    fn expect(&mut self, expected: u8) -> Result<()> {
        // What writers produce: the very next byte, already in memory.
        if self.peeked.is_none() && self.input.buffered().first() == Some(&expected) {
            self.input.advance(1);
            return Ok(());
        }
        self.expect_after_whitespace(expected)
    }

    fn expect_after_whitespace(&mut self, expected: u8) -> Result<()> {
        match self.peek_token()? {
            Some(byte) if byte == expected => {
                self.consume_peeked();
                Ok(())
            }
            found => Err(unexpected(expected, found, self.offset())),
        }
    }

    /// Consumes the separator the current context puts before its next value.
    #[inline]
    fn separator(&mut self) -> Result<()> {
        match self.contexts.current.advance() {
            Some(separator) => self.expect(separator),
            None => Ok(()),
        }
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

    /// Reads the characters of a JSON number into `buf`, returning how many there are.
    fn numeric_chars(&mut self, buf: &mut [u8; MAX_NUMBER_LEN]) -> Result<usize> {
        let mut len = 0;
        while let Some(byte) = self.peek_byte()?.filter(|&b| is_numeric(b)) {
            if len == buf.len() {
                return Err(too_long(self.offset()));
            }
            buf[len] = byte;
            len += 1;
            self.consume_peeked();
        }
        Ok(len)
    }

    /// A number's text, quoted (as object keys always are) or not; `parse` turns it into a
    /// value or `None`.
    fn number<T>(&mut self, what: &str, parse: impl Fn(&[u8]) -> Option<T>) -> Result<T> {
        self.separator()?;
        self.number_here(what, parse)
    }

    /// [`number`](Self::number) once its separator is consumed.
    fn number_here<T>(&mut self, what: &str, parse: impl Fn(&[u8]) -> Option<T>) -> Result<T> {
        let quoted = self.peek_token()? == Some(b'"');
        if quoted {
            self.consume_peeked();
        }
        let at = self.offset();
        let value = match self.peeked {
            // A number that ends inside the bytes in memory parses where it lies.
            None => match self.input.buffered().iter().position(|&b| !is_numeric(b)) {
                Some(len) if len <= MAX_NUMBER_LEN => {
                    let text = &self.input.buffered()[..len];
                    let value = parse(text).ok_or_else(|| bad_number(what, text, at))?;
                    self.input.advance(len);
                    Some(value)
                }
                Some(_) => return Err(too_long(at + MAX_NUMBER_LEN)),
                None => None,
            },
            Some(_) => None,
        };
        let value = match value {
            Some(value) => value,
            None => {
                let mut buf = [0u8; MAX_NUMBER_LEN];
                let len = self.numeric_chars(&mut buf)?;
                parse(&buf[..len]).ok_or_else(|| bad_number(what, &buf[..len], at))?
            }
        };
        if quoted && self.next_byte()? != b'"' {
            return Err(Error::invalid(format!("JSON: {what} has no closing quote")).at(at));
        }
        Ok(value)
    }

    fn integer<T: TryFrom<i64>>(&mut self, what: &str) -> Result<T> {
        self.number(what, |text| parse_integer(text)?.try_into().ok())
    }

    /// A count: an integer from 0 to `limit`, and where it starts.
    fn count(&mut self, what: &str, limit: usize) -> Result<(usize, usize)> {
        self.separator()?;
        self.peek_token()?;
        let at = self.offset();
        let len = self.number_here(what, parse_integer)?;
        if len < 0 {
            return Err(Error::negative_size(what, len).at(at));
        }
        match usize::try_from(len) {
            Ok(len) if len <= limit => Ok((len, at)),
            _ => Err(Error::size_limit(what, len as usize, limit).at(at)),
        }
    }

    /// Reads a JSON string, unescaped, into `out` (or only checks it, for `None`), failing
    /// once its contents pass `limit` bytes. Returns the offset where its contents start.
    fn string_into(&mut self, out: Option<&mut Vec<u8>>, limit: usize) -> Result<usize> {
        self.separator()?;
        self.quoted(out, limit)
    }

    /// [`string_into`](Self::string_into) once its separator is consumed.
    fn quoted(&mut self, mut out: Option<&mut Vec<u8>>, limit: usize) -> Result<usize> {
        self.expect(b'"')?;
        let start = self.offset();
        let mut len = 0usize;
        let mut push = |out: &mut Option<&mut Vec<u8>>, bytes: &[u8], at: usize| {
            len += bytes.len();
            if len > limit {
                return Err(Error::size_limit("string length", len, limit).at(at));
            }
            if let Some(out) = out {
                out.extend_from_slice(bytes);
            }
            Ok(())
        };
        loop {
            // Runs of plain bytes already in memory go in one copy.
            if self.peeked.is_none() {
                let buffered = self.input.buffered();
                let plain = buffered
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')
                    .unwrap_or(buffered.len());
                if plain > 0 {
                    push(&mut out, &buffered[..plain], start)?;
                    self.input.advance(plain);
                    continue;
                }
            }
            let at = self.offset();
            match self.next_byte()? {
                b'"' => return Ok(start),
                b'\\' => {
                    let mut utf8 = [0u8; 4];
                    let unescaped = self.escape(&mut utf8, at)?;
                    push(&mut out, unescaped, at)?;
                }
                byte => push(&mut out, &[byte], at)?,
            }
        }
    }

    /// The character after a backslash, as UTF-8 in `utf8`.
    fn escape<'b>(&mut self, utf8: &'b mut [u8; 4], at: usize) -> Result<&'b [u8]> {
        let simple = match self.next_byte()? {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let unit = self.hex4(at)?;
                let code = match unit {
                    0xd800..=0xdbff => {
                        // A high surrogate: its low half must follow as `\uXXXX`.
                        let low = if self.peek_byte()? == Some(b'\\') {
                            self.consume_peeked();
                            match self.next_byte()? {
                                b'u' => self.hex4(at)?,
                                _ => 0,
                            }
                        } else {
                            0
                        };
                        if !(0xdc00..=0xdfff).contains(&low) {
                            return Err(bad_escape("a high surrogate without its low half", at));
                        }
                        0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                    }
                    0xdc00..=0xdfff => {
                        return Err(bad_escape("a low surrogate without its high half", at))
                    }
                    unit => unit,
                };
                let c = char::from_u32(code)
                    .ok_or_else(|| bad_escape("a code point out of range", at))?;
                return Ok(c.encode_utf8(utf8).as_bytes());
            }
            _ => return Err(bad_escape("an unknown escape", at)),
        };
        utf8[0] = simple;
        Ok(&utf8[..1])
    }

    fn hex4(&mut self, at: usize) -> Result<u32> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = (self.next_byte()? as char)
                .to_digit(16)
                .ok_or_else(|| bad_escape("a `\\u` escape without four hex digits", at))?;
            value = value << 4 | digit;
        }
        Ok(value)
    }

    fn string_bytes(&mut self, limit: usize) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.string_into(Some(&mut out), limit)?;
        Ok(out)
    }

    fn utf8_string(&mut self) -> Result<String> {
        let mut bytes = Vec::new();
        let start = self.string_into(Some(&mut bytes), self.limits.max_string_len)?;
        // The offset is exact unless escapes came before the bad byte: they are longer in
        // the input than in the string, and always valid.
        String::from_utf8(bytes).map_err(|e| {
            Error::invalid("string is not valid UTF-8").at(start + e.utf8_error().valid_up_to())
        })
    }

    /// A type name (`"i32"`, `"rec"`, ...): at most three characters, never escaped.
    fn type_name(&mut self) -> Result<TType> {
        self.separator()?;
        self.expect(b'"')?;
        let at = self.offset();
        let mut name = [0u8; 3];
        let mut len = 0;
        loop {
            match self.next_byte()? {
                b'"' => break,
                byte if len < name.len() => {
                    name[len] = byte;
                    len += 1;
                }
                _ => {
                    len = usize::MAX;
                    break;
                }
            }
        }
        name.get(..len)
            .and_then(type_of_name)
            .ok_or_else(|| Error::invalid("JSON: unknown type name").at(at))
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
        self.separator()?;
        match self.peek_token()? {
            Some(b't' | b'f') => self.literal_bool(),
            _ => self.number_here("bool", |text| parse_integer(text).map(|n| n != 0)),
        }
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
        self.separator()?;
        if self.peek_token()? != Some(b'"') {
            return self.number_here("double", parse_double);
        }
        let mut text = Vec::new();
        let at = self.quoted(Some(&mut text), MAX_NUMBER_LEN)?;
        match &text[..] {
            b"NaN" => Ok(f64::NAN),
            b"Infinity" => Ok(f64::INFINITY),
            b"-Infinity" => Ok(f64::NEG_INFINITY),
            digits => digits
                .iter()
                .all(|&b| is_numeric(b))
                .then(|| parse_double(digits))
                .flatten()
                .ok_or_else(|| bad_number("double", digits, at)),
        }
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

impl<I: Input> JsonInputProtocol<I> {
    /// `true` or `false`, its separator already consumed.
    fn literal_bool(&mut self) -> Result<bool> {
        let at = self.offset();
        let mut word = [0u8; 5];
        let mut len = 0;
        while let Some(byte @ b'a'..=b'z') = self.peek_byte()? {
            if len == word.len() {
                break;
            }
            word[len] = byte;
            len += 1;
            self.consume_peeked();
        }
        match &word[..len] {
            b"true" => Ok(true),
            b"false" => Ok(false),
            _ => Err(bad_number("bool", &word[..len], at)),
        }
    }
}

#[cold]
fn unexpected(expected: u8, found: Option<u8>, at: usize) -> Error {
    let found = match found {
        Some(byte) if byte.is_ascii_graphic() => format!("`{}`", byte as char),
        Some(byte) => format!("byte {byte:#04x}"),
        None => "the end of the input".to_owned(),
    };
    let kind = if found.starts_with("the end") {
        ErrorKind::UnexpectedEof
    } else {
        ErrorKind::InvalidData
    };
    Error::new(
        kind,
        format!("JSON: expected `{}`, found {found}", expected as char),
    )
    .at(at)
}

/// Whether `byte` may appear in a JSON number.
#[inline]
fn is_numeric(byte: u8) -> bool {
    matches!(byte, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
}

/// A decimal integer with an optional sign; `None` if it is anything else or overflows.
#[inline]
fn parse_integer(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut magnitude: u64 = 0;
    for &digit in digits {
        let value = digit.wrapping_sub(b'0');
        if value > 9 {
            return None;
        }
        magnitude = magnitude.checked_mul(10)?.checked_add(value.into())?;
    }
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

fn parse_double(text: &[u8]) -> Option<f64> {
    std::str::from_utf8(text).ok()?.parse().ok()
}

#[cold]
fn bad_number(what: &str, text: &[u8], at: usize) -> Error {
    let text = String::from_utf8_lossy(text);
    Error::invalid(format!("JSON: `{text}` is not a valid {what}")).at(at)
}

#[cold]
fn too_long(at: usize) -> Error {
    Error::invalid("JSON number is too long").at(at)
}

#[cold]
fn bad_escape(what: &str, at: usize) -> Error {
    Error::invalid(format!("JSON string holds {what}")).at(at)
}
