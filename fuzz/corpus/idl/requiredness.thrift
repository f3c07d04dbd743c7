# apache: accepts
struct R {
  1: required i32 req
  2: optional i32 opt
  3: i32 plain
  required i32 implicit_req
}
