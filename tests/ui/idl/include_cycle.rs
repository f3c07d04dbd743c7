thrift_core::thrift!("../../../../tests/ui/idl/include_cycle.thrift");

fn main() {}
