"""Prints the codec comparison as one table of medians and ratios, from the estimates
criterion saved in benches/compare/target/criterion (run the bench first):

    cargo bench --manifest-path benches/compare/Cargo.toml
    python3 benches/compare/report.py

Ratios are this project's median time over the other's, from the same run: below 1.00x
means faster.
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
    print(f"{'payload':<16} {'op':<14} {'ours ns':>10} {'MB/s':>8} {'apache ns':>10} "
          f"{'pilota ns':>10} {'/apache':>8} {'/pilota':>8} {'/memcpy':>8}")
    for group, size in sizes.items():
        memcpy = median_ns(group, "memcpy")
        for op in ["encode_fresh", "encode_reused", "decode"]:
            ours = median_ns(group, f"ours-{op}")
            apache = median_ns(group, f"apache-{op}")
            pilota = median_ns(group, f"pilota-{op}")
            if ours is None:
                continue
            ratio = lambda other: f"{ours / other:.2f}x" if other else "n/a"
            mbps = size / ours * 1e3
            print(f"{group:<16} {op:<14} {ours:>10.0f} {mbps:>8.0f} {apache or 0:>10.0f} "
                  f"{pilota or 0:>10.0f} {ratio(apache):>8} {ratio(pilota):>8} {ratio(memcpy):>8}")


if __name__ == "__main__":
    main()
