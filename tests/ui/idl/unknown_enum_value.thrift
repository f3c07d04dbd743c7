enum Color {
  RED = 1,
}

const Color FAVOURITE = Color.PURPLE
