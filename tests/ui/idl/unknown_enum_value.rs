thrift_core::thrift!("../../../../tests/ui/idl/unknown_enum_value.thrift");

fn main() {}
