# expect-errors: 2
# apache: rejects
# A function may not reuse a name from any service it extends, also across files.
include "base.thrift"
service Middle extends base.Base {
  void middle()
}
service Top extends Middle {
  void ping()
  i32 middle(1: i32 x)
}
