# expect-errors: 8
# apache: rejects
service Svc {}
struct S {
  1: Missing a
  2: list<AlsoMissing> b
  3: other.Thing c
  4: Svc d
  5: int e
}
typedef Nope Alias
service Api {
  Gone get(1: Lost arg)
}
