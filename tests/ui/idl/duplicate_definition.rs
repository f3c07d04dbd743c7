thrift_core::thrift!("../../../../tests/ui/idl/duplicate_definition.thrift");

fn main() {}
