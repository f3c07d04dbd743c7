# apache: accepts
# Apache makes every union member optional and only warns about `required`.
union Choice {
  1: required i32 a
  2: string b
}
