thrift_core::thrift!("../../../../tests/ui/idl/duplicate_field_id.thrift");

fn main() {}
