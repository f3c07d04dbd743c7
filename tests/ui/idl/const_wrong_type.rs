thrift_core::thrift!("../../../../tests/ui/idl/const_wrong_type.thrift");

fn main() {}
