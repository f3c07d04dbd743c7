enum Color {
  RED = 1,
  GREEN = 2,
  RED = 3,
}
