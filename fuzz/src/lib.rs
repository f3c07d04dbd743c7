//! The fuzz targets' shared logic (`tests/fuzz/targets.rs`, also replayed by the normal
//! test suite) and the generated types they use.

#[macro_use]
#[path = "../../tests/fuzz/targets.rs"]
pub mod targets;

generated_types!(
    "../tests/idl/everything.thrift",
    "../tests/idl/common",
    "../tests/idl/rpc.thrift"
);
