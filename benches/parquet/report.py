"""Prints the footer decode comparison as one table of medians and ratios, from the
estimates criterion saved in benches/parquet/target/criterion (run the bench first):

    cargo bench --manifest-path benches/parquet/Cargo.toml
    python3 benches/parquet/report.py

Ratios are this project's median time over the other's, from the same run: below 1.00x
means faster. `Str` is this project with `string_type = "Str"`, decoding from `Bytes`;
`lean` is that plus `field_types` giving four fields the parquet crate's representations.
Footer sizes come from the footers' expected.txt ($THRIFT_PARQUET_FOOTERS, else
benches/parquet/target/footers).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "target", "criterion")
FOOTERS = os.environ.get("THRIFT_PARQUET_FOOTERS") or os.path.join(HERE, "target", "footers")


def median_ns(group, bench):
    path = os.path.join(ROOT, group, bench, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except OSError:
        return None


def sizes():
    out = {}
    with open(os.path.join(FOOTERS, "expected.txt")) as f:
        for line in f:
            name, size = line.split()[:2]
            out[name] = int(size)
    return out


def ratio(mine, other):
    return f"{mine / other:.2f}x" if mine and other else "n/a"


def ns(value):
    return f"{value:.0f}" if value else "n/a"


def main():
    print(f"{'footer':<8} {'bytes':>9} {'ours ns':>11} {'MB/s':>6} {'Str ns':>11} "
          f"{'lean ns':>11} {'parquet ns':>11} {'apache ns':>11} {'/parquet':>9} "
          f"{'/apache':>8} {'Str/parq':>9} {'Str/apa':>8} {'Lean/parq':>9}")
    for footer, size in sizes().items():
        ours = median_ns(footer, "ours")
        if ours is None:
            continue
        ours_str = median_ns(footer, "ours_str")
        lean = median_ns(footer, "ours_lean")
        parquet = median_ns(footer, "parquet")
        apache = median_ns(footer, "apache")
        mbps = size / ours * 1e3
        print(f"{footer:<8} {size:>9} {ns(ours):>11} {mbps:>6.0f} {ns(ours_str):>11} "
              f"{ns(lean):>11} {ns(parquet):>11} {ns(apache):>11} {ratio(ours, parquet):>9} "
              f"{ratio(ours, apache):>8} {ratio(ours_str, parquet):>9} "
              f"{ratio(ours_str, apache):>8} {ratio(lean, parquet):>9}")


if __name__ == "__main__":
    main()
