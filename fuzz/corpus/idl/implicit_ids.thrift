# apache: accepts
# Fields without ids get -1, -2, ... (each with a warning, as in Apache);
# a non-positive explicit id is replaced the same way.
struct Implicit {
  i32 first
  string second
  1: i32 explicit
  0: i32 zero
}
service S {
  void f(i32 a, i32 b)
}
