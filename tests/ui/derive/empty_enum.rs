use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
enum Never {}

fn main() {}
