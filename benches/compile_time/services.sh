#!/usr/bin/env bash
# What a crate that uses every service of an IDL compiles in: gen_idl.py's IDL (88 services
# of 4 methods at 5,000 lines) expanded by thrift!, plus either a call of every client
# method (`clients`) or a handler and processor for every service (`servers`). Unlike the
# bare expansion (compile_time.sh), this instantiates the RPC runtime for every argument and
# result type, as an application does. Prints the wall time of `cargo check`, `cargo build`
# and `cargo build --release` of each crate after `touch src/lib.rs`, incremental off.
#
#   bash benches/compile_time/services.sh [LINES]
#
# THRIFT_RS=DIR measures another thrift-rs checkout (default: this one), e.g. an exported
# commit to compare against. RUNS=N keeps the best of N runs (default 1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=benches/compile_time/common.sh
source "$here/common.sh"
thrift_rs="$(realpath "${THRIFT_RS:-$root}")"
lines="${1:-5000}"
runs="${RUNS:-1}"
work="$root/target/compile-time-services"
mkdir -p "$work"
python3 "$here/gen_idl.py" "$lines" > "$work/big.thrift"
services=$(grep -c '^service ' "$work/big.thrift")
export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0

# crate NAME: a scratch crate in $work/NAME whose lib expands big.thrift, then the body
# that write_NAME appends.
crate() {
  mkdir -p "$work/$1/src"
  cp "$work/big.thrift" "$work/$1/"
  manifest "services-$1" "thrift-core = { path = \"$thrift_rs/thrift-core\" }" \
    > "$work/$1/Cargo.toml"
  printf '#![allow(missing_docs, dead_code)]\nthrift_core::thrift!("big.thrift");\n' \
    > "$work/$1/src/lib.rs"
}

crate clients
for ((n = 0; n < services; n++)); do
  cat >> "$work/clients/src/lib.rs" <<RUST
pub fn call$n(c: &mut Store${n}Client) {
    let _ = c.get(Default::default());
    let _ = c.find(Default::default(), 0);
    let _ = c.put(Default::default());
    let _ = c.touch(Default::default());
}
RUST
done

crate servers
cat >> "$work/servers/src/lib.rs" <<'RUST'
use thrift_core::server::{Processor, ServerCall};
use thrift_core::transport::Connection;
pub struct Handler;
fn refused() -> thrift_core::Error {
    thrift_core::Error::new(thrift_core::ErrorKind::InvalidData, "refused")
}
RUST
for ((n = 0; n < services; n++)); do
  cat >> "$work/servers/src/lib.rs" <<RUST
impl Store$n for Handler {
    fn get(&self, _: Id$n) -> Result<Record$n, store$n::GetError> { Err(refused().into()) }
    fn find(&self, _: Query$n, _: i32) -> Result<Page$n, thrift_core::Error> { Err(refused()) }
    fn put(&self, _: Record$n) -> Result<(), thrift_core::Error> { Ok(()) }
    fn touch(&self, _: Id$n) -> Result<(), thrift_core::Error> { Ok(()) }
}
pub fn serve$n(call: &mut ServerCall<'_, Connection>) -> thrift_core::Result<()> {
    Store${n}Processor::new(Handler).process(call)
}
RUST
done

echo "$(wc -l < "$work/big.thrift")-line IDL, $services services of 4 methods; best of $runs"
for name in clients servers; do
  cd "$work/$name"
  cargo build -q && cargo build -q --release  # dependencies, once
  for profile in check build build-release; do
    cargo_command "${profile#build-}"
    t=$(min_seconds "$runs" bash -c "touch src/lib.rs && ${cmd[*]}")
    printf '%-8s %-20s %7.2f s\n' "$name" "cargo $profile" "$t"
  done
done
