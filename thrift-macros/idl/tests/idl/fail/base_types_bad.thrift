# expect-errors: 3
# apache: rejects
struct S {
  1: void nothing
}
struct T {
  1: list<> empty
}
struct U {
  1: map<string> half
}
