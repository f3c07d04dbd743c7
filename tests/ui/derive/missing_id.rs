use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 1)]
    id: i64,
    text: String,
}

fn main() {}
