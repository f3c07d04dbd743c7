//! Reading a root IDL and its includes, then resolving them together.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::ast::Header;
use crate::diag::{self, Diagnostic};
use crate::model::{self, Model};
use crate::parser;
use crate::resolve::{self, Unit};
use crate::source::{FileId, SourceFile, SourceMap, Span};

/// Includes nested deeper than this are reported rather than followed.
const MAX_INCLUDE_DEPTH: usize = 64;

/// How to find included files beyond the including file's own directory.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Searched in order after the including file's directory, like
    /// Apache's `-I`.
    pub include_dirs: Vec<PathBuf>,
}

/// Everything one load produced. Even with errors, `model` holds what
/// resolved and `files` lists what was read, so a proc macro can still emit
/// a skeleton and make cargo rebuild when any of those files changes.
#[derive(Debug)]
pub struct Loaded {
    pub model: Model,
    /// Absolute path of every file read, root first.
    pub files: Vec<PathBuf>,
    /// Errors and warnings, in the order found; each is ready to render.
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
}

impl Loaded {
    /// Whether any diagnostic is an error (warnings do not count).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Only the errors, e.g. to turn each into a `compile_error!`.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// All diagnostics rendered rustc-style, separated by blank lines.
    pub fn render_diagnostics(&self) -> String {
        diag::render_all(&self.diagnostics)
    }
}

/// Where source text comes from: the file system for the proc macro, memory
/// for tests and for a future runtime loader.
pub trait SourceProvider {
    /// Whether `path` names a readable file.
    fn exists(&self, path: &Path) -> bool;
    /// The file's identity (an absolute, normalised path) and its text.
    fn read(&self, path: &Path) -> io::Result<(PathBuf, String)>;
}

/// Reads from disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileSystem;

impl SourceProvider for FileSystem {
    fn exists(&self, path: &Path) -> bool {
        path.is_file()
    }

    fn read(&self, path: &Path) -> io::Result<(PathBuf, String)> {
        let absolute = std::fs::canonicalize(path)?;
        let text = std::fs::read_to_string(&absolute)?;
        Ok((absolute, text))
    }
}

/// Files held in memory, keyed by path (normalised: `a/./b/../c` is `a/c`).
#[derive(Clone, Debug, Default)]
pub struct InMemory {
    files: BTreeMap<PathBuf, String>,
}

impl InMemory {
    /// An empty set of files.
    pub fn new() -> InMemory {
        InMemory::default()
    }

    /// Adds (or replaces) a file.
    pub fn with(mut self, path: impl AsRef<Path>, text: impl Into<String>) -> InMemory {
        self.insert(path, text);
        self
    }

    /// Adds (or replaces) a file in place.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<String>) {
        self.files.insert(normalize(path.as_ref()), text.into());
    }
}

impl SourceProvider for InMemory {
    fn exists(&self, path: &Path) -> bool {
        self.files.contains_key(&normalize(path))
    }

    fn read(&self, path: &Path) -> io::Result<(PathBuf, String)> {
        let key = normalize(path);
        match self.files.get(&key) {
            Some(text) => Ok((key, text.clone())),
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                "no such file in memory",
            )),
        }
    }
}

/// Lexically removes `.` and resolves `..` where possible.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                match out.components().next_back() {
                    Some(Component::Normal(_)) => {
                        out.pop();
                    }
                    // `/..` is `/`.
                    Some(Component::RootDir | Component::Prefix(_)) => {}
                    _ => out.push(".."),
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Loads `path` and everything it includes from disk.
pub fn load(path: &Path, options: &LoadOptions) -> Loaded {
    load_with(&FileSystem, path, options)
}

/// Loads `path` and everything it includes from `provider`.
pub fn load_with(provider: &dyn SourceProvider, path: &Path, options: &LoadOptions) -> Loaded {
    let mut loader = Loader {
        provider,
        options,
        sources: SourceMap::new(),
        model: Model::default(),
        units: Vec::new(),
        diagnostics: Vec::new(),
        in_progress: Vec::new(),
        files: Vec::new(),
    };
    match provider.read(path) {
        Ok((absolute, text)) => {
            loader.add_file(path.to_path_buf(), absolute, text);
        }
        Err(err) => {
            let id = loader.register(path.to_path_buf(), path.to_path_buf(), String::new());
            let span = Span {
                file: id,
                line: 1,
                col: 1,
                ..Span::default()
            };
            loader.diagnostics.push(Diagnostic::error(
                format!("cannot read `{}`: {err}", path.display()),
                span,
                "",
            ));
        }
    }
    let Loader {
        mut model,
        units,
        mut diagnostics,
        sources,
        files,
        ..
    } = loader;
    resolve::resolve(&mut model, &units, &mut diagnostics);
    // Reading order per file; the sort is stable, so a cause found before
    // its consequence at the same place stays first.
    diagnostics.sort_by_key(|d| (d.primary.span.file, d.primary.span.line, d.primary.span.col));
    for diagnostic in &mut diagnostics {
        diagnostic.locate(&sources);
    }
    Loaded {
        model,
        files,
        diagnostics,
        sources,
    }
}

