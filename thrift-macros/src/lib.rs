//! Procedural macros for `thrift-core`. Use them through `thrift_core`, which re-exports them.
