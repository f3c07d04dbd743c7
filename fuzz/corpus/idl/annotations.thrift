# apache: accepts
namespace rs annotated (crate = "demo")
typedef string (rust.type = "Box<str>") Name (alias = "yes")
enum E { A (x = "1"), B } (e = "enum")
struct S {
  1: Name name (field = "f", flag)
  2: binary (python.immutable = "") data
  3: list<i32> (hint = "small") items
  4: map<string, string> (m = "m") pairs
} (struct.a = "a"; struct.b = 'b', bare)
exception X { 1: string m } (ex = "1")
service Svc {
  void f(1: i32 a (arg = "1")) (fn = "1")
} (svc = "1")
