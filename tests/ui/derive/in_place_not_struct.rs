use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
#[thrift(in_place)]
enum Color {
    Red = 1,
}

fn main() {}
