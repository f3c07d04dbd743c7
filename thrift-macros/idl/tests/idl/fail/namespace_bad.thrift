# expect-errors: 3
# apache: rejects
cpp_namespace foo
java_package org.example
namespace rs
struct S {}
