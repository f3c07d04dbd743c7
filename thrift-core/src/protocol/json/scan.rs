//! The token-level reads the JSON reader is built on: bytes with one of lookahead,
//! whitespace, separators, numbers and strings.

use super::reader::JsonInputProtocol;
use super::type_of_name;
use crate::error::{Error, ErrorKind, Result};
use crate::io::Input;
use crate::protocol::TType;

/// The longest number accepted: far more than any writer produces (at most 24 characters),
/// and short enough to parse from the stack.
const MAX_NUMBER_LEN: usize = 64;

impl<I: Input> JsonInputProtocol<I> {
    #[inline]
    pub(super) fn offset(&self) -> usize {
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
    pub(super) fn peek_token(&mut self) -> Result<Option<u8>> {
        loop {
            match self.peek_byte()? {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.consume_peeked(),
                other => return Ok(other),
            }
        }
    }

    /// Consumes `expected` after any whitespace.
    #[inline]
    pub(super) fn expect(&mut self, expected: u8) -> Result<()> {
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
    pub(super) fn separator(&mut self) -> Result<()> {
        match self.contexts.current.advance() {
            Some(separator) => self.expect(separator),
            None => Ok(()),
        }
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

    pub(super) fn integer<T: TryFrom<i64>>(&mut self, what: &str) -> Result<T> {
        self.number(what, |text| parse_integer(text)?.try_into().ok())
    }

    /// A count: an integer from 0 to `limit`, and where it starts.
    pub(super) fn count(&mut self, what: &str, limit: usize) -> Result<(usize, usize)> {
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
    pub(super) fn string_into(&mut self, out: Option<&mut Vec<u8>>, limit: usize) -> Result<usize> {
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

    pub(super) fn string_bytes(&mut self, limit: usize) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.string_into(Some(&mut out), limit)?;
        Ok(out)
    }

    pub(super) fn utf8_string(&mut self) -> Result<String> {
        let mut bytes = Vec::new();
        let start = self.string_into(Some(&mut bytes), self.limits.max_string_len)?;
        // The offset is exact unless escapes came before the bad byte: they are longer in
        // the input than in the string, and always valid.
        String::from_utf8(bytes).map_err(|e| {
            Error::invalid("string is not valid UTF-8").at(start + e.utf8_error().valid_up_to())
        })
    }

    /// A type name (`"i32"`, `"rec"`, ...): at most three characters, never escaped.
    pub(super) fn type_name(&mut self) -> Result<TType> {
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

    /// A bool: `1` or `0`, or `true` or `false`.
    pub(super) fn boolean(&mut self) -> Result<bool> {
        self.separator()?;
        match self.peek_token()? {
            Some(b't' | b'f') => self.literal_bool(),
            _ => self.number_here("bool", |text| parse_integer(text).map(|n| n != 0)),
        }
    }

    /// A double: a JSON number, or one of the quoted `"NaN"`, `"Infinity"` and `"-Infinity"`.
    pub(super) fn double(&mut self) -> Result<f64> {
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
