"""Prints the codec comparison as one table of medians and ratios, from the estimates
criterion saved in benches/compare/target/criterion (run the bench first):

    cargo bench --manifest-path benches/compare/Cargo.toml
    python3 benches/compare/report.py

Ratios are this project's median time over the other's, from the same run: below 1.00x
means faster. `Str` is this project with `string_type = "Str"` (short strings inline, long ones
shared), decoding from `Bytes`.

A second table sets each decode against its allocation floor: the time to make the same
allocations as this project's `String` decode, each filled by a copy, with no parsing. No
decoder into these owned types can go below it.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "target", "criterion")


def median_ns(group, bench):
    path = os.path.join(ROOT, group, bench, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except OSError:
        return None


def main():
    sizes = json.load(open(os.path.join(ROOT, "sizes.json")))
    print(f"{'payload':<16} {'op':<14} {'ours ns':>9} {'MB/s':>7} {'Str ns':>9} {'apache ns':>10} "
          f"{'pilota ns':>10} {'/apache':>8} {'/pilota':>8} {'/memcpy':>8} {'Str/apache':>10} "
          f"{'Str/pilota':>10}")
    for group, size in sizes.items():
        memcpy = median_ns(group, "memcpy")
        for op in ["encode_fresh", "encode_reused", "decode"]:
            ours = median_ns(group, f"ours-{op}")
            ours_str = median_ns(group, f"ours_str-{op}")
            apache = median_ns(group, f"apache-{op}")
            pilota = median_ns(group, f"pilota-{op}")
            if ours is None:
                continue
            def ratio(mine, other):
                return f"{mine / other:.2f}x" if mine and other else "n/a"
            mbps = size / ours * 1e3
            print(f"{group:<16} {op:<14} {ours:>9.0f} {mbps:>7.0f} {ours_str or 0:>9.0f} "
                  f"{apache or 0:>10.0f} {pilota or 0:>10.0f} {ratio(ours, apache):>8} "
                  f"{ratio(ours, pilota):>8} {ratio(ours, memcpy):>8} "
                  f"{ratio(ours_str, apache):>10} {ratio(ours_str, pilota):>10}")

    print_floor(sizes)


def print_floor(sizes):
    try:
        allocations = json.load(open(os.path.join(ROOT, "allocations.json")))
    except OSError:
        return
    print()
    print(f"{'payload':<16} {'allocs':>6} {'apache':>6} {'pilota':>6} {'floor ns':>9} "
          f"{'ours ns':>9} {'apache ns':>10} {'floor/apache':>12} {'ours/floor':>10} "
          f"{'above floor/apache':>18}")
    for group in sizes:
        floor = median_ns(group, "alloc_floor-decode")
        ours = median_ns(group, "ours-decode")
        apache = median_ns(group, "apache-decode")
        counts = allocations.get(group, {})
        if floor is None or ours is None or apache is None:
            continue
        above = (ours - floor) / (apache - floor) if apache > floor else float("nan")
        print(f"{group:<16} {counts.get('ours', '-'):>6} {counts.get('apache', '-'):>6} "
              f"{counts.get('pilota', '-'):>6} {floor:>9.0f} {ours:>9.0f} {apache:>10.0f} "
              f"{floor / apache:>11.2f}x {ours / floor:>9.2f}x {above:>17.2f}x")


if __name__ == "__main__":
    main()
