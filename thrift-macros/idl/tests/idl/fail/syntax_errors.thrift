# expect-errors: 3
# apache: rejects
# Recovery happens per definition, so each broken one is reported.
struct MissingName {
  1: i32
}
struct Fine { 1: i32 ok }
enum Broken { A = }
service S {
  void f(
}
const i32 STILL_CHECKED = 1
