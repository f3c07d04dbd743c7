# expect-errors: 2
# apache: rejects
union U {
  1: i32 a = 1
  2: string b = "b"
  3: double c = 3
}
