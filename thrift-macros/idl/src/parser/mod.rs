//! Text to [`ast::Document`]: our lexer feeding the committed LALRPOP parser.

pub mod lexer;
mod token;

use std::cell::RefCell;

use lalrpop_util::{ErrorRecovery, ParseError};

use crate::ast;
use crate::diag::Diagnostic;
use crate::grammar::DocumentParser;
use crate::source::{FileId, Pos, Span};
use lexer::{Lexer, Tok};

/// The lexer's error type: it has none, problems become diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Never {}

/// What the grammar's actions need besides the tokens.
pub struct ParseCtx {
    file: FileId,
    docs: Vec<(u32, String)>,
    warnings: RefCell<Vec<Diagnostic>>,
}

impl ParseCtx {
    pub(crate) fn span(&self, l: Pos, r: Pos) -> Span {
        Span::new(self.file, l, r)
    }

    /// The doc comment written right before the token at `l`, if any.
    pub(crate) fn doc(&self, l: Pos) -> Option<String> {
        self.docs
            .binary_search_by_key(&l.offset, |(offset, _)| *offset)
            .ok()
            .map(|i| self.docs[i].1.clone())
    }

    /// `async` is the old spelling of `oneway`; Apache accepts it with a warning.
    pub(crate) fn async_keyword(&self, l: Pos, r: Pos) -> Span {
        let span = self.span(l, r);
        self.warnings.borrow_mut().push(Diagnostic::warning(
            "`async` is deprecated, it is called `oneway` now",
            span,
            "use `oneway`",
        ));
        span
    }
}

/// Parses one file. The document holds every definition that parsed, even
/// when there were syntax errors, so that resolution can still report its
/// own errors in the same run.
pub fn parse(file: FileId, text: &str) -> (ast::Document, Vec<Diagnostic>) {
    let mut lexer = Lexer::new(file, text);
    let tokens: Vec<_> = lexer.by_ref().collect();
    let mut diagnostics = std::mem::take(&mut lexer.diagnostics);
    let ctx = ParseCtx {
        file,
        docs: std::mem::take(&mut lexer.docs),
        warnings: RefCell::new(Vec::new()),
    };
    let lexer_error_lines: Vec<u32> = diagnostics.iter().map(|d| d.primary.span.line).collect();
    // After a fatal lexer error the token stream ends early; what the parser
    // then says about the missing rest is noise.
    let stopped_at = lexer.stopped_at();
    let end = eof_pos(text);
    let token_starts: Vec<u32> = tokens
        .iter()
        .map(|t| t.as_ref().map_or(0, |(l, _, _)| l.offset))
        .collect();

    let mut recovered = Vec::new();
    let result = DocumentParser::new().parse(&ctx, &mut recovered, tokens);
    let (document, fatal) = match result {
        Ok(document) => (document, None),
        Err(error) => (ast::Document::default(), Some(error)),
    };
    let parse_errors = recovered
        .into_iter()
        .map(|ErrorRecovery { error, .. }| error)
        .chain(fatal);
    // Like yacc, report a new syntax error only once three tokens went
    // through since the previous one; closer ones are usually its echo.
    let mut last_error_token: Option<usize> = None;
    for error in parse_errors {
        let diagnostic = syntax_error(file, error, end);
        let offset = diagnostic.primary.span.start;
        let token = token_starts.partition_point(|&start| start < offset);
        let echo = last_error_token.is_some_and(|last| token < last + 3);
        last_error_token = Some(token);
        // An error on a line the lexer already complained about is almost
        // always a consequence of that complaint.
        let after_lexer_error = lexer_error_lines.contains(&diagnostic.primary.span.line);
        let after_stop = stopped_at.is_some_and(|stop| offset >= stop);
        if !echo && !after_lexer_error && !after_stop {
            diagnostics.push(diagnostic);
        }
    }
    diagnostics.extend(ctx.warnings.into_inner());
    (document, diagnostics)
}

fn eof_pos(text: &str) -> Pos {
    let line = text.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let last_line = text.rsplit('\n').next().unwrap_or("");
    Pos {
        offset: text.len() as u32,
        line,
        col: last_line.chars().count() as u32 + 1,
    }
}

fn syntax_error(file: FileId, error: ParseError<Pos, Tok<'_>, Never>, eof: Pos) -> Diagnostic {
    match error {
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => Diagnostic::error(
            format!(
                "expected {}, found {}",
                describe_expected(&expected),
                tok.describe()
            ),
            Span::new(file, l, r),
            "unexpected token",
        ),
        ParseError::ExtraToken { token: (l, tok, r) } => Diagnostic::error(
            format!("unexpected {}", tok.describe()),
            Span::new(file, l, r),
            "unexpected token",
        ),
        ParseError::UnrecognizedEof { expected, .. } => Diagnostic::error(
            format!(
                "unexpected end of file, expected {}",
                describe_expected(&expected)
            ),
            Span::new(file, eof, eof),
            "file ends here",
        ),
        ParseError::InvalidToken { location } => {
            Diagnostic::error("invalid token", Span::new(file, location, location), "")
        }
        ParseError::User { error } => match error {},
    }
}

/// The keywords that start a type (`void` only where a function returns).
const TYPE_KEYWORDS: [&str; 14] = [
    "bool", "byte", "i8", "i16", "i32", "i64", "double", "string", "binary", "uuid", "map", "list",
    "set", "void",
];

/// Words rather than backticked tokens for the terminals that carry a value.
const VALUE_TERMINALS: [&str; 4] = ["identifier", "string literal", "integer", "number"];

/// Turns lalrpop's list of expected terminals into prose, keeping it short:
/// where a keyword-only field name is possible, listing all 30 keywords helps
/// no one.
fn describe_expected(expected: &[String]) -> String {
    let mut items: Vec<&str> = expected
        .iter()
        .map(|e| e.trim_matches('"'))
        .filter(|e| *e != "legacy namespace" && *e != "senum")
        .collect();
    let is_keyword = |e: &&str| {
        !VALUE_TERMINALS.contains(e)
            && *e != "type"
            && e.starts_with(|c: char| c.is_ascii_alphabetic())
    };
    // Where any type may come, say "a type" rather than list them all.
    // Where a field name may come, every keyword is a name too: those need
    // no listing (the `else` branch below drops them).
    let name_expected = items.contains(&"typedef") && items.contains(&"struct");
    let type_expected = items.contains(&"i32") && items.contains(&"map");
    if type_expected && !name_expected {
        // An identifier there is a type name.
        items.retain(|e| !TYPE_KEYWORDS.contains(e) && *e != "identifier");
        items.insert(0, "type");
    }
    // `senum` is only ever expected where a definition may start.
    if expected.iter().any(|e| e.trim_matches('"') == "senum") {
        let mut rest: Vec<&str> = items.iter().copied().filter(|e| !is_keyword(e)).collect();
        rest.insert(0, "definition");
        items = rest;
    } else if items.len() > 8 {
        let short: Vec<&str> = items.iter().copied().filter(|e| !is_keyword(e)).collect();
        if !short.is_empty() {
            items = short;
        } else {
            items.truncate(8);
        }
    }
    let shown: Vec<String> = items
        .iter()
        .map(|e| {
            if *e == "definition" || *e == "type" {
                format!("a {e}")
            } else if VALUE_TERMINALS.contains(e) {
                let article = if e.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} {e}")
            } else {
                format!("`{e}`")
            }
        })
        .collect();
    match shown.as_slice() {
        [] => "nothing more".to_string(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        [init @ .., last] => format!("one of {}, or {last}", init.join(", ")),
    }
}
