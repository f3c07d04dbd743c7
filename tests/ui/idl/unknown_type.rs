thrift_core::thrift!("../../../../tests/ui/idl/unknown_type.thrift");

fn main() {}
