//! The intermediate model both front doors lower into: what a type looks like on the wire.

use proc_macro2::{Span, TokenStream};

/// One type that gets a `ThriftType` impl.
pub struct Container {
    /// The Rust type name.
    pub ident: syn::Ident,
    /// Its generics (type parameters get a `ThriftType` bound).
    pub generics: syn::Generics,
    /// The Thrift name, used in errors and by text protocols.
    pub thrift_name: String,
    /// The path to `thrift_core` (overridable for renamed dependencies).
    pub krate: syn::Path,
    /// What it is on the wire.
    pub body: Body,
    /// How a struct's `read` builds its value.
    pub read: ReadMode,
}

/// How a struct decodes.
///
/// Filling its default value where it lies saves building it from `Option` slots, which
/// moves every field and nested struct again; that pays for structs that hold other
/// structs. The type must then be `Default`.
#[derive(Clone, Copy)]
pub enum ReadMode {
    /// From `Option` slots, moved into the value at the end.
    Slots,
    /// In place, where the type's `Default` is what an empty input decodes to (`thrift!`'s
    /// structs), so a fresh value needs no reset of the fields the input lacks.
    InPlace,
    /// In place, resetting every field the input lacks: a hand-written `Default` may hold
    /// other values (`#[thrift(in_place)]`, which a missing `Default` is reported at).
    InPlaceResetting { requested_at: Span },
}

impl ReadMode {
    /// Whether the value is filled where it lies (and so must be `Default`).
    pub fn in_place(self) -> bool {
        !matches!(self, ReadMode::Slots)
    }
}

/// The wire shape of a container.
pub enum Body {
    /// A struct or exception: fields in declaration order.
    Struct(Vec<Field>),
    /// A union: a struct with exactly one field set, as a Rust enum.
    Union(Vec<Variant>),
    /// A closed enum: an `i32` with named values.
    Enum(Vec<EnumValue>),
    /// A newtype that is encoded exactly as the type it wraps.
    Newtype(syn::Type),
}

/// A struct field.
pub struct Field {
    /// How to reach it on `self`.
    pub member: syn::Member,
    /// The Thrift name.
    pub thrift_name: String,
    /// The field id.
    pub id: i16,
    /// The type of the value on the wire (`T` for an `Option<T>` field).
    pub ty: syn::Type,
    /// Whether and how it is present.
    pub presence: Presence,
}

/// How a field's presence is handled.
pub enum Presence {
    /// Always written; decoding fails without it.
    Required,
    /// An `Option<T>`: written when `Some`, `None` when absent.
    Optional,
    /// `Optional`, for a field whose IDL default the type's `Default` sets (`Some(default)`):
    /// decoding in place must still leave it `None` when absent.
    OptionalWithDefault,
    /// Always written; when absent on decode, `Default::default()` or the given expression.
    Default(Option<TokenStream>),
}

/// A union variant: one field holding one value.
pub struct Variant {
    /// The Rust variant name.
    pub ident: syn::Ident,
    /// The Thrift field name.
    pub thrift_name: String,
    /// The field id.
    pub id: i16,
    /// The value's type.
    pub ty: syn::Type,
}

/// A closed enum's value.
pub struct EnumValue {
    /// The Rust variant name.
    pub ident: syn::Ident,
    /// Its wire value.
    pub value: i32,
}
