#!/usr/bin/env bash
# What `thrift!` adds to a build: expands a generated 5,000-line IDL in a scratch crate and
# reports the macro-expansion time (rustc's own -Z time-passes, read with RUSTC_BOOTSTRAP)
# and the wall time of `cargo check` / `cargo build` against the same crate without it.
#
#   bash benches/compile_time/compile_time.sh [LINES]
#
# THRIFT_RS=DIR measures another thrift-rs checkout (default: this one). compare_apache.sh puts
# the same IDL (or a real one) next to Apache's `thrift --gen rs`; see README.md here.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=benches/compile_time/common.sh
source "$here/common.sh"
thrift_rs="$(realpath "${THRIFT_RS:-$root}")"  # the thrift-rs checkout to measure
lines="${1:-5000}"
work="$root/target/compile-time"
mkdir -p "$work/src"
python3 "$here/gen_idl.py" "$lines" > "$work/big.thrift"
manifest compile-time-probe "thrift-core = { path = \"$thrift_rs/thrift-core\" }" > "$work/Cargo.toml"
export CARGO_TARGET_DIR="$work/target"

with_macro() { printf '#![allow(missing_docs)]\nthrift_core::thrift!("big.thrift");\n' > "$work/src/lib.rs"; }
without_macro() { printf '#![allow(missing_docs)]\n' > "$work/src/lib.rs"; }

cd "$work"
without_macro; cargo build -q; cargo build -q --release  # dependencies, once
for profile in check build build-release; do
  cargo_command "${profile#build-}"
  without_macro; touch src/lib.rs; base=$(seconds "${cmd[@]}")
  with_macro; touch src/lib.rs; full=$(seconds "${cmd[@]}")
  printf '%-14s without thrift!: %6.2f s   with thrift! (%s lines): %6.2f s\n' \
    "cargo $profile" "$base" "$(wc -l < big.thrift)" "$full"
done
with_macro; touch src/lib.rs
RUSTC_BOOTSTRAP=1 cargo rustc -q --profile=check --lib -- -Z time-passes 2>&1 \
  | grep -E 'macro_expand_crate|total' | head -2
echo "generated Rust: $(expanded_lines) lines"
