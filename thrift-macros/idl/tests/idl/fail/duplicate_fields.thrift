# expect-errors: 5
# apache: rejects
exception E { 1: string m }
struct S {
  1: i32 a
  1: i32 b
  2: i32 a
}
service Svc {
  void f(1: i32 x, 1: i32 y) throws (1: E e, 1: E e2)
  void f()
}
