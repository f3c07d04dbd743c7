use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 1)]
    id: i64,
    #[thrift(id = 1)]
    text: String,
}

fn main() {}
