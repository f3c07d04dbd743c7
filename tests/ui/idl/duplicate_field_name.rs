thrift_core::thrift!("../../../../tests/ui/idl/duplicate_field_name.thrift");

fn main() {}
