# expect-errors: 1
# apache: rejects
# Like Apache, a missing include is only a warning; using it is an error.
include "does_not_exist.thrift"
struct S { 1: does_not_exist.Thing thing }
