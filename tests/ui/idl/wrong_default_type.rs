thrift_core::thrift!("../../../../tests/ui/idl/wrong_default_type.thrift");

fn main() {}
