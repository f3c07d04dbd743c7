#!/usr/bin/env bash
# Compile time of one IDL two ways: `thrift!` (a crate depending on thrift-core whose lib is
# the macro call) against Apache's `thrift --gen rs` (a crate depending on the `thrift` 0.17
# crate whose lib is the generated code), plus ours-codecs, which also instantiates thrift!'s
# generic codecs (see below). The crates live under target/compile-time-apache/;
# their dependencies are built once, then each is rebuilt after `touch src/lib.rs` and timed
# (wall clock, incremental compilation off) with `cargo check`, `cargo build` and
# `cargo build --release`. Also reports the code generation step (thrift!: rustc's macro
# expansion from -Z time-passes; Apache: the `thrift` compiler's wall time) and how many
# lines of Rust each produces.
#
#   bash benches/compile_time/compare_apache.sh [IDL [INCLUDE_DIR...]]
#
# Without IDL it uses gen_idl.py's 5,000-line IDL. Includes resolve from the including file's
# directory, then from each INCLUDE_DIR (thrift!'s include_dirs, thrift's -I). RUNS=N repeats
# every timing N times and keeps the fastest (default 1). THRIFT_RS=DIR measures another
# thrift-rs checkout (default: this one). Needs Debian's thrift-compiler (0.17) for `thrift`;
# benches/compile_time/README.md says where to get the Hive metastore IDL.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=benches/compile_time/common.sh
source "$here/common.sh"
thrift_rs="$(realpath "${THRIFT_RS:-$root}")"  # the thrift-rs checkout to measure
runs="${RUNS:-1}"
# Every timed build compiles the whole crate: incremental reuse would make a touched,
# unchanged lib.rs nearly free in the debug profiles.
export CARGO_INCREMENTAL=0
work="$root/target/compile-time-apache"
mkdir -p "$work"

if ! command -v thrift >/dev/null; then
  echo "needs the Apache thrift compiler (Debian: thrift-compiler)" >&2
  exit 1
