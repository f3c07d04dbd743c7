thrift_core::thrift!("tests/ui/idl/does_not_exist.thrift");

fn main() {}