/// Parses and resolves one in-memory file (named `path` in diagnostics);
/// includes are looked up in `provider`-less memory, so there are none.
pub fn load_str(path: impl AsRef<Path>, text: &str) -> Loaded {
    let provider = InMemory::new().with(path.as_ref(), text);
    load_with(&provider, path.as_ref(), &LoadOptions::default())
}

struct Loader<'a> {
    provider: &'a dyn SourceProvider,
    options: &'a LoadOptions,
    sources: SourceMap,
    model: Model,
    units: Vec<Unit>,
    diagnostics: Vec<Diagnostic>,
    /// The include chain being loaded, to report cycles.
    in_progress: Vec<FileId>,
    files: Vec<PathBuf>,
}

impl Loader<'_> {
    fn register(&mut self, display: PathBuf, absolute: PathBuf, text: String) -> FileId {
        let module = display
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = self
            .sources
            .add(SourceFile::new(display.clone(), absolute.clone(), text));
        self.model.files.push(model::File {
            id,
            path: display,
            absolute_path: absolute,
            module,
            ..model::File::default()
        });
        id
    }

    fn add_file(&mut self, display: PathBuf, absolute: PathBuf, text: String) -> FileId {
        self.files.push(absolute.clone());
        let too_large = u32::try_from(text.len()).is_err();
        let id = self.register(
            display.clone(),
            absolute,
            if too_large { String::new() } else { text },
        );
        if too_large {
            let span = Span {
                file: id,
                line: 1,
                col: 1,
                ..Span::default()
            };
            self.diagnostics.push(Diagnostic::error(
                format!("`{}` is too large (4 GiB at most)", display.display()),
                span,
                "",
            ));
        }
        let Some(source) = self.sources.get(id) else {
            return id;
        };
        let (document, diagnostics) = parser::parse(id, &source.text);
        self.diagnostics.extend(diagnostics);
        self.in_progress.push(id);
        let mut includes: Vec<model::Include> = Vec::new();
        for header in &document.headers {
            let Header::Include(lit) = header else {
                continue;
            };
            let Some(child) = self.include(&display, &lit.value, lit.span) else {
                continue;
            };
            let module = self.model.files[child.index()].module.clone();
            match includes.iter().find(|i| i.module == module) {
                Some(existing) if existing.file == child => {}
                Some(existing) => {
                    let first = existing.span;
                    self.diagnostics.push(
                        Diagnostic::error(
                            format!("two included files are both named `{module}`"),
                            lit.span,
                            "included again here",
                        )
                        .with_label(first, "first included here")
                        .with_note("definitions of an include are referred to by its file name"),
                    );
                }
                None => includes.push(model::Include {
                    module,
                    file: child,
                    span: lit.span,
                }),
            }
        }
        self.in_progress.pop();
        self.units.push(Unit {
            file: id,
            document,
            includes,
        });
        id
    }

    /// Finds, reads and loads one include, like Apache: relative to the
    /// including file first, then in each include directory.
    fn include(&mut self, from: &Path, target: &str, span: Span) -> Option<FileId> {
        let target_path = Path::new(target);
        let mut candidates = Vec::new();
        if target_path.is_absolute() {
            candidates.push(target_path.to_path_buf());
        } else {
            let dir = from.parent().unwrap_or(Path::new(""));
            candidates.push(dir.join(target_path));
            candidates.extend(
                self.options
                    .include_dirs
                    .iter()
                    .map(|d| d.join(target_path)),
            );
        }
        let Some(found) = candidates.into_iter().find(|c| self.provider.exists(c)) else {
            // Apache only warns; using a definition from it is then an error.
            self.diagnostics.push(Diagnostic::warning(
                format!("cannot find included file `{target}`"),
                span,
                "not found",
            ));
            return None;
        };
        let (absolute, text) = match self.provider.read(&found) {
            Ok(read) => read,
            Err(err) => {
                self.diagnostics.push(Diagnostic::error(
                    format!("cannot read included file `{}`: {err}", found.display()),
                    span,
                    "cannot be read",
                ));
                return None;
            }
        };
        if let Some(existing) = self.sources.find(&absolute) {
            if let Some(pos) = self.in_progress.iter().position(|&f| f == existing) {
                let chain: Vec<String> = self.in_progress[pos..]
                    .iter()
                    .chain(std::iter::once(&existing))
                    .map(|&f| self.model.files[f.index()].path.display().to_string())
                    .collect();
                self.diagnostics.push(
                    Diagnostic::error("include cycle", span, "this include closes the cycle")
                        .with_note(chain.join(" -> ")),
                );
                return None;
            }
            return Some(existing);
        }
        if self.in_progress.len() >= MAX_INCLUDE_DEPTH {
            self.diagnostics.push(Diagnostic::error(
                format!("includes are nested more than {MAX_INCLUDE_DEPTH} deep"),
                span,
                "not followed",
            ));
            return None;
        }
        Some(self.add_file(found, absolute, text))
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use std::path::{Path, PathBuf};

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.thrift")),
            PathBuf::from("a/c.thrift")
        );
        assert_eq!(
            normalize(Path::new("../x/../../y")),
            PathBuf::from("../../y")
        );
        assert_eq!(normalize(Path::new("/a/../../b")), PathBuf::from("/b"));
    }
}
