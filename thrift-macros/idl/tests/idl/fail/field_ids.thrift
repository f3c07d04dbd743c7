# expect-errors: 2
# apache: accepts
# differs: Apache only warns about ids outside i16; they cannot be encoded, so we reject them.
struct S {
  32768: i32 too_big
  -5: i32 negative
  100000: i32 way_too_big
}
