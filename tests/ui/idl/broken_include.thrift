struct Shared {
  1: Unknown thing,
}
