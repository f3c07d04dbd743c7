//! Diagnostics and their rustc-like rendering.
//!
//! A [`Diagnostic`] carries everything needed to print it (path, line,
//! column, the source line) so that the proc macro can turn it into a
//! `compile_error!` without holding on to the sources.

use std::fmt::{self, Write as _};
use std::path::PathBuf;

use crate::source::{SourceMap, Span};

/// How bad a diagnostic is. Warnings mirror Apache's warnings; errors mirror
/// the IDLs Apache's compiler rejects (plus a few stricter checks, documented
/// where they are made).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a label points, resolved to a path, line and column for display.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Location {
    /// The path as given or joined: relative paths stay relative.
    pub path: PathBuf,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub col: u32,
    /// The source line the span starts on, without its terminator (cut to
    /// a window with `...` when it is very long).
    pub line_text: String,
    /// 1-based column of the span's start within `line_text`.
    pub excerpt_col: u32,
    /// How many characters of `line_text` the span covers (at least 1).
    pub width: u32,
}

/// A span with an explanation ("not defined", "first defined here").
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// Filled in when the diagnostic leaves the front-end.
    pub location: Location,
}

impl Label {
    /// A label without a resolved location yet.
    pub fn new(span: Span, message: impl Into<String>) -> Label {
        Label {
            span,
            message: message.into(),
            location: Location::default(),
        }
    }
}

/// One problem found in the IDL.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The main place; its label may be empty.
    pub primary: Label,
    /// Further places that explain the problem (say, the first definition
    /// of a duplicate).
    pub labels: Vec<Label>,
    /// Free-standing remarks printed after the snippet.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at `span`, whose label explains the span.
    pub fn error(message: impl Into<String>, span: Span, label: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            primary: Label::new(span, label),
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A warning at `span`: reported, but the IDL is still accepted.
    pub fn warning(message: impl Into<String>, span: Span, label: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message, span, label)
        }
    }

    /// Something defined a second time at `again`, pointing back to where it was `first`
    /// defined; every duplicate-definition check reports this way.
    pub fn duplicate(message: impl Into<String>, again: Span, first: Span) -> Diagnostic {
        Diagnostic::error(message, again, "defined again here")
            .with_label(first, "first defined here")
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label::new(span, message));
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Errors make a load fail; warnings do not.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Resolves every label's span to a displayable [`Location`].
    pub(crate) fn locate(&mut self, sources: &SourceMap) {
        for label in std::iter::once(&mut self.primary).chain(self.labels.iter_mut()) {
            let Some(file) = sources.get(label.span.file) else {
                continue;
            };
            let (line_start, line_end) = file.line_range(label.span.line);
            let start = (label.span.start as usize).clamp(line_start, line_end);
            // Spans never cross into the next line on screen: clip at its end.
            let end = (label.span.end as usize).clamp(start, line_end);
            let width = file.text.get(start..end).map_or(0, |t| t.chars().count());
            // Very long lines are cut to a window around the span, so that
            // rendering stays proportional to what is shown.
            let from =
                floor_char_boundary(&file.text, start.saturating_sub(EXCERPT).max(line_start));
            let to = floor_char_boundary(&file.text, (end + EXCERPT).min(line_end));
            let mut line_text = String::new();
            if from > line_start {
                line_text.push_str("...");
            }
            line_text.push_str(file.text.get(from..to).unwrap_or(""));
            if to < line_end {
                line_text.push_str("...");
            }
            let before = file.text.get(from..start).map_or(0, |t| t.chars().count());
            let excerpt_col = before as u32 + 1 + if from > line_start { 3 } else { 0 };
            label.location = Location {
                path: file.display_path.clone(),
                line: label.span.line,
                col: label.span.col,
                line_text,
                excerpt_col,
                width: (width as u32).max(1),
            };
        }
    }

    /// Renders the diagnostic like rustc does:
    ///
    /// ```text
    /// error: unknown type `Foo`
    ///   --> path/to/file.thrift:12:5
    ///    |
    /// 12 |     1: Foo bar,
    ///    |        ^^^ not defined
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = self.write_to(&mut out);
        out
    }

    fn write_to(&self, out: &mut String) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(out, "{severity}: {}", self.message)?;
        let all = std::iter::once(&self.primary).chain(&self.labels);
        let gutter = all.map(|l| digits(l.location.line)).max().unwrap_or(1);
        let pad = " ".repeat(gutter);
        let p = &self.primary.location;
        writeln!(out, "{pad}--> {}:{}:{}", p.path.display(), p.line, p.col)?;
        writeln!(out, "{pad} |")?;
        // Labels in the primary's file are shown in line order, like rustc;
        // labels in other files follow, each under its own `:::` header.
        let mut here: Vec<(&Label, char)> = vec![(&self.primary, '^')];
        here.extend(
            self.labels
                .iter()
                .filter(|l| l.location.path == p.path)
                .map(|l| (l, '-')),
        );
        here.sort_by_key(|(l, _)| (l.location.line, l.location.col));
        let mut previous_line: Option<u32> = None;
        for (label, mark) in here {
            let line = label.location.line;
            if previous_line.is_some_and(|prev| line > prev + 1) {
                writeln!(out, "...")?;
            }
            write_snippet(out, &pad, label, mark, previous_line == Some(line))?;
            previous_line = Some(line);
        }
        for label in self.labels.iter().filter(|l| l.location.path != p.path) {
            let l = &label.location;
            writeln!(out, "{pad}::: {}:{}:{}", l.path.display(), l.line, l.col)?;
            writeln!(out, "{pad} |")?;
            write_snippet(out, &pad, label, '-', false)?;
        }
        for note in &self.notes {
            writeln!(out, "{pad} = note: {note}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

fn digits(n: u32) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// Writes `NN | source line` (unless it was just written for another label)
/// and the underline below it. Tabs are expanded
/// to four spaces so that the underline stays aligned.
fn write_snippet(
    out: &mut String,
    pad: &str,
    label: &Label,
    mark: char,
    same_line: bool,
) -> fmt::Result {
    let loc = &label.location;
    let mut shown = String::new();
    let mut indent = 0usize;
    let mut width = 0usize;
    for (i, ch) in loc.line_text.chars().enumerate() {
        let cells = if ch == '\t' { 4 } else { 1 };
        if ch == '\t' {
            shown.push_str("    ");
        } else {
            shown.push(ch);
        }
        let col = i as u32 + 1;
        if col < loc.excerpt_col {
            indent += cells;
        } else if col < loc.excerpt_col + loc.width {
            width += cells;
        }
    }
    let width = width.max(1);
    if !same_line {
        let shown = shown.trim_end();
        writeln!(out, "{:>w$} | {shown}", loc.line, w = pad.len())?;
    }
    let marks: String = std::iter::repeat_n(mark, width).collect();
    let line = format!("{pad} | {}{marks} {}", " ".repeat(indent), label.message);
    writeln!(out, "{}", line.trim_end())
}

/// Renders many diagnostics, separated by blank lines, as a compiler would.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(Diagnostic::render)
        .collect::<Vec<_>>()
        .join("\n")
}

/// How many bytes of context a long line keeps on each side of a span.
const EXCERPT: usize = 120;

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
