thrift_core::thrift!("../../../../tests/ui/idl/const_out_of_range.thrift");

fn main() {}
