struct Message {
  1: i64 id,
}

enum Message {
  A,
}
