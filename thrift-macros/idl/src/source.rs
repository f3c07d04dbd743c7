//! Source files, positions and spans.
//!
//! Every AST and model node carries a [`Span`] so that any later stage (the
//! resolver here, code generation in the proc macro) can point at the exact
//! piece of IDL it is complaining about.

use std::path::{Path, PathBuf};

/// Index of a file inside one [`SourceMap`] (and of its [`crate::model::File`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

impl FileId {
    /// The index as `usize`, for indexing `Model::files` and friends.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A position in a file; the parser's location type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Byte offset from the start of the file.
    pub offset: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub col: u32,
}

/// A byte range in one file, with the line and column of its start so that
/// a diagnostic can be rendered without re-scanning the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column (in characters) of `start`.
    pub col: u32,
}

impl Span {
    /// The span from `start` to `end` in `file`.
    pub fn new(file: FileId, start: Pos, end: Pos) -> Span {
        Span {
            file,
            start: start.offset,
            end: end.offset.max(start.offset),
            line: start.line,
            col: start.col,
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> u32 {
        self.end - self.start
    }

    /// True for a zero-width span (for example "end of file").
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One IDL file's text, and how to name it in diagnostics.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given or joined (relative paths stay relative), used when
    /// rendering diagnostics so that output is stable across machines.
    pub display_path: PathBuf,
    /// Absolute, normalised path: the identity of the file and what a build
    /// system should watch.
    pub absolute_path: PathBuf,
    pub text: String,
    line_starts: Vec<u32>,
}

impl SourceFile {
    /// A file with its line index built once, for fast line/column look-ups.
    pub fn new(display_path: PathBuf, absolute_path: PathBuf, text: String) -> SourceFile {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        SourceFile {
            display_path,
            absolute_path,
            text,
            line_starts,
        }
    }

    /// The text of 1-based `line`, without its line terminator.
    pub fn line_text(&self, line: u32) -> &str {
        let (start, end) = self.line_range(line);
        self.text.get(start..end).unwrap_or("")
    }

    /// Byte range of 1-based `line`, without its line terminator.
    pub fn line_range(&self, line: u32) -> (usize, usize) {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1) as usize) else {
            return (self.text.len(), self.text.len());
        };
        let start = start as usize;
        let mut end = self
            .line_starts
            .get(line as usize)
            .map_or(self.text.len(), |&next| next as usize);
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_index] as usize;
        let end = (offset as usize).min(self.text.len());
        let col = self.text.get(start..end).map_or(0, |s| s.chars().count());
        (line_index as u32 + 1, col as u32 + 1)
    }
}

/// All files read while loading one root IDL, indexed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// The file with this id, if any.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.index())
    }

    /// The file with this absolute path, if it was already added.
    pub fn find(&self, absolute_path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.absolute_path == absolute_path)
            .map(|i| FileId(i as u32))
    }

    /// All files, indexed by [`FileId`].
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
}
