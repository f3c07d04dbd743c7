use thrift_core::ThriftStruct;

#[derive(ThriftStruct)]
enum Shape {
    #[thrift(id = 1)]
    Circle(f64),
    #[thrift(id = 2)]
    Rect(f64, f64),
    #[thrift(id = 3)]
    Named { name: String },
}

fn main() {}
