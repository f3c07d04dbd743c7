thrift_core::thrift!("../../../../tests/ui/idl/throws_non_exception.thrift");

fn main() {}
