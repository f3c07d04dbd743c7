//! The front-end must return diagnostics, never panic or hang, whatever the
//! input: mutated versions of every test IDL, garbage, and inputs built to
//! hit limits (nesting, include depth, long typedef chains).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use thrift_idl::{load_str, load_with, InMemory, LoadOptions};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    ",",
    ";",
    ":",
    "=",
    "&",
    "*",
    "\"",
    "'",
    "/*",
    "*/",
    "/**",
    "//",
    "#",
    "\n",
    "0x",
    "-",
    "+",
    ".",
    "1",
    "-9223372036854775808",
    "99999999999999999999",
    "e5",
    "struct",
    "union",
    "exception",
    "service",
    "enum",
    "senum",
    "slist",
    "const",
    "typedef",
    "include",
    "namespace",
    "extends",
    "throws",
    "oneway",
    "async",
    "required",
    "optional",
    "void",
    "list",
    "map",
    "set",
    "string",
    "uuid",
    "xsd_attrs",
    "cpp_type",
    "cpp_namespace",
    "A",
    "A.B",
    "\\",
    "\u{0}",
    "é",
    "\t",
];

fn all_idl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            all_idl_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "thrift") {
            out.push(path);
        }
    }
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => bytes.truncate(at),
            1 => {
                let end = (at + rng.below(20)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let fragment = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                bytes.splice(at..at, fragment.iter().copied());
            }
            _ => {
                let end = (at + rng.below(40)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn mutated_idls_never_panic() {
    common::enter_crate_dir();
    let mut files = Vec::new();
    all_idl_files(Path::new("tests/idl"), &mut files);
    files.sort();
    assert!(files.len() > 50);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut runs = 0;
    for file in &files {
        let text = fs::read_to_string(file).expect("readable");
        for _ in 0..60 {
            let mutated = mutate(&mut rng, &text);
            let loaded = load_str("mutated.thrift", &mutated);
            // Rendering must not panic either, and must mention every error.
            let rendered = loaded.render_diagnostics();
            assert_eq!(
                rendered.matches("\nerror: ").count()
                    + usize::from(rendered.starts_with("error: ")),
                loaded.errors().count()
            );
            runs += 1;
        }
    }
    assert!(runs > 3000);
}

#[test]
fn garbage_never_panics() {
    let mut rng = Rng(42);
    for _ in 0..500 {
        let len = rng.below(300);
        let text: String = (0..len)
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect::<Vec<_>>()
            .join(if rng.below(2) == 0 { " " } else { "" });
        let _ = load_str("garbage.thrift", &text).render_diagnostics();
    }
}

fn assert_fast(what: &str, started: Instant) {
    // Generous, for debug builds on a busy machine; catches quadratic blow-ups.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{what} took {:?}",
        started.elapsed()
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in ["[", "{", "(", "<", "list<"] {
        let text = format!("const list<i32> X = {}", open.repeat(200_000));
        let started = Instant::now();
        let loaded = load_str("deep.thrift", &text);
        assert_fast("deep nesting", started);
        assert!(
            loaded.render_diagnostics().contains("nesting is too deep"),
            "{open}"
        );
    }
}

#[test]
fn many_errors_on_one_line_stay_linear() {
    let started = Instant::now();
    let text = format!("struct S {{ 1: {} x }}", "slist ".repeat(20_000));
    let loaded = load_str("slist.thrift", &text);
    assert!(loaded.has_errors());
    let text = "\"a\\q".repeat(20_000);
    let _ = load_str("escapes.thrift", &text).render_diagnostics();
    assert_fast("many errors", started);
}

#[test]
fn long_typedef_chains_and_cycles_are_fine() {
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!("typedef T{} T{i}\n", i + 1));
    }
    text.push_str("typedef T0 T20000\nstruct S { 1: T5 f = 1 }\n");
    let started = Instant::now();
    let loaded = load_str("chain.thrift", &text);
    assert_fast("typedef chain", started);
    assert_eq!(
        loaded.errors().count(),
        1,
        "{}",
        loaded.render_diagnostics()
    );
    assert!(loaded.render_diagnostics().contains("refers to itself"));
}

#[test]
fn include_depth_is_bounded() {
    let mut sources = InMemory::new();
    for i in 0..200 {
        sources.insert(
            format!("f{i}.thrift"),
            format!("include \"f{}.thrift\"\nstruct S{i} {{}}", i + 1),
        );
    }
    sources.insert("f200.thrift", "struct End {}");
    let loaded = load_with(&sources, Path::new("f0.thrift"), &LoadOptions::default());
    assert!(loaded
        .render_diagnostics()
        .contains("includes are nested more than 64 deep"));
}
