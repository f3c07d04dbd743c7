//! Shared by the test binaries: finding the IDL cases and their markers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

/// Runs tests from the crate root, so that paths in diagnostics are the
/// stable, relative `tests/idl/...`.
pub fn enter_crate_dir() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate dir exists");
}

/// One IDL test: a `.thrift` file, or a directory whose `main.thrift` is
/// the root (used when a case needs includes).
pub struct Case {
    pub root: PathBuf,
    /// `include/` inside a directory case is passed as an include dir.
    pub include_dirs: Vec<PathBuf>,
    pub snapshot: PathBuf,
    pub text: String,
}

impl Case {
    /// The value of a `# key: value` marker line, if present.
    pub fn marker(&self, key: &str) -> Option<&str> {
        let prefix = format!("# {key}:");
        self.text
            .lines()
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .map(str::trim)
    }
}

pub fn cases(kind: &str) -> Vec<Case> {
    let dir = Path::new("tests/idl").join(kind);
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("case directory exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .filter_map(|path| {
            if path.is_dir() {
                let root = path.join("main.thrift");
                let include = path.join("include");
                let include_dirs = if include.is_dir() {
                    vec![include]
                } else {
                    vec![]
                };
                Some((root, include_dirs, path.with_extension("stderr")))
            } else if path.extension().is_some_and(|e| e == "thrift") {
                Some((path.clone(), vec![], path.with_extension("stderr")))
            } else {
                None
            }
        })
        .map(|(root, include_dirs, snapshot)| Case {
            text: fs::read_to_string(&root).expect("case root is readable"),
            root,
            include_dirs,
            snapshot,
        })
        .collect()
}
