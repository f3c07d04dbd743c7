#!/usr/bin/env bash
# rustc's instructions for `cargo check` of a crate holding `thrift!` on gen_idl.py's IDL,
# counted by callgrind. Wall times of a check move by 10-20% with this VM's load; the
# instruction count moves by well under 1%, so it is the number to compare two versions of
# the generated code by:
#
#   bash benches/compile_time/check_instructions.sh [LINES]     # default 1000
#
# Builds the scratch crate's dependencies, takes the rustc command `cargo check -v` runs for
# the crate itself, and runs that command once under valgrind (about 90 s for 1,000 lines).
# THRIFT_RS=DIR measures another thrift-rs checkout. Needs valgrind.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=benches/compile_time/common.sh
source "$here/common.sh"
thrift_rs="$(realpath "${THRIFT_RS:-$root}")"
lines="${1:-1000}"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }

export CARGO_INCREMENTAL=0
work="$root/target/compile-time-instructions"
mkdir -p "$work/src"
export CARGO_TARGET_DIR="$work/target"
python3 "$here/gen_idl.py" "$lines" > "$work/big.thrift"
manifest compile-time-instructions "thrift-core = { path = \"$thrift_rs/thrift-core\" }" \
  > "$work/Cargo.toml"
printf '#![allow(missing_docs)]\nthrift_core::thrift!("%s");\n' "$work/big.thrift" \
  > "$work/src/lib.rs"

cd "$work"
cargo check -q
touch src/lib.rs
# The last `Running` line is rustc on the crate itself, with its dependencies prebuilt.
rustc_command="$(cargo check -v 2>&1 | sed -n 's/^ *Running `\(.*\)`$/\1/p' | tail -n 1)"
[[ -n $rustc_command ]] || { echo "could not find the crate's rustc command" >&2; exit 1; }
ir="$(eval "valgrind --tool=callgrind --callgrind-out-file=/dev/null $rustc_command" 2>&1 \
  >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')"
echo "IDL: $(wc -l < big.thrift) lines; rustc instructions for cargo check: $ir"
