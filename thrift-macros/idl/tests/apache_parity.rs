//! Checks the `# apache: accepts|rejects` marker of every IDL case against
//! Apache Thrift's own compiler (`thrift`, e.g. Debian's `thrift-compiler`),
//! and that we agree with Apache unless the case explains why not in a
//! `# differs:` marker. Skipped, with a message, when `thrift` is not
//! installed.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{cases, enter_crate_dir};

#[test]
fn markers_match_apache() {
    enter_crate_dir();
    let Ok(version) = Command::new("thrift").arg("--version").output() else {
        eprintln!("skipped: Apache's `thrift` compiler is not installed");
        return;
    };
    eprintln!(
        "checking against {}",
        String::from_utf8_lossy(&version.stdout).trim()
    );
    let out_dir = std::env::temp_dir().join(format!("thrift-idl-parity-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    let mut failures = Vec::new();
    for kind in ["pass", "fail"] {
        for case in cases(kind) {
            let Some(marker) = case.marker("apache") else {
                failures.push(format!("{}: no apache marker", case.root.display()));
                continue;
            };
            let mut cmd = Command::new("thrift");
            cmd.arg("-out").arg(&out_dir).arg("--gen").arg("py");
            for dir in &case.include_dirs {
                cmd.arg("-I").arg(dir);
            }
            let apache_accepts = run_with_timeout(cmd.arg(&case.root));
            let marker_accepts = marker.starts_with("accepts");
            if apache_accepts != marker_accepts {
                failures.push(format!(
                    "{}: marker says Apache {marker}, but it {}",
                    case.root.display(),
                    if apache_accepts { "accepts" } else { "rejects" }
                ));
            }
            let we_accept = kind == "pass";
            if we_accept != apache_accepts && case.marker("differs").is_none() {
                failures.push(format!(
                    "{}: we {} but Apache does not, and no `# differs:` marker says why",
                    case.root.display(),
                    if we_accept { "accept" } else { "reject" }
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether the command succeeds; a crash or a hang counts as a rejection
/// (Apache loops forever on an unterminated comment, and crashes on an
/// include cycle).
fn run_with_timeout(cmd: &mut Command) -> bool {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("thrift starts");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return false;
            }
        }
    }
}
