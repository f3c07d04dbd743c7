struct Message {
  1: i64 id,
  2: Strnig text,
}
