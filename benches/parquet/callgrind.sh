#!/usr/bin/env bash
# Instructions per footer decode, for each decoder and footer, under callgrind:
#
#     bash benches/parquet/callgrind.sh
#
# Runs `examples/count.rs` twice per decoder and footer, with N iterations and with 0, and
# prints (Ir(N) - Ir(0)) / N: loading the footer and everything else outside the loop
# cancels out, and freeing each decoded result counts, as in the timed bench. Instruction
# counts do not move with the machine's load, unlike times. Needs valgrind; makes the
# footers first if they are missing (see make_footers.py). Set ITERATIONS_NARROW,
# ITERATIONS_WIDE, ITERATIONS_NESTED to change N (defaults 200, 3, 100).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if ! command -v valgrind >/dev/null; then
    echo "callgrind.sh needs valgrind (apt-get install valgrind)" >&2
    exit 2
fi

cargo build --release --quiet --example count
count="${CARGO_TARGET_DIR:-$here/target}/release/examples/count"
"$count" check >&2 # makes the footers if missing; checks every decoder on every footer
read -r -a decoders <<<"$("$count" decoders)"
footers_dir="${THRIFT_PARQUET_FOOTERS:-$here/target/footers}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Instructions of one run: count DECODER FOOTER ITERATIONS.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/out.%p" "$count" "$@" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

results="$tmp/results"
for footer in narrow wide nested; do
    case "$footer" in
    narrow) n="${ITERATIONS_NARROW:-200}" ;;
    wide) n="${ITERATIONS_WIDE:-3}" ;;
    nested) n="${ITERATIONS_NESTED:-100}" ;;
    esac
    bytes="$(awk -v f="$footer" '$1 == f { print $2 }' "$footers_dir/expected.txt")"
    for decoder in "${decoders[@]}"; do
        base="$(instructions "$decoder" "$footer" 0)"
        loop="$(instructions "$decoder" "$footer" "$n")"
        echo "$footer $bytes $decoder $(((loop - base) / n))" >>"$results"
        echo "$footer $decoder: $(((loop - base) / n)) instructions per decode ($n iterations)" >&2
    done
done

awk '
function ratio(a, b) { return (a && b) ? sprintf("%.2fx", a / b) : "n/a" }
{ bytes[$1] = $2; ir[$1, $3] = $4; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
END {
    printf "%-8s %9s %12s %12s %12s %12s %12s %9s %9s %9s %9s %9s\n", "footer", "bytes",
        "ours Ir", "ours_str Ir", "lean Ir", "parquet Ir", "apache Ir", "/parquet", "/apache",
        "Str/parq", "Str/apa", "Lean/parq"
    for (i = 1; i <= n; i++) {
        f = order[i]
        o = ir[f, "ours"]; s = ir[f, "ours_str"]; l = ir[f, "ours_lean"]
        p = ir[f, "parquet"]; a = ir[f, "apache"]
        printf "%-8s %9d %12d %12d %12d %12d %12s %9s %9s %9s %9s %9s\n", f, bytes[f], o, s, l,
            p, (a ? a : "n/a"), ratio(o, p), ratio(o, a), ratio(s, p), ratio(s, a), ratio(l, p)
    }
}' "$results"
