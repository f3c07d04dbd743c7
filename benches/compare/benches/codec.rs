//! Encode and decode three payloads with this project, the Apache `thrift` crate and pilota,
//! in both protocols, in one run, next to a memcpy of the same bytes.
//!
//! `cargo bench --manifest-path benches/compare/Cargo.toml`, then
//! `python3 benches/compare/report.py` for the ratio table.
//!
//! Each decoder's allocations per decode are counted, and `alloc_floor-decode` times the
//! allocations of this project's `String` decode on their own (`alloc_record`).

use std::hint::black_box;

use bytes::{Bytes, BytesMut};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use thrift_compare::alloc_record::{self, Recorder, Replay};
use thrift_compare::{build_apache, build_ours, build_ours_str, build_pilota};

#[global_allocator]
static ALLOCATOR: Recorder = Recorder;

/// One implementation's codec, for one protocol.
trait Codec {
    type Value;
    fn encode_fresh(value: &Self::Value) -> usize;
    fn encode_reused(value: &Self::Value, buf: &mut Vec<u8>, bytes: &mut BytesMut);
    fn decode(bytes: &Bytes) -> Self::Value;
    fn to_bytes(value: &Self::Value) -> Bytes;
}

/// This project; `SHARED` decodes from `Bytes` (sharing `binary` and `Str` fields with the
/// input) rather than from a slice (copying everything, no reference counts).
struct Ours<P, T, const SHARED: bool = false>(std::marker::PhantomData<(P, T)>);

impl<P: thrift_core::Protocol, T: thrift_core::ThriftType, const SHARED: bool> Codec
    for Ours<P, T, SHARED>
{
    type Value = T;
    fn encode_fresh(value: &T) -> usize {
        thrift_core::encode::to_vec::<P, _>(value).len()
    }
    fn encode_reused(value: &T, buf: &mut Vec<u8>, _: &mut BytesMut) {
        buf.clear();
        thrift_core::encode::write_to::<P, _, _>(value, &mut *buf).unwrap();
    }
    fn decode(bytes: &Bytes) -> T {
        if SHARED {
            thrift_core::encode::from_bytes::<P, T>(bytes).unwrap()
        } else {
            thrift_core::encode::from_slice::<P, T>(bytes).unwrap()
        }
    }
    fn to_bytes(value: &T) -> Bytes {
        thrift_core::encode::to_vec::<P, _>(value).into()
    }
}

struct ApacheBinary<T>(std::marker::PhantomData<T>);
struct ApacheCompact<T>(std::marker::PhantomData<T>);

macro_rules! apache_codec {
    ($name:ident, $out:expr, $in:expr) => {
        impl<T: thrift::protocol::TSerializable> Codec for $name<T> {
            type Value = T;
            fn encode_fresh(value: &T) -> usize {
                let mut out = Vec::new();
                {
                    #[allow(clippy::redundant_closure_call)]
                    let mut p = ($out)(&mut out);
                    value.write_to_out_protocol(&mut p).unwrap();
                }
                out.len()
            }
            fn encode_reused(value: &T, buf: &mut Vec<u8>, _: &mut BytesMut) {
                buf.clear();
                #[allow(clippy::redundant_closure_call)]
                let mut p = ($out)(buf);
                value.write_to_out_protocol(&mut p).unwrap();
            }
            fn decode(bytes: &Bytes) -> T {
                #[allow(clippy::redundant_closure_call)]
                let mut p = ($in)(&bytes[..]);
                T::read_from_in_protocol(&mut p).unwrap()
            }
            fn to_bytes(value: &T) -> Bytes {
                let mut out = Vec::new();
                Self::encode_reused(value, &mut out, &mut BytesMut::new());
                out.into()
            }
        }
    };
}

apache_codec!(
    ApacheBinary,
    |out| thrift::protocol::TBinaryOutputProtocol::new(out, true),
    |input| thrift::protocol::TBinaryInputProtocol::new(input, true)
);
apache_codec!(
    ApacheCompact,
    thrift::protocol::TCompactOutputProtocol::new,
    thrift::protocol::TCompactInputProtocol::new
);

struct PilotaBinary<T>(std::marker::PhantomData<T>);
struct PilotaCompact<T>(std::marker::PhantomData<T>);

