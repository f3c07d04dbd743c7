# expect-errors: 1
# apache: rejects
# Apache's compiler crashes on include cycles; we report them.
include "a.thrift"
struct Main { 1: a.A a }
