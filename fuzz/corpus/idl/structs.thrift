# apache: accepts
enum Kind { A = 1, B = 2 }
struct Nested { 1: bool flag }
const i32 DEFAULT_SIZE = 10
struct Options {
  1: required i32 size = DEFAULT_SIZE
  2: optional string name = "none"
  3: i64 count
  4: Kind kind = Kind.B
  5: list<string> tags = ["a", "b"]
  6: map<string, i32> weights = {}
  7: double ratio = 1
  8: Nested nested = { "flag": true }
}
struct Tree {
  1: i32 value
  2: list<Tree> children
  3: optional Tree & parent
}
struct Empty {}
