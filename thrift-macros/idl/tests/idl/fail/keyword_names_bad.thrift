# expect-errors: 3
# apache: rejects
struct string { 1: i32 a }
enum E { struct }
service S { void void() }
