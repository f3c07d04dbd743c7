# expect-errors: 7
# apache: rejects
enum Color { RED }
struct Point { 1: i32 x }
const i32 EARLY = LATE
const i32 LATE = 1
const i32 UNKNOWN = NOPE
const i32 UNKNOWN_VALUE = Color.PURPLE
const i32 UNKNOWN_MODULE = other.THING
const string WRONG_TYPE = LATE
const Point ORIGIN = { "x": 0 }
const Point COPY = ORIGIN
const Later L = Later.X
enum Later { X }
