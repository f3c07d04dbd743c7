thrift_core::thrift!("../../../../tests/ui/idl/duplicate_enum_value.thrift");

fn main() {}
