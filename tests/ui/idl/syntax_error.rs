thrift_core::thrift!("../../../../tests/ui/idl/syntax_error.thrift");

fn main() {}
