use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Point(i32, i32);

fn main() {}
