struct Message {
  1: i64 id
  2: string text,

service Chat {
}
