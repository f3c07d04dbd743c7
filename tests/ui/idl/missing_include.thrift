include "nowhere.thrift"

struct Message {
  1: nowhere.Thing thing,
}
