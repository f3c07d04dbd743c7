//! A hand-written lexer following Apache's `thriftl.ll`.
//!
//! It never fails: problems are recorded as diagnostics and lexing goes on,
//! so that one run reports every mistake. Doc comments (`/** ... */`) do not
//! become tokens; they are kept in a side table keyed by the offset of the
//! token they document.

use crate::diag::Diagnostic;
use crate::source::{FileId, Pos, Span};

pub use super::token::Tok;
use super::token::{keyword, legacy_namespace};

/// Deepest bracket nesting accepted. It bounds the depth of every type and
/// constant value, so that no later recursive pass can overflow the stack.
pub const MAX_NESTING: u32 = 64;

/// A token with its start and end, as the parser consumes it.
pub type Spanned<'a> = (Pos, Tok<'a>, Pos);

/// Turns IDL text into tokens, collecting doc comments and diagnostics.
pub struct Lexer<'a> {
    file: FileId,
    text: &'a str,
    bytes: &'a [u8],
    /// Next byte to scan.
    at: usize,
    /// Line/column bookkeeping: position `cursor` is at `line`:`col`.
    cursor: usize,
    line: u32,
    col: u32,
    depth: u32,
    stopped: bool,
    stop_offset: u32,
    pending_doc: Option<String>,
    /// `(offset of the documented token, cleaned doc text)`, sorted.
    pub docs: Vec<(u32, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Lexer<'a> {
    /// A lexer over one file's text.
    pub fn new(file: FileId, text: &'a str) -> Lexer<'a> {
        Lexer {
            file,
            text,
            bytes: text.as_bytes(),
            at: 0,
            cursor: 0,
            line: 1,
            col: 1,
            depth: 0,
            stopped: false,
            stop_offset: 0,
            pending_doc: None,
            docs: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The position of byte `offset`; offsets must not decrease between calls.
    fn pos(&mut self, offset: usize) -> Pos {
        // Callers only move forwards; should one not, this degrades to a
        // slightly wrong column rather than a panic.
        let skipped = self.bytes.get(self.cursor..offset).unwrap_or_default();
        for &b in skipped {
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                self.col += 1;
            }
        }
        self.cursor = self.cursor.max(offset);
        Pos {
            offset: offset as u32,
            line: self.line,
            col: self.col,
        }
    }

    fn span(&mut self, start: usize, end: usize) -> Span {
        let l = self.pos(start);
        let r = self.pos(end);
        Span::new(self.file, l, r)
    }

    fn error(&mut self, start: usize, end: usize, message: String, label: &str) {
        let span = self.span(start, end);
        self.diagnostics
            .push(Diagnostic::error(message, span, label));
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.at + ahead).copied().unwrap_or(0)
    }

    /// Skips whitespace and comments; records doc comments.
    fn skip_trivia(&mut self) {
        loop {
            match self.peek(0) {
                b' ' | b'\t' | b'\r' | b'\n' => self.at += 1,
                b'#' => self.skip_line(),
                b'/' if self.peek(1) == b'/' => self.skip_line(),
                b'/' if self.peek(1) == b'*' => {
                    if !self.block_comment() {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    fn skip_line(&mut self) {
        while self.at < self.bytes.len() && self.bytes[self.at] != b'\n' {
            self.at += 1;
        }
    }

    /// Returns false (and stops lexing) on an unterminated comment.
    fn block_comment(&mut self) -> bool {
        let start = self.at;
        let body = start + 2;
        let Some(close) = self.text[body..].find("*/") else {
            self.error(
                start,
                start + 2,
                "unterminated block comment".into(),
                "comment starts here",
            );
            self.at = self.bytes.len();
            self.stopped = true;
            self.stop_offset = start as u32;
            return false;
        };
        let end = body + close + 2;
        // `/**/`, `/***/` ... are plain comments; `/** text */` is a doc comment.
        let inner = &self.text[body..body + close];
        if inner.starts_with('*') && !inner.bytes().all(|b| b == b'*') {
            self.pending_doc = Some(clean_doc(&inner[1..]));
        }
        self.at = end;
        true
    }

    fn ident_or_keyword(&mut self, start: usize) -> Tok<'a> {
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        self.at += 1;
        loop {
            let b = self.peek(0);
            if is_word(b) {
                self.at += 1;
            } else if b == b'.' && is_word(self.peek(1)) {
                self.at += 2;
            } else {
                break;
            }
        }
        let word = &self.text[start..self.at];
        if let Some(tok) = keyword(word) {
            if word == "slist" || word == "senum" {
                self.error(
                    start,
                    self.at,
                    format!("`{word}` is no longer supported, use `string` instead"),
                    "removed from Thrift",
                );
            }
            return tok;
        }
        if let Some(scope) = legacy_namespace(word) {
            self.error(
                start,
                self.at,
                format!("unsupported declaration `{word}`, use `namespace {scope}` instead"),
                "removed from Thrift",
            );
            return Tok::LegacyNamespace;
        }
        Tok::Ident(word)
    }

    fn number(&mut self, start: usize) -> Tok<'a> {
        let sign = matches!(self.peek(0), b'+' | b'-');
        let negative = self.peek(0) == b'-';
        if sign {
            self.at += 1;
        }
        if self.peek(0) == b'0'
            && matches!(self.peek(1), b'x' | b'X')
            && self.peek(2).is_ascii_hexdigit()
        {
            self.at += 2;
            let digits_start = self.at;
            while self.peek(0).is_ascii_hexdigit() {
                self.at += 1;
            }
            let digits = &self.text[digits_start..self.at];
            let value = u64::from_str_radix(digits, 16)
                .ok()
                .filter(|&v| v <= i64::MAX as u64)
                .map(|v| if negative { -(v as i64) } else { v as i64 });
            return self.int_or_error(start, value);
        }
        let mut is_double = false;
        while self.peek(0).is_ascii_digit() {
            self.at += 1;
        }
        if self.peek(0) == b'.' && self.peek(1).is_ascii_digit() {
            is_double = true;
            self.at += 1;
            while self.peek(0).is_ascii_digit() {
                self.at += 1;
            }
        }
        if matches!(self.peek(0), b'e' | b'E') {
            let digits_at = if matches!(self.peek(1), b'+' | b'-') {
                2
            } else {
                1
            };
            if self.peek(digits_at).is_ascii_digit() {
                is_double = true;
                self.at += digits_at;
                while self.peek(0).is_ascii_digit() {
                    self.at += 1;
                }
            }
        }
        let text = &self.text[start..self.at];
        if is_double {
            // The text matches Rust's float syntax (with an optional `+`).
            let value = text.trim_start_matches('+').parse::<f64>().unwrap_or(0.0);
            return Tok::Double(value);
        }
        let value = text.trim_start_matches('+').parse::<i64>().ok();
        self.int_or_error(start, value)
    }

    fn int_or_error(&mut self, start: usize, value: Option<i64>) -> Tok<'a> {
        match value {
            Some(v) => Tok::Int(v),
            None => {
                let text = self.text[start..self.at].to_string();
                self.error(
                    start,
                    self.at,
                    format!("integer `{text}` is too large"),
                    "does not fit in an i64",
                );
                Tok::Int(0)
            }
        }
    }

    fn literal(&mut self, start: usize) -> Tok<'a> {
        let quote = self.bytes[start];
        self.at += 1;
        let mut value = String::new();
        let mut chunk = self.at;
        loop {
            match self.peek(0) {
                0 if self.at >= self.bytes.len() => break,
                b'\n' => break,
                b'\\' => {
                    value.push_str(&self.text[chunk..self.at]);
                    let escaped = match self.peek(1) {
                        b'r' => Some('\r'),
                        b'n' => Some('\n'),
                        b't' => Some('\t'),
                        b'"' => Some('"'),
                        b'\'' => Some('\''),
                        b'\\' => Some('\\'),
                        _ => None,
                    };
                    match escaped {
                        Some(c) => {
                            value.push(c);
                            self.at += 2;
                        }
                        None => {
                            let len = self.text[self.at + 1..]
                                .chars()
                                .next()
                                .filter(|&c| c != '\n')
                                .map_or(0, char::len_utf8);
                            let end = self.at + 1 + len;
                            let text = self.text[self.at..end].to_string();
                            self.error(
                                self.at,
                                end,
                                format!("unknown escape `{text}` in string literal"),
                                r#"only \r \n \t \" \' and \\ are allowed"#,
                            );
                            self.at = end;
                        }
                    }
                    chunk = self.at;
                }
                b if b == quote => {
                    value.push_str(&self.text[chunk..self.at]);
                    self.at += 1;
                    return Tok::Literal(value);
                }
                _ => self.at += 1,
            }
        }
        value.push_str(&self.text[chunk..self.at]);
        self.error(
            start,
            start + 1,
            "unterminated string literal".into(),
            "string starts here",
        );
        Tok::Literal(value)
    }

    fn symbol(&mut self, start: usize) -> Option<Tok<'a>> {
        let tok = match self.bytes[start] {
            b':' => Tok::Colon,
            b';' => Tok::Semi,
            b',' => Tok::Comma,
            b'{' => Tok::LBrace,
            b'}' => Tok::RBrace,
            b'(' => Tok::LParen,
            b')' => Tok::RParen,
            b'=' => Tok::Eq,
            b'<' => Tok::Lt,
            b'>' => Tok::Gt,
            b'[' => Tok::LBracket,
            b']' => Tok::RBracket,
            b'*' => Tok::Star,
            b'&' => Tok::Amp,
            _ => return None,
        };
        self.at += 1;
        Some(tok)
    }

    fn track_depth(&mut self, tok: &Tok<'a>, l: Pos, r: Pos) {
        match tok {
            Tok::LBrace | Tok::LParen | Tok::Lt | Tok::LBracket => {
                self.depth += 1;
                if self.depth > MAX_NESTING {
                    self.diagnostics.push(Diagnostic::error(
                        format!("nesting is too deep (more than {MAX_NESTING} levels)"),
                        Span::new(self.file, l, r),
                        "stopped reading here",
                    ));
                    self.stopped = true;
                    self.stop_offset = l.offset;
                }
            }
            Tok::RBrace | Tok::RParen | Tok::Gt | Tok::RBracket => {
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn next_token(&mut self) -> Option<Spanned<'a>> {
        loop {
            if self.stopped {
                return None;
            }
            self.skip_trivia();
            if self.stopped || self.at >= self.bytes.len() {
                return None;
            }
            let start = self.at;
            // Positions are computed in order: the token's start first, then
            // any error inside it, then its end.
            let l = self.pos(start);
            let b = self.bytes[start];
            let tok = if b.is_ascii_alphabetic() || b == b'_' {
                self.ident_or_keyword(start)
            } else if b.is_ascii_digit()
                || (b == b'.' && self.peek(1).is_ascii_digit())
                || (matches!(b, b'+' | b'-')
                    && (self.peek(1).is_ascii_digit()
                        || (self.peek(1) == b'.' && self.peek(2).is_ascii_digit())))
            {
                self.number(start)
            } else if b == b'"' || b == b'\'' {
                self.literal(start)
            } else if let Some(tok) = self.symbol(start) {
                tok
            } else {
                let ch = self.text[start..].chars().next().unwrap_or('\u{fffd}');
                self.at = start + ch.len_utf8();
                self.error(
                    start,
                    self.at,
                    format!("unexpected character `{}`", ch.escape_debug()),
                    "not valid in Thrift IDL",
                );
                continue;
            };
            let r = self.pos(self.at);
            self.track_depth(&tok, l, r);
            if self.stopped {
                return None;
            }
            if let Some(doc) = self.pending_doc.take() {
                self.docs.push((l.offset, doc));
            }
            return Some((l, tok, r));
        }
    }
}

impl Lexer<'_> {
    /// Where lexing stopped early (unterminated comment, too deep nesting).
    pub fn stopped_at(&self) -> Option<u32> {
        self.stopped.then_some(self.stop_offset)
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<Spanned<'a>, super::Never>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_token().map(Ok)
    }
}

/// Turns the inside of `/** ... */` into plain text: strips the leading `*`
/// of each line and the common indentation, and drops blank edge lines.
pub fn clean_doc(raw: &str) -> String {
    let lines: Vec<&str> = raw
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            match trimmed.strip_prefix('*') {
                Some(rest) if !rest.starts_with('/') => rest,
                _ => line,
            }
        })
        .collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start()).trim_end())
        .collect();
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(text: &str) -> (Vec<Tok<'_>>, Vec<String>) {
        let mut lexer = Lexer::new(FileId(0), text);
        let tokens = lexer
            .by_ref()
            .map(|t| t.map(|(_, tok, _)| tok))
            .collect::<Result<_, _>>();
        let tokens = tokens.unwrap_or_else(|never: super::super::Never| match never {});
        let errors = lexer
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        (tokens, errors)
    }

    #[test]
    fn numbers_follow_thriftl() {
        let (tokens, errors) = lex("1 -2 +3 0x1F -0x10 1.5 -.5 1e3 2E-2 e10 true false 1");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            tokens,
            [
                Tok::Int(1),
                Tok::Int(-2),
                Tok::Int(3),
                Tok::Int(31),
                Tok::Int(-16),
                Tok::Double(1.5),
                Tok::Double(-0.5),
                Tok::Double(1000.0),
                Tok::Double(0.02),
                // Like Apache (THRIFT-3477): `e10` is an identifier, not a number.
                Tok::Ident("e10"),
                Tok::Int(1),
                Tok::Int(0),
                Tok::Int(1),
            ]
        );
        let (_, errors) = lex("1 . 9223372036854775808 -9223372036854775808");
        assert_eq!(
            errors,
            [
                "unexpected character `.`",
                "integer `9223372036854775808` is too large"
            ]
        );
    }

    #[test]
    fn identifiers_may_contain_dots_between_words() {
        let (tokens, _) = lex("a.b.c shared.Color.RED a..b");
        assert_eq!(
            tokens[..2],
            [Tok::Ident("a.b.c"), Tok::Ident("shared.Color.RED")]
        );
        assert_eq!(tokens[2], Tok::Ident("a"));
    }

    #[test]
    fn literals_and_escapes() {
        let (tokens, errors) = lex(r#""a\"b" 'c\'d' "\t\n\r\\" "x'y" 'x"y'"#);
        assert!(errors.is_empty());
        let values: Vec<&str> = tokens
            .iter()
            .map(|t| match t {
                Tok::Literal(s) => s.as_str(),
                _ => "?",
            })
            .collect();
        assert_eq!(values, ["a\"b", "c'd", "\t\n\r\\", "x'y", "x\"y"]);
    }

    #[test]
    fn doc_comments_attach_to_the_next_token() {
        let mut lexer = Lexer::new(
            FileId(0),
            "/** one */ // plain\n/**/ struct /** two\n * lines\n */ X",
        );
        let tokens: Vec<_> = lexer.by_ref().filter_map(Result::ok).collect();
        assert_eq!(
            lexer.docs,
            [
                (tokens[0].0.offset, "one".to_string()),
                (tokens[1].0.offset, "two\nlines".to_string())
            ]
        );
    }

    #[test]
    fn clean_doc_strips_stars_and_indentation() {
        assert_eq!(
            clean_doc("*\n   * A.\n   *\n   *   indented\n   "),
            "A.\n\n  indented"
        );
        assert_eq!(clean_doc(" single line "), "single line");
    }

    #[test]
    fn positions_count_characters() {
        let mut lexer = Lexer::new(FileId(0), "# é\n\tgrüße x");
        let tokens: Vec<_> = lexer.by_ref().filter_map(Result::ok).collect();
        // `grüße` is not one identifier: `ü` and `ß` are not ASCII.
        let last = tokens.last().map(|(l, _, _)| (l.line, l.col));
        assert_eq!(last, Some((2, 8)));
        assert_eq!(lexer.diagnostics.len(), 2);
    }
}
