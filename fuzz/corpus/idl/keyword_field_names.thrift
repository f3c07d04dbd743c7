# apache: rejects
# differs: upstream Apache (after 0.17) accepts keywords as field names; so do we.
struct Keywords {
  1: string string
  2: i32 required
  3: bool service
  4: list<i32> list
  5: i64 include
}
