# expect-errors: 3
# apache: rejects
# Annotation values must be string literals; keys are identifiers.
struct S {
  1: i32 a (key = 1)
}
struct T {} (= "x")
enum E { A } (k = )
