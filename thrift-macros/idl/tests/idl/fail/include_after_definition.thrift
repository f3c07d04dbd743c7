# expect-errors: 1
# apache: rejects
# Headers (include, cpp_include, namespace) must come before definitions.
struct First { 1: i32 a }
include "other.thrift"
