include "b.thrift"
struct A { 1: i32 x }
