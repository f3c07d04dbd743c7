//! Compile-fail tests: misuse of the macros is a clear error at the right span, and every IDL
//! error shows the `.thrift` file, line, column and snippet.
//!
//! Regenerate the `.stderr` snapshots with `TRYBUILD=overwrite cargo test --test ui`.
//! trybuild builds each case in its own crate under `target/tests/trybuild/`, whose manifest
//! directory is what `thrift!` paths are relative to: the cases reach the repository's
//! `tests/ui/idl/` as `../../../../tests/ui/idl/`.

#[test]
fn derive_misuse() {
    trybuild::TestCases::new().compile_fail("tests/ui/derive/*.rs");
}

#[test]
fn idl_errors() {
    trybuild::TestCases::new().compile_fail("tests/ui/idl/*.rs");
}
