use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 1, default = Some(5))]
    id: Option<i64>,
}

fn main() {}
