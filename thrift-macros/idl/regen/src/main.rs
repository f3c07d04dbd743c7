//! Regenerates `src/grammar.rs` from `src/grammar.lalrpop`, or with `--check`
//! verifies that the committed parser is current (exit code 1 when stale).
//!
//! The generated parser is committed so that users of `thrift-idl` never
//! compile lalrpop; this tool is the only place that does.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs};

fn main() -> ExitCode {
    let check = match env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("unknown argument `{other}`; usage: thrift-idl-regen [--check]");
            return ExitCode::from(2);
        }
    };
    match run(check) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(check: bool) -> Result<bool, Box<dyn std::error::Error>> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("regen crate has no parent directory")?;
    let grammar = crate_dir.join("src").join("grammar.lalrpop");
    let committed = crate_dir.join("src").join("grammar.rs");

    // Generate into a scratch directory so that `--check` never touches the tree.
    let scratch = scratch_dir()?;
    let input = scratch.join("grammar.lalrpop");
    fs::copy(&grammar, &input)?;
    lalrpop::Configuration::new()
        .set_out_dir(&scratch)
        .force_build(true)
        .emit_rerun_directives(false)
        .log_quiet()
        .process_file(&input)?;
    let fresh = fs::read(scratch.join("grammar.rs"))?;
    fs::remove_dir_all(&scratch)?;

    let current = fs::read(&committed).unwrap_or_default();
    if current == fresh {
        println!("src/grammar.rs is up to date");
        return Ok(true);
    }
    if check {
        eprintln!(
            "src/grammar.rs is stale: run `cargo run --manifest-path thrift-macros/idl/regen/Cargo.toml` and commit the result"
        );
        return Ok(false);
    }
    fs::write(&committed, fresh)?;
    println!("regenerated src/grammar.rs");
    Ok(true)
}

fn scratch_dir() -> std::io::Result<PathBuf> {
    let dir = env::temp_dir().join(format!("thrift-idl-regen-{}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    Ok(dir)
}
