# expect-errors: 2
# apache: rejects
struct S {
  1: required optional i32 a
}
struct T {
  optional required i32 b
}
