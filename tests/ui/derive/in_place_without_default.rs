use thrift_core::ThriftStruct;

// Decoding in place starts from `Default`, so the type must have one.
#[derive(ThriftStruct)]
#[thrift(in_place)]
struct Reading {
    #[thrift(id = 1)]
    value: i64,
}

fn main() {}
