# expect-errors: 2
# apache: rejects
struct S {
  1: slist names
  2: list<slist> more
}
