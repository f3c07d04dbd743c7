use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 1, id = 2)]
    id: i64,
    #[thrift(id = 3, name = "a", name = "b")]
    text: String,
}

fn main() {}
