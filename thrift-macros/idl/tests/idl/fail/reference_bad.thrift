# expect-errors: 2
# apache: rejects
# `&` goes between the type and the name.
struct S {
  1: & i32 a
}
struct T {
  2: i32 b &
}
