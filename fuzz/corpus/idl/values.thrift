// Values exchanged with Python peers in the wire cross-checks (tests/wire_thriftpy2.rs).
namespace py values

enum Color {
  RED = 1,
  GREEN = 2,
  BLUE = 42,
}

struct Inner {
  1: i32 a,
  2: string b,
}

struct AllTypes {
  1: bool flag_true,
  2: bool flag_false,
  3: byte b,
  4: i16 small,
  5: i32 medium,
  6: i64 big,
  7: double real,
  8: string text,
  9: binary blob,
  10: Inner inner,
  11: list<i32> ints,
  12: set<i32> int_set,
  13: map<string, i64> counts,
  14: list<bool> bools,
  15: list<string> long_list,
  16: map<i32, list<Inner>> nested,
  17: Color color,
  18: list<double> doubles,
  40: i16 far_field,
  41: map<string, string> empty_map,
  42: list<i8> empty_list,
  43: list<list<i64>> matrix,
  300: bool late_flag,
}
