include "broken_include.thrift"

struct Message {
  1: broken_include.Shared shared,
}
