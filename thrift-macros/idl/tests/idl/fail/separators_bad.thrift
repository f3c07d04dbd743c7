# expect-errors: 2
# apache: rejects
struct S {
  1: i32 a,,
  2: i32 b
}
enum E { A;; B }
