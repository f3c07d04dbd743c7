# apache: accepts
include "shared.thrift"
include "sub/types.thrift"
include "found_via_include_dir.thrift"
namespace rs main

const i32 COPIED = shared.LIMIT
const shared.Color FAV = shared.Color.BLUE
const types.Pair PAIR = { "left": 1, "right": shared.LIMIT }

struct Uses {
  1: shared.Thing thing
  2: types.Pair pair = { "left": COPIED }
  3: shared.Color color = shared.Color.RED
  4: found_via_include_dir.Lib lib
}

service Child extends shared.Base {
  types.Pair swap(1: types.Pair p) throws (1: shared.Failure failure)
}
