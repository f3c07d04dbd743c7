use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
enum Shape {
    Circle(f64),
    #[thrift(id = 2, required)]
    Square(f64),
}

fn main() {}
