//! Compile-fail tests: misuse of the macros is a clear error at the right span.
//! Regenerate the `.stderr` snapshots with `TRYBUILD=overwrite cargo test --test ui`.

#[test]
fn derive_misuse() {
    trybuild::TestCases::new().compile_fail("tests/ui/derive/*.rs");
}
