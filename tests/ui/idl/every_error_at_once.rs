thrift_core::thrift!("../../../../tests/ui/idl/every_error_at_once.thrift");

fn main() {}
