//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The repository root (the workspace package's manifest directory).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// True when running under CI, where a missing interop peer is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Whether `command` with `args` runs and succeeds, its output discarded.
fn succeeds(command: &str, args: &[&str]) -> bool {
    Command::new(command)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `present`; a missing peer (`missing` says which, and how to install it) skips the test
/// with a note on stderr, or fails it under `CI=true`.
fn peer(present: bool, missing: &str) -> bool {
    if !present {
        assert!(
            !in_ci(),
            "under CI=true, {missing}: .ci/run must install it"
        );
        eprintln!("skipping: {missing}");
    }
    present
}

/// Checks that `python3` can import `module` (see [`peer`] for what a missing one does).
pub fn require_python_module(module: &str) -> bool {
    peer(
        succeeds("python3", &["-c", &format!("import {module}")]),
        &format!("python3 module `{module}` is not installed (pip install {module})"),
    )
}

/// Checks that Apache's Python peer can run: the `thrift` compiler (Debian's
/// thrift-compiler) to generate its code and the `thrift` package to run it.
pub fn require_apache_python() -> bool {
    peer(
        succeeds("thrift", &["--version"]),
        "no `thrift` compiler (apt-get install thrift-compiler)",
    ) && require_python_module("thrift")
}

/// Runs a Python peer script from `tests/peers/` with `args`, feeding `stdin`, and returns
/// its stdout; panics with its stderr if it fails.
pub fn run_python(script: &str, args: &[&str], stdin: &str) -> String {
    let mut child = Command::new("python3")
        .arg(root().join("tests/peers").join(script))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write to python3");
    let output = child.wait_with_output().expect("wait for python3");
    assert!(
        output.status.success(),
        "{script} {args:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses lower- or upper-case hex.
pub fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex digit"))
        .collect()
}

/// Pulls `"key": "value"` out of one line of the peers' flat JSON output.
pub fn json_field<'a>(line: &'a str, key: &str) -> &'a str {
    let start = line
        .find(&format!("\"{key}\": \""))
        .unwrap_or_else(|| panic!("no {key} in {line}"))
        + key.len()
        + 5;
    let end = start + line[start..].find('"').expect("closing quote");
    &line[start..end]
}