fi
if (($# > 0)); then
  idl="$(realpath "$1")"
  shift
else
  python3 "$here/gen_idl.py" 5000 > "$work/big.thrift"
  idl="$work/big.thrift"
fi
[[ -f $idl ]] || { echo "no such IDL: $idl" >&2; exit 1; }
include_dirs=() thrift_includes=()
for dir in "$@"; do
  include_dirs+=("$(realpath "$dir")")
  thrift_includes+=(-I "$(realpath "$dir")")
done

# Lines of the IDL and of every file it includes, transitively.
idl_lines() {
  python3 - "$idl" "${include_dirs[@]}" <<'PY'
import os, re, sys
root, dirs = sys.argv[1], sys.argv[2:]
seen, todo, total = set(), [root], 0
while todo:
    path = os.path.realpath(todo.pop())
    if path in seen:
        continue
    seen.add(path)
    text = open(path, encoding="utf-8").read()
    total += text.count("\n")
    for inc in re.findall(r'^\s*include\s+"([^"]+)"', text, re.M):
        for base in [os.path.dirname(path)] + dirs:
            if os.path.isfile(os.path.join(base, inc)):
                todo.append(os.path.join(base, inc))
                break
print(len(seen) - 1, total)
PY
}

# --- the crates -----------------------------------------------------------------------------
crate() { # crate NAME DEPENDENCY: a fresh scratch crate at $work/NAME
  mkdir -p "$work/$1/src"
  manifest "compile-time-$1" "$2" > "$work/$1/Cargo.toml"
}

crate ours "thrift-core = { path = \"$thrift_rs/thrift-core\" }"
dirs_option=""
if ((${#include_dirs[@]} > 0)); then
  dirs_option=", include_dirs = [$(printf '"%s", ' "${include_dirs[@]}")]"
fi
printf '#![allow(missing_docs)]\nthrift_core::thrift!("%s"%s);\n' "$idl" "$dirs_option" \
  > "$work/ours/src/lib.rs"
# thrift!'s codecs are generic over the protocol, so a crate that only expands them leaves
# their code generation to the crates that use them, while Apache's (`dyn TInputProtocol`)
# are compiled where they are defined. ours-codecs also instantiates the binary codec of
# every struct, union and exception of the root IDL file, as a user crate would.
crate ours-codecs "thrift-core = { path = \"$thrift_rs/thrift-core\" }"
{
  cat "$work/ours/src/lib.rs"
  python3 - "$idl" <<'PY'
import re, sys

def upper_camel(name):  # thrift!'s type names: thrift-macros/src/lower/names.rs
    words, cur = [], ""
    for i, c in enumerate(name):
        if c in "_.":
            words, cur = (words + [cur] if cur else words), ""
            continue
        prev, nxt = name[i - 1] if i else "", name[i + 1:i + 2]
        if c.isupper() and cur and (prev.islower() or prev.isdigit()
                                    or (prev.isupper() and nxt.islower())):
            words, cur = words + [cur], ""
        cur += c.lower()
    out = ""
    for word in words + ([cur] if cur else []):
        out += ("_" if word[0].isdigit() and out else "") + word[0].upper() + word[1:]
    return out or "_"

text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"/\*.*?\*/|//[^\n]*|#[^\n]*", "", text, flags=re.S)
names = re.findall(r"\b(?:struct|union|exception)\s+([A-Za-z_][A-Za-z0-9_]*)", text)
for i, name in enumerate(map(upper_camel, names)):
    print(f"pub fn roundtrip_{i}(v: &{name}) -> thrift_core::Result<{name}> {{")
    print("    thrift_core::binary::from_slice(&thrift_core::binary::to_vec(v))")
    print("}")
PY
} > "$work/ours-codecs/src/lib.rs"

crate apache 'thrift = "0.17"'
generate() { # Apache's generated code, one module per IDL file (it refers to `crate::<file>`)
  find "$work/apache/src" -name '*.rs' ! -name lib.rs -delete
  thrift -r --gen rs "${thrift_includes[@]}" -out "$work/apache/src" "$idl"
}
gen_seconds=$(min_seconds "$runs" generate)
{
  echo '//! Apache `thrift --gen rs` output, one module per IDL file.'
  for file in "$work"/apache/src/*.rs; do
    [[ $(basename "$file") == lib.rs ]] || echo "pub mod $(basename "$file" .rs);"
  done
} > "$work/apache/src/lib.rs"
apache_gen_lines=$(find "$work/apache/src" -name '*.rs' ! -name lib.rs -exec cat {} + | wc -l)

# --- build, then time -----------------------------------------------------------------------
crates=(ours ours-codecs apache)
declare -A failed=() secs=()
# Dependencies (and each crate itself) once; a crate that does not build is reported.
for c in "${crates[@]}"; do
  cd "$work/$c"
  export CARGO_TARGET_DIR="$work/$c/target"
  if ! { cargo check -q && cargo build -q && cargo build -q --release; } > "$work/$c.log" 2>&1; then
    failed[$c]=1
    echo "$c: the crate does not build; its errors are in $work/$c.log:" >&2
    grep -E '^error' "$work/$c.log" | sort | uniq -c | head -20 >&2
  fi
done
for profile in check build release; do
  cargo_command "$profile"
  for ((run = 0; run < runs; run++)); do # alternate the crates so load drift hits both alike
    for c in "${crates[@]}"; do
      [[ -z ${failed[$c]:-} ]] || continue
      cd "$work/$c"
      export CARGO_TARGET_DIR="$work/$c/target"
      touch src/lib.rs
      t=$(seconds "${cmd[@]}")
      if [[ -z ${secs[$c,$profile]:-} ]] || (($(echo "$t < ${secs[$c,$profile]}" | bc))); then
        secs[$c,$profile]=$t
      fi
    done
  done
done
declare -A expand=() expanded=()
for c in ours apache; do
  [[ -z ${failed[$c]:-} ]] || continue
  cd "$work/$c"
  export CARGO_TARGET_DIR="$work/$c/target"
  touch src/lib.rs
  if [[ $c == ours ]]; then expand[$c]=$(expand_seconds); touch src/lib.rs; fi
  expanded[$c]=$(expanded_lines)
done

# --- report ---------------------------------------------------------------------------------
read -r n_includes total_lines < <(idl_lines)
echo "IDL: $(basename "$idl"), $(wc -l < "$idl") lines" \
  "($total_lines with $n_includes included file(s))"
echo "Rust: thrift! ${expanded[ours]:-?} lines after expansion;" \
  "thrift --gen rs $apache_gen_lines lines (${expanded[apache]:-?} after expansion)"
echo "ours+codecs: ours plus the binary codec of its $(grep -c '^pub fn roundtrip_' \
  "$work/ours-codecs/src/lib.rs") root-file types instantiated (see the script)"
echo "wall seconds, best of $runs; cargo rows rebuild only the crate (dependencies built)"
echo
row() { printf '%-22s %9s %13s %9s %13s %12s %19s\n' "$@"; }
ratio() { # ratio A B: A / B to two decimals, or "-"
  if [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]] && (($(echo "$2 > 0" | bc))); then
    printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"
  else
    echo -
  fi
}
fmt() { # fmt SECONDS: two decimals, or "failed"
  if [[ -n ${1:-} ]]; then printf '%.2f' "$1"; else echo failed; fi
}
row profile "ours s" "ours+codecs s" "apache s" "apache+gen s" "ours/apache" "ours+codecs/apache"
row codegen "$(fmt "${expand[ours]:-}")" - "$(fmt "$gen_seconds")" - - -
for profile in check build release; do
  label="cargo $profile"
  [[ $profile == release ]] && label="cargo build --release"
  ours_t="$(fmt "${secs[ours,$profile]:-}")"
  codecs_t="$(fmt "${secs[ours-codecs,$profile]:-}")"
  apache_t="$(fmt "${secs[apache,$profile]:-}")"
  with_gen=-
  [[ $apache_t == failed ]] || with_gen=$(fmt "$(echo "$apache_t + $gen_seconds" | bc)")
  row "$label" "$ours_t" "$codecs_t" "$apache_t" "$with_gen" \
    "$(ratio "$ours_t" "$apache_t")" "$(ratio "$codecs_t" "$apache_t")"
done
echo
echo "codegen: thrift! = rustc's macro_expand_crate (inside every cargo row);" \
  "apache = thrift --gen rs (outside them, hence apache+gen)"
((${#failed[@]} == 0))
