// One build reports every mistake, not only the first.
struct Message {
  1: Strnig text,
  1: i64 id,
}

const i8 SMALL = 300

service Chat extends Missing {
  void ping(),
}
