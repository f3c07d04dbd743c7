namespace rs shared
namespace * shared

include "base.thrift"

/** A user as several services see it. */
struct User {
  1: required i64 id,
  2: string name,
  3: optional base.Level level = base.Level.MEDIUM,
  4: base.Stamp created,
}

exception NotFound {
  1: string what,
}

const i32 MAX_USERS = 1000
