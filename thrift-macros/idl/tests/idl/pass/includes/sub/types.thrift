include "../shared.thrift"
struct Pair { 1: i32 left, 2: i32 right = shared.LIMIT }
