//! Parsing and resolving a generated 5,000-line IDL (the issue's target:
//! well under 100 ms in release mode): `cargo bench -p thrift-idl`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use thrift_idl::{load_with, InMemory, LoadOptions};

/// A realistic mix: documented enums, typedefs, structs with defaults and
/// containers, unions, exceptions, constants and a service per block, each
/// block referring to the previous one.
fn generate(lines: usize) -> String {
    let mut out = String::from("namespace rs bench\nnamespace * bench\n\n");
    let mut block: usize = 0;
    while out.lines().count() < lines {
        let b = block;
        let p = b.saturating_sub(1);
        out.push_str(&format!(
            r#"/** State of entity {b}. */
enum State{b} {{
  NEW = 0,
  ACTIVE,
  SUSPENDED = 10,
  DELETED,
}}

typedef i64 Id{b}
typedef map<string, list<Id{b}>> Index{b}
const i32 LIMIT{b} = {b}

/**
 * Entity number {b}.
 */
struct Entity{b} {{
  1: required Id{b} id
  2: optional string name = "entity {b}"
  3: State{b} state = State{b}.ACTIVE
  4: list<i32> scores = [1, 2, 3, LIMIT{b}]
  5: map<string, double> weights = {{ "a": 1.5, "b": 2 }}
  6: set<string> tags
  7: optional Entity{p} previous
  8: Index{b} index
  9: binary payload (rust.bytes = "true")
  10: bool enabled = true
}}

union Choice{b} {{
  1: Entity{b} entity
  2: string text
  3: i64 number
}}

exception Failure{b} {{
  1: string message
  2: i32 code = 500
}}

const list<map<string, i32>> TABLE{b} = [{{ "x": LIMIT{b}, "y": 2 }}, {{ "z": 3 }}]

service Service{b} {{
  Entity{b} get(1: Id{b} id) throws (1: Failure{b} failure)
  list<Entity{b}> list_all(1: i32 limit = 100, 2: State{b} state)
  void put(1: Entity{b} entity) throws (1: Failure{b} failure)
  oneway void touch(1: Id{b} id)
}}

"#
        ));
        block += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = generate(5_000);
    let sources = InMemory::new().with("bench.thrift", text.as_str());
    let loaded = load_with(&sources, Path::new("bench.thrift"), &LoadOptions::default());
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    println!(
        "input: {} lines, {} bytes",
        text.lines().count(),
        text.len()
    );
    c.bench_function("parse+resolve 5,000-line IDL", |b| {
        b.iter(|| {
            load_with(
                black_box(&sources),
                Path::new("bench.thrift"),
                &LoadOptions::default(),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
