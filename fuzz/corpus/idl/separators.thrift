# apache: accepts
# `,`, `;` or nothing between fields, enum values, list and map items,
# annotations and functions.
struct Seps {
  1: i32 a,
  2: i32 b;
  3: i32 c
  4: list<i32> d = [1, 2; 3 4],
  5: map<i32, i32> e = {1: 2, 3: 4; 5: 6 7: 8}
} (one = "1", two = "2"; three)
enum E { A, B; C D }
service S {
  void f(1: i32 a, 2: i32 b; 3: i32 c 4: i32 d),
  void g();
  void h()
}
typedef i32 T;
const i32 K = 1,
