#![deny(warnings)]

thrift_core::thrift!("../../../../tests/ui/idl/warning.thrift");

fn main() {}
