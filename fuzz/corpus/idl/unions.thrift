# apache: accepts
union Value {
  1: i64 int_value = 0
  2: string string_value
  3: optional double double_value
  4: list<Value> list_value
}
