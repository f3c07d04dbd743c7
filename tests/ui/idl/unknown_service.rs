thrift_core::thrift!("../../../../tests/ui/idl/unknown_service.thrift");

fn main() {}
