use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 1, required)]
    id: Option<i64>,
}

fn main() {}
