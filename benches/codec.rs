//! Encode and decode a ~1 KB hand-written struct with each protocol.
//!
//! `cargo bench -p thrift-benches --bench codec`

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;
use thrift_benches::{medium, Medium};
use thrift_core::encode::{from_bytes, from_slice, to_vec, write_to};
use thrift_core::{Binary, Compact, Json, Protocol};

fn protocol<P: Protocol>(c: &mut Criterion, name: &str) {
    let value = medium();
    let encoded = to_vec::<P, _>(&value);
    let mut group = c.benchmark_group(format!("medium/{name}"));
    group.throughput(Throughput::Bytes(encoded.len() as u64));
    group.bench_function("encode_fresh", |b| {
        b.iter(|| to_vec::<P, _>(black_box(&value)))
    });
    let mut reused = Vec::with_capacity(encoded.len());
    group.bench_function("encode_reused", |b| {
        b.iter(|| {
            reused.clear();
            write_to::<P, _, _>(black_box(&value), &mut reused).unwrap();
        })
    });
    group.bench_function("decode_slice", |b| {
        b.iter(|| from_slice::<P, Medium>(black_box(&encoded)).unwrap())
    });
    let shared = Bytes::from(encoded.clone());
    group.bench_function("decode_bytes", |b| {
        b.iter_batched(
            || shared.clone(),
            |bytes| from_bytes::<P, Medium>(bytes).unwrap(),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("memcpy", |b| b.iter(|| black_box(&encoded).to_vec()));
    group.finish();
}

fn benches(c: &mut Criterion) {
    protocol::<Binary>(c, "binary");
    protocol::<Compact>(c, "compact");
    protocol::<Json>(c, "json");
}

criterion_group!(codec, benches);
criterion_main!(codec);
