use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 1, required, default = 5)]
    id: i64,
}

fn main() {}
