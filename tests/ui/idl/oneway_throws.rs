thrift_core::thrift!("../../../../tests/ui/idl/oneway_throws.thrift");

fn main() {}
