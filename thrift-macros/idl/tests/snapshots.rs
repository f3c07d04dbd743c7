//! Every IDL under `tests/idl/pass` must load without errors and every one
//! under `tests/idl/fail` must fail with exactly the number of errors its
//! `# expect-errors: N` marker says (so one run reports them all, not just
//! the first). In both, the rendered diagnostics must equal the `.stderr`
//! snapshot beside the case (absent means "no diagnostics at all").
//! `BLESS=1 cargo test -p thrift-idl --test snapshots` rewrites snapshots.

mod common;

use std::fs;

use common::{cases, enter_crate_dir, Case};
use thrift_idl::{load, LoadOptions};

fn check(kind: &str) {
    enter_crate_dir();
    let bless = std::env::var_os("BLESS").is_some();
    let all = cases(kind);
    assert!(
        all.len() >= 10,
        "expected the {kind} cases, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    for case in &all {
        if let Err(problem) = check_case(kind, case, bless) {
            failures.push(format!("{}: {problem}", case.root.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn check_case(kind: &str, case: &Case, bless: bool) -> Result<(), String> {
    if case.marker("apache").is_none() {
        return Err("missing `# apache: accepts|rejects` marker".into());
    }
    let options = LoadOptions {
        include_dirs: case.include_dirs.clone(),
    };
    let loaded = load(&case.root, &options);
    let errors = loaded.errors().count();
    match kind {
        "pass" if errors > 0 => {
            return Err(format!(
                "expected no errors:\n{}",
                loaded.render_diagnostics()
            ))
        }
        "fail" => {
            let expected: usize = case
                .marker("expect-errors")
                .and_then(|n| n.parse().ok())
                .ok_or("missing `# expect-errors: N` marker")?;
            if errors != expected {
                return Err(format!(
                    "expected {expected} errors, got {errors}:\n{}",
                    loaded.render_diagnostics()
                ));
            }
        }
        _ => {}
    }
    let rendered = loaded.render_diagnostics();
    if bless {
        if rendered.is_empty() {
            let _ = fs::remove_file(&case.snapshot);
        } else {
            fs::write(&case.snapshot, &rendered).map_err(|e| e.to_string())?;
        }
        return Ok(());
    }
    let expected = fs::read_to_string(&case.snapshot).unwrap_or_default();
    if rendered != expected {
        return Err(format!(
            "diagnostics differ from {} (BLESS=1 to update)\n--- expected\n{expected}\n--- actual\n{rendered}",
            case.snapshot.display()
        ));
    }
    Ok(())
}

#[test]
fn pass_cases() {
    check("pass");
}

#[test]
fn fail_cases() {
    check("fail");
}
