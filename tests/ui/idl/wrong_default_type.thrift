struct Settings {
  1: i32 port = "eighty",
  2: list<string> tags = {"a": 1},
}
