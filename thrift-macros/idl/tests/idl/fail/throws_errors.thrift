# expect-errors: 4
# apache: rejects
struct NotAnException { 1: i32 a }
typedef NotAnException Alias
enum Kind { A }
service S {
  void a() throws (1: NotAnException e)
  void b() throws (1: Alias e)
  void c() throws (1: string e)
  void d() throws (1: Kind e)
}
