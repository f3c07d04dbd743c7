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
}
