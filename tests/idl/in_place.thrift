// Structs that exercise decoding in place (`Shape`, which holds structs) next to decoding
// into slots (`Point`, which does not): every kind of presence, an optional field with a
// default, nested and listed structs, and recursion.

struct Point {
  1: required i32 x
  2: i32 y = 7
  3: optional string label = "origin"
  4: list<i32> tags
}

struct Shape {
  1: required Point corner
  2: optional Point center
  3: list<Point> points
  4: Point fallback = {"x": 1, "y": 2}
  5: optional Shape inner
  6: optional string note = "none"
  7: list<Shape> children
}
