"""Writes three Parquet files with pyarrow and extracts their footers (the Thrift compact
`FileMetaData` a Parquet file ends with) for the footer decode benchmark:

    pip install pyarrow
    python3 benches/parquet/make_footers.py [OUT_DIR]

OUT_DIR defaults to benches/parquet/target/footers. For each footer NAME it writes
NAME.footer (the footer's bytes) and, for all of them, expected.txt: one line per footer,
`NAME BYTES ROW_GROUPS LEAF_COLUMNS ROWS` as pyarrow counts them, which the bench checks
every decoder against. The data are fixed (seeded), so the footers are the same
from run to run for one pyarrow version. Nothing here is committed.

- narrow: 6 columns of mixed types, 4 row groups.
- wide:   1,000 columns (int64, double, string in turn), 10 row groups.
- nested: struct, list, list<struct> and map columns, 5 row groups, with statistics and
          the page index (whose offsets the footer's column chunks then carry).
"""
import os
import random
import struct
import sys
import tempfile

import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))


def narrow():
    rnd = random.Random(1)
    n = 40_000
    table = pa.table({
        "id": pa.array(range(n), pa.int64()),
        "name": pa.array([f"customer-{rnd.randrange(5000):05}" for _ in range(n)]),
        "price": pa.array([rnd.uniform(0, 1000) for _ in range(n)], pa.float64()),
        "in_stock": pa.array([rnd.random() < 0.8 for _ in range(n)]),
        "updated": pa.array([1_700_000_000_000_000 + i * 1_000_003 for i in range(n)],
                            pa.timestamp("us", tz="UTC")),
        "category": pa.array([rnd.choice(["books", "music", "games", None]) for _ in range(n)])
                      .dictionary_encode(),
    })
    return table, {"row_group_size": 10_000}


def wide():
    rnd = random.Random(2)
    n = 100
    columns = {}
    for c in range(1000):
        kind = c % 3
        if kind == 0:
            columns[f"int_{c:04}"] = pa.array([rnd.randrange(-10**9, 10**9) for _ in range(n)],
                                              pa.int64())
        elif kind == 1:
            columns[f"double_{c:04}"] = pa.array([rnd.gauss(0, 100) for _ in range(n)],
                                                 pa.float64())
        else:
            columns[f"string_{c:04}"] = pa.array([f"v{rnd.randrange(50)}" for _ in range(n)])
    return pa.table(columns), {"row_group_size": 10}


def nested():
    rnd = random.Random(3)
    n = 5_000
    address = pa.struct([("street", pa.string()), ("city", pa.string()), ("zip", pa.int32())])
    item = pa.struct([("sku", pa.string()), ("qty", pa.int32()), ("price", pa.float64())])
    table = pa.table({
        "id": pa.array(range(n), pa.int64()),
        "address": pa.array([
            None if i % 17 == 0 else {
                "street": f"{rnd.randrange(1, 999)} Main St",
                "city": rnd.choice(["Oslo", "Lima", "Pune", "Kyiv"]),
                "zip": rnd.randrange(10_000, 99_999),
            } for i in range(n)], address),
        "scores": pa.array([[rnd.randrange(100) for _ in range(rnd.randrange(5))]
                            for _ in range(n)], pa.list_(pa.int32())),
        "items": pa.array([[{"sku": f"sku-{rnd.randrange(300)}", "qty": rnd.randrange(1, 9),
                             "price": round(rnd.uniform(1, 50), 2)}
                            for _ in range(rnd.randrange(4))] for _ in range(n)],
                          pa.list_(item)),
        "attrs": pa.array([[(f"k{j}", rnd.randrange(1000)) for j in range(rnd.randrange(3))]
                           for _ in range(n)], pa.map_(pa.string(), pa.int64())),
        "tags": pa.array([[rnd.choice(["a", "b", "c"]) for _ in range(rnd.randrange(3))]
                          for _ in range(n)], pa.list_(pa.string())),
    })
    return table, {"row_group_size": 1_000, "write_page_index": True, "write_statistics": True}


def footer(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[-4:] == b"PAR1", "not a Parquet file"
    (length,) = struct.unpack("<I", data[-8:-4])
    return data[-8 - length:-8]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "target", "footers")
    os.makedirs(out, exist_ok=True)
    expected = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in [("narrow", narrow), ("wide", wide), ("nested", nested)]:
            table, options = make()
            path = os.path.join(tmp, f"{name}.parquet")
            pq.write_table(table, path, **options)
            meta = pq.ParquetFile(path).metadata
            data = footer(path)
            with open(os.path.join(out, f"{name}.footer"), "wb") as f:
                f.write(data)
            expected.append(f"{name} {len(data)} {meta.num_row_groups} {meta.num_columns} "
                            f"{meta.num_rows}\n")
            print(f"{name:<7} {len(data):>9} bytes  {meta.num_row_groups:>3} row groups  "
                  f"{meta.num_columns:>5} columns  {meta.num_rows:>7} rows")
    with open(os.path.join(out, "expected.txt"), "w") as f:
        f.writelines(expected)


if __name__ == "__main__":
    main()
