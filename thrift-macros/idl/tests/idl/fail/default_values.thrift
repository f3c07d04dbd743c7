# expect-errors: 5
# apache: rejects
enum Kind { A }
struct S {
  1: i32 count = "many"
  2: Kind kind = 7
  3: list<string> names = [1]
  4: Later later = {}
}
struct Later {}
service Svc {
  void f(1: string s = 5)
}
