# expect-errors: 15
# apache: rejects
# differs: Apache accepts out-of-range integers and a map literal for a list;
# we reject them (generated code would truncate or could not be built).
enum Color { RED = 1, GREEN = 2 }
struct Point { 1: i32 x }
const string S = 1
const i32 I = "one"
const i8 TOO_BIG = 300
const i16 TOO_SMALL = -32769
const i32 TOO_LARGE = 2147483648
const bool NOT_BOOL = 2
const list<i32> NOT_A_LIST = { "a": 1 }
const map<string, i32> BAD_ENTRY = { "a": "b", 1: 2 }
const Color NO_SUCH_VALUE = 5
const Color UNQUALIFIED = RED
const Point NO_FIELD = { "y": 1 }
const double D = "x"
const uuid U = "not-a-uuid"
const i32 TWO = 2
const Color WRONG_ENUM_TYPE = TWO
