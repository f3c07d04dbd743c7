//! A loop to profile one operation: `cargo run --release --example profile -- OP PAYLOAD
//! [PROTOCOL] [ITERATIONS] [STRINGS]` with OP `encode` / `encode_fresh` / `decode` (from
//! `Bytes`) / `decode_slice` / `decode_batch` (from slices, freed a thousand at a time) /
//! `decode_stream` (through `ReadInput`, as the buffered transport reads),
//! PAYLOAD `small` / `medium` / `large`, PROTOCOL `binary` / `compact`, STRINGS `string` /
//! `str` (the `string_type = "Str"` build), e.g. under `perf record -e cpu-clock -g` or
//! `valgrind --tool=callgrind`.

use std::hint::black_box;

use thrift_compare::{build_ours, build_ours_str};
use thrift_core::encode::{from_bytes, from_slice, read_all, to_vec, write_to};
use thrift_core::io::ReadInput;
use thrift_core::{Binary, Compact, Limits, Protocol, ThriftType};

fn run<P: Protocol, T: ThriftType>(op: &str, value: &T, iterations: usize) {
    let bytes = bytes::Bytes::from(to_vec::<P, _>(value));
    let mut buf = Vec::with_capacity(bytes.len());
    if op == "decode_stream" {
        // Through `ReadInput`'s buffer, as the buffered transport reads: a thousand messages
        // back to back from one reader.
        let stream = bytes.repeat(1000);
        for _ in 0..iterations / 1000 {
            let mut input = ReadInput::new(&stream[..]);
            for _ in 0..1000 {
                input.reset_position();
                drop(black_box(
                    read_all::<P, T, _>(&mut input, Limits::DEFAULT).unwrap(),
                ));
            }
        }
        return;
    }
    if op == "decode_batch" {
        // As criterion's `iter_batched_ref` times a decode: results pile up and are freed
        // after the timed region, so `malloc` rarely finds a freed block to reuse.
        let mut decoded = Vec::with_capacity(1000);
        for _ in 0..iterations / 1000 {
            for _ in 0..1000 {
                decoded.push(from_slice::<P, T>(black_box(&bytes)).unwrap());
            }
            decoded.clear();
        }
        return;
    }
    for _ in 0..iterations {
        match op {
            "decode" => drop(black_box(from_bytes::<P, T>(&bytes).unwrap())),
            "decode_slice" => drop(black_box(from_slice::<P, T>(&bytes).unwrap())),
            "encode_fresh" => drop(black_box(to_vec::<P, _>(black_box(value)))),
            _ => {
                buf.clear();
                write_to::<P, _, _>(black_box(value), &mut buf).unwrap();
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let op = args.get(1).map_or("decode", String::as_str);
    let payload = args.get(2).map_or("medium", String::as_str);
    let compact = args.get(3).is_some_and(|p| p == "compact");
    let iterations = args
        .get(4)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let str_build = args.get(5).is_some_and(|s| s == "str");
    macro_rules! go {
        ($value:expr) => {
            if compact {
                run::<Compact, _>(op, &$value, iterations)
            } else {
                run::<Binary, _>(op, &$value, iterations)
            }
        };
    }
    match (payload, str_build) {
        ("small", false) => go!(build_ours::small()),
        ("large", false) => go!(build_ours::large()),
        (_, false) => go!(build_ours::medium()),
        ("small", true) => go!(build_ours_str::small()),
        ("large", true) => go!(build_ours_str::large()),
        (_, true) => go!(build_ours_str::medium()),
    }
}
