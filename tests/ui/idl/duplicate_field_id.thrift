struct Message {
  1: i64 id,
  1: string text,
}
