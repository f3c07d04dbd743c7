use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 1, optional)]
    text: String,
}

fn main() {}
