# expect-errors: 1
# apache: rejects
senum Legacy { "a", "b" }
struct S { 1: i32 a }
