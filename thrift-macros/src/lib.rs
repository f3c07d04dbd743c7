//! Procedural macros for `thrift-core`. Use them through `thrift_core`, which re-exports them.
//!
//! Both front doors lower into one intermediate model (`ir`), and `codegen` turns that
//! model into the codec, so encode/decode is generated in exactly one place.

mod codegen;
mod ctxt;
mod derive;
mod ir;
mod lower;

use proc_macro::TokenStream;

/// Expands a `.thrift` file into Rust types with their codecs, at compile time.
///
/// ```ignore
/// thrift_core::thrift!("idl/chat.thrift");
/// thrift_core::thrift!("idl/api.thrift", include_dirs = ["idl/common"]);
/// thrift_core::thrift!("idl/api.thrift", string_type = "Str");
/// thrift_core::thrift!("idl/parquet.thrift", field_types = {
///     "ColumnMetaData.encodings" = crate::EncodingMask,
/// });
/// ```
///
/// The path is relative to the invoking crate's `Cargo.toml`. The root file's definitions
/// expand where the macro stands; each included file becomes a module named after it
/// (`shared.thrift` becomes `shared`). Any IDL error is a compile error that shows the
/// `.thrift` file, line, column and the offending line.
///
/// `field_types` stores the named fields (`"Struct.field"`, or `"module.Struct.field"` in an
/// included file) as a type of your own: any `ThriftType` with the wire type of the IDL's
/// type, plus `Debug`, `Clone`, `PartialEq` and `Default`. Write it as a path that resolves
/// where the field's struct expands (`crate::...` works everywhere).
#[proc_macro]
pub fn thrift(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as lower::Input);
    lower::expand(input).into()
}

/// Implements `thrift_core::ThriftType` for a struct, a union (an enum whose variants each hold
/// one value), a closed enum (unit variants with `i32` discriminants) or a newtype.
///
/// ```ignore
/// #[derive(ThriftStruct)]
/// struct Message {
///     #[thrift(id = 1, required)]
///     id: i64,
///     #[thrift(id = 2)]
///     text: String,
///     #[thrift(id = 3)]
///     tags: Option<Vec<String>>,
/// }
/// ```
///
/// Field attributes: `id = N` (required), `required` (decoding fails without the field),
/// `default = EXPR` (the value when the field is absent), `name = "..."` (the Thrift name).
/// `Option<T>` fields are optional: written only when `Some`. Container attributes:
/// `name = "..."`, `crate = "path::to::thrift_core"`, and `in_place` for a struct that holds
/// other structs: decoding starts from its `Default` (which it then needs) and fills each
/// field where it lies, resetting those the input lacks, so nested structs are never moved.
#[proc_macro_derive(ThriftStruct, attributes(thrift))]
pub fn derive_thrift_struct(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    derive::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
