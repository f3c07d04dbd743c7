struct Point {
  1: i32 x,
  2: i32 y = 5,
  3: string label,
}

struct Line {
  1: Point from,
}

const Line ORIGIN = {"from": {"x": 0}}
