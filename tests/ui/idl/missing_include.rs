thrift_core::thrift!("../../../../tests/ui/idl/missing_include.thrift");

fn main() {}
