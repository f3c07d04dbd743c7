thrift_core::thrift!("../../../../tests/ui/idl/error_in_include.thrift");

fn main() {}
