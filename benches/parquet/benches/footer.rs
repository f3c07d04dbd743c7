//! Decode the same Parquet footers with this project, the parquet crate and the Apache
//! `thrift` crate, in one run.
//!
//! `cargo bench --manifest-path benches/parquet/Cargo.toml`, then
//! `python3 benches/parquet/report.py` for the table. The footers come from
//! `make_footers.py` (run at startup when they are missing); every decoder is checked
//! against them before anything is timed.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use thrift_parquet_bench::{checked_footers, pin_malloc, Decoder};

fn benches(c: &mut Criterion) {
    pin_malloc();
    let footers = checked_footers();
    let decoders = Decoder::available();
    if !decoders.contains(&Decoder::Apache) {
        eprintln!("built without the `thrift` compiler: the Apache decoder is left out");
    }
    for footer in &footers {
        let mut group = c.benchmark_group(&footer.name);
        group.throughput(Throughput::Bytes(footer.bytes.len() as u64));
        for &decoder in &decoders {
            group.bench_function(decoder.name(), |b| {
                b.iter(|| decoder.decode(black_box(&footer.bytes)))
            });
        }
        group.finish();
    }
}

criterion_group!(footer, benches);
criterion_main!(footer);
