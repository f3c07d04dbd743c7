# Helpers shared by the compile-time scripts; source it, do not run it.

# manifest NAME DEPENDENCY: the Cargo.toml of a scratch crate NAME, a workspace of its own,
# with the one dependency line DEPENDENCY.
manifest() {
  cat <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$2

[workspace]
TOML
}

# cargo_command PROFILE: sets the array `cmd` to the quiet cargo command that builds the crate
# for PROFILE: check, build or release.
cargo_command() {
  case $1 in
    check) cmd=(cargo check -q) ;;
    build) cmd=(cargo build -q) ;;
    release) cmd=(cargo build -q --release) ;;
    *) echo "cargo_command: unknown profile $1" >&2; return 2 ;;
  esac
}

# seconds CMD...: runs CMD with its output discarded and prints its wall time in seconds.
# Fails (printing the tail of CMD's output to stderr) when CMD fails, so a broken build is
# never reported as a fast one.
seconds() {
  local start end log status=0
  log="$(mktemp)"
  start=$(date +%s.%N)
  "$@" >"$log" 2>&1 || status=$?
  end=$(date +%s.%N)
  if ((status != 0)); then
    echo "failed ($status): $*" >&2
    tail -n 60 "$log" >&2
    rm -f "$log"
    return "$status"
  fi
  rm -f "$log"
  echo "$end - $start" | bc
}

# min_seconds RUNS CMD...: the fastest wall time of RUNS runs of CMD (see `seconds`).
min_seconds() {
  local runs="$1" best="" t i
  shift
  for ((i = 0; i < runs; i++)); do
    t=$(seconds "$@") || return
    if [[ -z $best ]] || (($(echo "$t < $best" | bc))); then best=$t; fi
  done
  echo "$best"
}

# expand_seconds: rustc's own macro-expansion time (-Z time-passes, read with RUSTC_BOOTSTRAP)
# for the lib of the crate in the current directory; run it after touching src/lib.rs.
expand_seconds() {
  RUSTC_BOOTSTRAP=1 cargo rustc -q --profile=check --lib -- -Z time-passes 2>&1 \
    | awk '$NF == "macro_expand_crate" { sub(/;$/, "", $2); print $2; exit }'
}

# expanded_lines: lines of the crate's lib after macro expansion (-Zunpretty=expanded).
expanded_lines() {
  RUSTC_BOOTSTRAP=1 cargo rustc -q --profile=check --lib -- -Zunpretty=expanded 2>/dev/null | wc -l
}
