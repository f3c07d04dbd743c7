//! Replays every committed fuzz corpus and regression input through the fuzz targets, so
//! the normal test suite keeps every crash the fuzzers ever found fixed. The fuzzers
//! themselves live in `fuzz/` (run them with `cargo fuzz run TARGET`, see fuzz/README.md).

#[macro_use]
#[path = "fuzz/targets.rs"]
mod targets;

use std::path::Path;

generated_types!(
    "tests/idl/everything.thrift",
    "tests/idl/common",
    "tests/idl/rpc.thrift"
);

fn replay(target: &str, run: impl Fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut inputs = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            let data = std::fs::read(&path).expect("a corpus file");
            run(&data);
            inputs += 1;
        }
    }
    assert!(inputs > 0, "no corpus for fuzz target `{target}`");
}

#[test]
fn decode_binary() {
    replay(
        "decode_binary",
        targets::decode::<thrift_core::Binary, everything::Everything, everything_str::Everything>,
    );
}

#[test]
fn decode_compact() {
    replay(
        "decode_compact",
        targets::decode::<thrift_core::Compact, everything::Everything, everything_str::Everything>,
    );
}

#[test]
fn decode_json() {
    replay(
        "decode_json",
        targets::decode::<thrift_core::Json, everything::Everything, everything_str::Everything>,
    );
}

#[test]
fn skip() {
    replay("skip", targets::skip);
}

#[test]
fn message_headers() {
    replay("message_headers", targets::message_headers);
}

#[test]
fn framed() {
    replay("framed", targets::framed);
}

#[test]
fn server_request() {
    let processor = rpc::StoreProcessor::new(rpc::Handler);
    replay("server_request", |data| {
        targets::server_request(data, &processor)
    });
}

#[test]
fn idl() {
    replay("idl", targets::idl);
}
