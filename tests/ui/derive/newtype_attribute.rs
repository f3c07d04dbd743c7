use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct UserId(#[thrift(id = 1)] i64);

fn main() {}
