# expect-errors: 1
# apache: accepts
# differs: Apache accepts this, but then `common.X` silently means the second file.
include "one/common.thrift"
include "two/common.thrift"
struct S { 1: common.A a }
