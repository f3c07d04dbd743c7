// Every construct the thrift! macro supports, in one IDL (tests/thrift_macro.rs).
namespace rs everything
namespace py everything

include "shared.thrift"
include "base.thrift"

typedef string Name
typedef list<Name> Names
typedef double Score

/** Colours, with explicit, implicit and hex values. */
enum Color {
  RED = 1,
  GREEN,
  /** The odd one. */
  BLUE = 0x10,
  lightBlue,
}

const i8 TINY = -8
const i16 SMALL = 300
const i32 ANSWER = 42
const i64 BIG = 9007199254740993
const double PI = 3.14159
const double WHOLE = 2
const bool YES = true
const string GREETING = "hello"
const binary MAGIC = "magic"
const uuid ID = "00112233-4455-6677-8899-aabbccddeeff"
const Color FAVOURITE = Color.BLUE
const list<i32> PRIMES = [2, 3, 5, 7]
const set<string> WORDS = ["a", "b"]
const map<string, list<i32>> TABLE = {"one": [1], "two": [2, 2]}
const map<Score, string> GRADES = {1.5: "low", 9.5: "high"}
const Names NAMES = ["x", "y"]
const shared.User ADMIN = {"id": 1, "name": "root", "level": base.Level.HIGH}
const i32 ALIAS = ANSWER

struct Primitives {
  1: bool flag,
  2: byte b,
  3: i8 c,
  4: i16 d,
  5: i32 e,
  6: i64 f,
  7: double g,
  8: string h,
  9: binary i,
  10: uuid j,
}

struct Containers {
  1: list<i32> ints,
  2: set<string> strings,
  3: map<string, i64> counts,
  4: list<list<string>> nested,
  5: set<double> doubles,
  6: map<double, string> by_score,
  7: map<Color, set<i16>> by_color,
  8: list<Primitives> rows,
  9: set<Point> points,
  10: map<Point, string> labels,
  11: set<Measured> measured,
  12: map<Measured, i32> by_measure,
  13: Names names,
}

/** Orderable: usable as a set element and map key. */
struct Point {
  1: i32 x,
  2: i32 y,
}

/** Holds a double, so it has no total order: sets of it keep wire order. */
struct Measured {
  1: double value,
}

struct Defaults {
  1: i32 port = 9090,
  2: required string host = "localhost",
  3: optional list<string> tags = ["a"],
  4: Color color = Color.GREEN,
  5: string no_default,
  6: optional i32 maybe,
  7: Point origin = {"x": 1, "y": 2},
  8: double ratio = 1,
}

union Shape {
  1: double circle,
  2: Point square,
  3: list<Shape> group,
  4: string label,
}

exception Oops {
  1: string message,
}

exception Detailed {
  1: i32 code,
  2: string why,
}

/** Recursive through itself and through another struct. */
struct Tree {
  1: required i32 value,
  2: list<Tree> children,
  3: optional Tree left,
  4: optional Forest forest,
}

struct Forest {
  1: optional Tree first,
}

struct Linked {
  1: i32 value,
  2: optional Linked & next,
}

/** Rust keywords and awkward names as identifiers. */
struct type {
  1: i32 match,
  2: string mut,
  3: bool Self,
  4: i64 crate,
  5: i32 fooBar,
  6: i32 foo_bar,
  7: i32 async,
}

enum Keywords {
  fn,
  impl,
  loop,
}

struct UsesIncludes {
  1: shared.User user,
  2: base.Stamp stamp,
  3: base.Timestamp at,
  4: list<shared.User> users,
  5: base.Level level,
}

struct Annotated {
  1: i32 a (rs.note = "kept"),
  2: string b,
} (final = "true")

struct Sparse {
  100: i32 far,
  5: i32 backwards,
}

/** All of the above in one value: the fuzzers' decoding target. */
struct Everything {
  1: Primitives primitives,
  2: Containers containers,
  3: optional Defaults defaults,
  4: Shape shape,
  5: Tree tree,
  6: UsesIncludes includes,
  7: type keywords,
  8: Sparse sparse,
  9: list<Linked> linked,
  10: map<string, Shape> shapes,
}
