# apache: accepts
enum Color { RED = 1, GREEN = 2 }
struct Point { 1: i32 x, 2: i32 y, 3: optional string label }
const i8 SMALL = -128
const i16 MEDIUM = 32767
const i32 BIG = 0x7fffffff
const i64 HUGE = 9223372036854775807
const i64 NEGATIVE = -9223372036854775807
const double PI = 3.14159
const double EXP = 1e-3
const double FROM_INT = 2
const bool YES = true
const bool NO = false
const bool ONE = 1
const string NAME = "name"
const i32 COPY = BIG
const i64 WIDENED = MEDIUM
const Color FAVOURITE = Color.GREEN
const Color BY_NUMBER = 1
const i32 ENUM_AS_INT = Color.RED
const list<i32> LIST = [1, 2, COPY, Color.RED]
const set<string> SET = ["a", "b", NAME]
const map<string, list<i32>> MAP = { "a": [1, 2], "b": [], "c": LIST }
const map<Color, string> BY_COLOR = { Color.RED: "red", 2: "green" }
const list<map<string, set<i64>>> NESTED = [{ "x": [1, 2] }, {}]
const Point ORIGIN = { "x": 0, "y": 0 }
const list<Point> POINTS = [{ "x": 1, "y": -1, "label": "one" }, { "x": 2, "y": 2 }]
const map<string, Point> NAMED = { "origin": { "x": 0, "y": 0 } }
