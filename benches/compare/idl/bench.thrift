// Payloads for the cross-implementation codec benchmark (benches/compare).
namespace rs bench

/** ~60 bytes: a few ints, a bool, a double, a short string. */
struct Small {
  1: i32 a,
  2: i64 b,
  3: bool flag,
  4: double ratio,
  5: string name,
  6: i16 c,
}

struct Point {
  1: i32 x,
  2: i32 y,
  3: optional string label,
}

/** ~1 KB: strings, a binary, list<i64>, map<string,string>, optional and nested fields. */
struct Medium {
  1: required i64 id,
  2: required string name,
  3: double score,
  4: bool active,
  5: list<string> tags,
  6: binary payload,
  7: list<i64> counts,
  8: map<string, string> attrs,
  9: list<Point> points,
  10: optional string note,
  11: optional Small small,
}

struct Item {
  1: required i64 id,
  2: string name,
  3: double value,
  4: list<i32> codes,
  5: optional Point at,
}

/** ~150 KB: 1,000 items and a big binary. */
struct Large {
  1: list<Item> items,
  2: binary blob,
}
