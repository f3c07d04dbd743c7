// Included twice over (by shared.thrift and by everything.thrift through an include dir).
namespace rs base

typedef i64 Timestamp

enum Level {
  LOW,
  MEDIUM = 5,
  HIGH,
}

struct Stamp {
  1: required Timestamp at,
  2: optional string zone = "UTC",
}
