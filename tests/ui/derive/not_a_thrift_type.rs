use thrift_core::ThriftStruct;

struct Plain;

#[derive(ThriftStruct)]
struct Message {
    #[thrift(id = 1)]
    plain: Option<Plain>,
    #[thrift(id = 2)]
    unsigned: u32,
}

fn main() {}
