use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
#[thrift(rename_all = "snake_case")]
struct Message {
    #[thrift(id = 1, skip)]
    id: Option<i64>,
}

fn main() {}
