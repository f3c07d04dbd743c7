//! Generates the baselines' code for `idl/bench.thrift`: the Apache crate's with the
//! `thrift` compiler (Debian's thrift-compiler), pilota's with pilota-build. Nothing
//! generated is committed.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let idl = PathBuf::from("idl/bench.thrift");
    println!("cargo::rerun-if-changed={}", idl.display());

    let status = Command::new("thrift")
        .args(["--gen", "rs", "-out"])
        .arg(&out)
        .arg(&idl)
        .status()
        .expect("the `thrift` compiler (apt-get install thrift-compiler)");
    assert!(status.success(), "thrift --gen rs failed");
    // `include!` takes no file-level attributes.
    let apache = out.join("bench.rs");
    let text = std::fs::read_to_string(&apache).expect("generated code");
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("#![")).collect();
    std::fs::write(out.join("apache.rs"), kept.join("\n")).expect("write");

    pilota_build::Builder::thrift()
        .ignore_unused(false)
        .compile_with_config(
            vec![pilota_build::IdlService::from_path(idl)],
            pilota_build::Output::File(out.join("pilota.rs")),
        );
}
