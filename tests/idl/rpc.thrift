// Services for the RPC tests (tests/rpc.rs, tests/interop_rpc.rs).
include "rpc_base.thrift"

exception Rejected {
  1: i32 code,
  2: string reason,
}

struct Item {
  1: required i64 id,
  2: string label,
}

service Store extends rpc_base.BaseService {
  Item get(1: i64 id) throws (1: Rejected rejected, 2: rpc_base.Unavailable unavailable),
  void put(1: Item item) throws (1: Rejected rejected),
  list<Item> all(),
  oneway void forget(1: i64 id),
  string echo(1: string text, 2: i32 times = 1),
  i32 crash(1: string how),
  void slow(1: i32 millis),
}

service Other {
  string hello(1: string who),
  i32 length(1: required string text),
  // More arguments than a tuple holds: the 16th and 17th nest.
  i64 sum(1: i64 a, 2: i64 b, 3: i64 c, 4: i64 d, 5: i64 e, 6: i64 f, 7: i64 g, 8: i64 h,
          9: i64 i, 10: i64 j, 11: i64 k, 12: i64 l, 13: i64 m, 14: i64 n, 15: i64 o,
          16: i64 p, 17: i64 q = 100),
}
