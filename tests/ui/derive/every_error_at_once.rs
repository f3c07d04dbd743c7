use thrift_core::ThriftStruct;

// One build reports every mistake, not only the first.
#[derive(ThriftStruct)]
struct Message {
    missing: i64,
    #[thrift(id = 2)]
    a: i64,
    #[thrift(id = 2)]
    b: i64,
    #[thrift(id = 3, required)]
    c: Option<i64>,
    #[thrift(idd = 4)]
    d: i64,
}

fn main() {}