macro_rules! pilota_codec {
    ($name:ident, $len:expr, $out:expr, $in:expr) => {
        impl<T: pilota::thrift::Message> Codec for $name<T> {
            type Value = T;
            fn encode_fresh(value: &T) -> usize {
                // pilota's own best path: size the message, reserve once, then write.
                #[allow(clippy::redundant_closure_call)]
                let size = value.size(&mut ($len)());
                let mut out = BytesMut::with_capacity(size);
                #[allow(clippy::redundant_closure_call)]
                value.encode(&mut ($out)(&mut out)).unwrap();
                out.len()
            }
            fn encode_reused(value: &T, _: &mut Vec<u8>, bytes: &mut BytesMut) {
                bytes.clear();
                #[allow(clippy::redundant_closure_call)]
                value.encode(&mut ($out)(bytes)).unwrap();
            }
            fn decode(bytes: &Bytes) -> T {
                let mut input = bytes.clone();
                #[allow(clippy::redundant_closure_call)]
                T::decode(&mut ($in)(&mut input)).unwrap()
            }
            fn to_bytes(value: &T) -> Bytes {
                let mut out = BytesMut::new();
                Self::encode_reused(value, &mut Vec::new(), &mut out);
                out.freeze()
            }
        }
    };
}

pilota_codec!(
    PilotaBinary,
    || pilota::thrift::binary::TBinaryProtocol::new((), true),
    |out| pilota::thrift::binary::TBinaryProtocol::new(out, true),
    |input| pilota::thrift::binary::TBinaryProtocol::new(input, true)
);
pilota_codec!(
    PilotaCompact,
    || pilota::thrift::compact::TCompactOutputProtocol::new((), true),
    |out| pilota::thrift::compact::TCompactOutputProtocol::new(out, true),
    pilota::thrift::compact::TCompactInputProtocol::new
);

/// What one implementation's bench left for the report: the encoded length, and the sizes of
/// the allocations one decode made (`None` where it cannot decode).
struct Measured {
    len: usize,
    allocations: Option<Vec<usize>>,
}

fn bench_codec<C: Codec>(c: &mut Criterion, group: &str, name: &str, value: &C::Value) -> Measured {
    let bytes = C::to_bytes(value);
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(format!("{name}-encode_fresh"), |b| {
        b.iter(|| C::encode_fresh(black_box(value)))
    });
    let mut buf = Vec::with_capacity(bytes.len());
    let mut bytes_mut = BytesMut::with_capacity(bytes.len());
    g.bench_function(format!("{name}-encode_reused"), |b| {
        b.iter(|| C::encode_reused(black_box(value), &mut buf, &mut bytes_mut))
    });
    // pilota 0.13.1's compact reader panics on structs with bool fields ("pending bool
    // field not read"); such a decode is left out of the table rather than aborting the run.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let decodes = std::panic::catch_unwind(|| drop(C::decode(&bytes))).is_ok();
    std::panic::set_hook(hook);
    let mut allocations = None;
    if decodes {
        let (decoded, sizes) = alloc_record::record(|| C::decode(&bytes));
        drop(decoded);
        allocations = Some(sizes);
        g.bench_function(format!("{name}-decode"), |b| {
            b.iter_batched_ref(
                || (),
                |_| C::decode(black_box(&bytes)),
                BatchSize::SmallInput,
            )
        });
    } else {
        eprintln!("{group}: {name} cannot decode its own encoding; its decode is left out");
    }
    g.finish();
    Measured {
        len: bytes.len(),
        allocations,
    }
}

