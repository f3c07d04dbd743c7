use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 40000)]
    id: i64,
    #[thrift(id = "2")]
    text: String,
}

fn main() {}
