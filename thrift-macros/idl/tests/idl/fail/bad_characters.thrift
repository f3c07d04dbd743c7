# expect-errors: 3
# apache: rejects
struct S {
  1: i32 a @
  2: i32 $b
}
const i32 K = 1 ~
