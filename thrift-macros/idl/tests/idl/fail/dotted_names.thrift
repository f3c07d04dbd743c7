# expect-errors: 4
# apache: rejects
struct A.B { 1: i32 x }
struct C { 1: i32 a.b }
service S { void f.g() }
const i32 K.L = 1
