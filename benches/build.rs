//! Generates the Apache `thrift` crate's code for the benchmark IDLs with the `thrift`
//! compiler (Debian's thrift-compiler), so the benches compare against it in the same run.
//! Nothing generated is committed. Without the compiler the benches still build and run,
//! without the Apache columns.

use std::path::{Path, PathBuf};
use std::process::Command;

const IDLS: &[&str] = &["../examples/chat/chat.thrift"];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(apache_thrift)");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let mut generated = true;
    for idl in IDLS {
        println!("cargo::rerun-if-changed={idl}");
        generated &= generate(Path::new(idl), &out);
    }
    if generated {
        println!("cargo::rustc-cfg=apache_thrift");
    } else {
        println!(
            "cargo::warning=no `thrift` compiler found: benchmarks run without the Apache \
             thrift crate (apt-get install thrift-compiler)"
        );
    }
}

/// Runs `thrift --gen rs` and strips the file-level attributes, which `include!` cannot take.
fn generate(idl: &Path, out: &Path) -> bool {
    let ran = Command::new("thrift")
        .args(["--gen", "rs", "-out"])
        .arg(out)
        .arg(idl)
        .status();
    if !ran.is_ok_and(|s| s.success()) {
        return false;
    }
    let stem = idl.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let file = out.join(format!("{stem}.rs"));
    let Ok(text) = std::fs::read_to_string(&file) else {
        return false;
    };
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("#![")).collect();
    std::fs::write(&file, kept.join("\n")).is_ok()
}