/// Times the allocations of a recorded decode on their own, freed after the timed region as
/// the decodes' values are.
fn alloc_floor(c: &mut Criterion, group: &str, sizes: Vec<usize>) {
    let replay = Replay::new(sizes);
    let mut g = c.benchmark_group(group);
    g.bench_function("alloc_floor-decode", |b| {
        b.iter_batched_ref(
            || Vec::with_capacity(replay.len()),
            |held| replay.run(held),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn memcpy(c: &mut Criterion, group: &str, len: usize) {
    let bytes = vec![7u8; len];
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(len as u64));
    g.bench_function("memcpy", |b| b.iter(|| black_box(&bytes).to_vec()));
    g.finish();
}

macro_rules! payload {
    ($c:expr, $sizes:expr, $allocations:expr, $name:literal, $ours:ty, $ours_str:ty, $apache:ty, $pilota:ty, $build:ident) => {{
        let ours = build_ours::$build();
        let ours_str = build_ours_str::$build();
        let apache = build_apache::$build();
        let pilota = build_pilota::$build();
        for protocol in ["binary", "compact"] {
            let group = format!("{}-{protocol}", $name);
            let mut measured = if protocol == "binary" {
                [
                    bench_codec::<Ours<thrift_core::Binary, $ours>>($c, &group, "ours", &ours),
                    bench_codec::<Ours<thrift_core::Binary, $ours_str, true>>(
                        $c, &group, "ours_str", &ours_str,
                    ),
                    bench_codec::<ApacheBinary<$apache>>($c, &group, "apache", &apache),
                    bench_codec::<PilotaBinary<$pilota>>($c, &group, "pilota", &pilota),
                ]
            } else {
                [
                    bench_codec::<Ours<thrift_core::Compact, $ours>>($c, &group, "ours", &ours),
                    bench_codec::<Ours<thrift_core::Compact, $ours_str, true>>(
                        $c, &group, "ours_str", &ours_str,
                    ),
                    bench_codec::<ApacheCompact<$apache>>($c, &group, "apache", &apache),
                    bench_codec::<PilotaCompact<$pilota>>($c, &group, "pilota", &pilota),
                ]
            };
            let len = measured[0].len;
            memcpy($c, &group, len);
            $sizes.push(format!("\"{group}\": {len}"));
            let counts: Vec<String> = ["ours", "ours_str", "apache", "pilota"]
                .iter()
                .zip(&measured)
                .filter_map(|(name, m)| {
                    m.allocations
                        .as_ref()
                        .map(|a| format!("\"{name}\": {}", a.len()))
                })
                .collect();
            $allocations.push(format!("\"{group}\": {{{}}}", counts.join(", ")));
            if let Some(sizes) = measured[0].allocations.take() {
                alloc_floor($c, &group, sizes);
            }
        }
    }};
}

fn benches(c: &mut Criterion) {
    use thrift_compare::{apache, ours, ours_str, pilota};
    check_same_bytes();
    let mut sizes = Vec::new();
    let mut allocations = Vec::new();
    payload!(
        c,
        sizes,
        allocations,
        "small",
        ours::Small,
        ours_str::Small,
        apache::Small,
        pilota::Small,
        small
    );
    payload!(
        c,
        sizes,
        allocations,
        "medium",
        ours::Medium,
        ours_str::Medium,
        apache::Medium,
        pilota::Medium,
        medium
    );
    payload!(
        c,
        sizes,
        allocations,
        "large",
        ours::Large,
        ours_str::Large,
        apache::Large,
        pilota::Large,
        large
    );
    // Encoded sizes, for the report's MB/s.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("sizes.json"), format!("{{{}}}", sizes.join(", ")));
    // Allocations per decode, for the report's note on the allocation floor.
    let _ = std::fs::write(
        dir.join("allocations.json"),
        format!("{{{}}}", allocations.join(", ")),
    );
}

/// The three implementations encode the same values to the same bytes (pilota's maps are
/// hash maps, so only its length is compared for the medium payload).
fn check_same_bytes() {
    use thrift_compare::{apache, ours, pilota};
    fn check<A: Codec, B: Codec, C: Codec>(
        a: &A::Value,
        b: &B::Value,
        c: &C::Value,
        ordered: bool,
    ) {
        let (x, y, z) = (A::to_bytes(a), B::to_bytes(b), C::to_bytes(c));
        assert_eq!(x, y, "ours and Apache differ");
        if ordered {
            assert_eq!(x, z, "ours and pilota differ");
        } else {
            assert_eq!(x.len(), z.len(), "ours and pilota differ in length");
        }
    }
    check::<
        Ours<thrift_core::Binary, ours::Small>,
        ApacheBinary<apache::Small>,
        PilotaBinary<pilota::Small>,
    >(
        &build_ours::small(),
        &build_apache::small(),
        &build_pilota::small(),
        true,
    );
    check::<
        Ours<thrift_core::Compact, ours::Medium>,
        ApacheCompact<apache::Medium>,
        PilotaCompact<pilota::Medium>,
    >(
        &build_ours::medium(),
        &build_apache::medium(),
        &build_pilota::medium(),
        false,
    );
    check::<
        Ours<thrift_core::Binary, ours::Large>,
        ApacheBinary<apache::Large>,
        PilotaBinary<pilota::Large>,
    >(
        &build_ours::large(),
        &build_apache::large(),
        &build_pilota::large(),
        true,
    );
}

criterion_group!(codec, benches);
criterion_main!(codec);
