thrift_core::thrift!("../../../../tests/ui/idl/unknown_type.thrift", include_dir = ["x"]);

fn main() {}
