use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
union Bits {
    int: i32,
    float: f32,
}

fn main() {}
