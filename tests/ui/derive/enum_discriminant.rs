use thrift_core::ThriftStruct;

const BASE: isize = 10;

#[derive(ThriftStruct)]
enum Color {
    Red = BASE,
    Green = 3_000_000_000,
}

fn main() {}
