//! Generates the Apache crate's code for `idl/parquet.thrift` with the `thrift` compiler
//! (Debian's thrift-compiler 0.17). Nothing generated is committed. Without the compiler
//! the Apache decoder is left out (cfg `apache` unset) and the rest still builds.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(apache)");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let idl = PathBuf::from("idl/parquet.thrift");
    println!("cargo::rerun-if-changed={}", idl.display());
    println!("cargo::rerun-if-env-changed=PATH");

    let status = Command::new("thrift")
        .args(["--gen", "rs", "-out"])
        .arg(&out)
        .arg(&idl)
        .status();
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => panic!("thrift --gen rs failed: {status}"),
        Err(err) => {
            println!(
                "cargo::warning=no `thrift` compiler ({err}): the Apache decoder is left out \
                 (apt-get install thrift-compiler)"
            );
            return;
        }
    }
    // `include!` takes no file-level attributes.
    let text = std::fs::read_to_string(out.join("parquet.rs")).expect("generated code");
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("#![")).collect();
    std::fs::write(out.join("apache.rs"), kept.join("\n")).expect("write");
    println!("cargo::rustc-cfg=apache");
}
