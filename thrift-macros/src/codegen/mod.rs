//! The one place codec code is generated: [`ir::Container`](crate::ir::Container) in,
//! `impl ThriftType` out.
//!
//! Generated code stays thin: a struct hands its fields to `thrift_core`'s `write_struct` and
//! `read_struct` (a tuple of references, a tuple of slots), unions and enums call a generic
//! runtime helper per field (`write_field`, `read_field_into`, `required`), so the logic
//! lives, and is optimised, once in `thrift_core`. Every path goes through
//! `::thrift_core::__private`, locals are prefixed `__thrift_`, and the impl sits in
//! `const _: () = { ... };`, so nothing in the user's scope can capture or be captured.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ir::{Body, Container, EnumValue, Field, Presence, ReadMode, Variant};

/// Generates the `ThriftType` impl for `container`.
pub fn expand(container: &Container) -> TokenStream {
    let krate = &container.krate;
    let private = quote!(#krate::__private);
    let name = &container.thrift_name;
    // Methods a struct that decodes in place adds to the impl.
    let mut in_place = TokenStream::new();
    let (ttype, write, read) = match &container.body {
        Body::Struct(fields) if container.read.in_place() => {
            let resetting = matches!(container.read, ReadMode::InPlaceResetting { .. });
            in_place = struct_read_in_place(&private, name, fields, resetting);
            (
                quote!(#private::TType::Struct),
                struct_write(&private, name, fields),
                quote!(#private::read_default(__thrift_p)),
            )
        }
        Body::Struct(fields) => (
            quote!(#private::TType::Struct),
            struct_write(&private, name, fields),
            struct_read(&private, name, fields),
        ),
        Body::Union(variants) => (
            quote!(#private::TType::Struct),
            union_write(&private, name, variants),
            union_read(&private, name, variants),
        ),
        Body::Enum(values) => (
            quote!(#private::TType::I32),
            enum_write(values),
            enum_read(&private, name, values),
        ),
        Body::Newtype(inner) => (
            quote!(<#inner as #private::ThriftType>::TTYPE),
            quote!(<#inner as #private::ThriftType>::write(&self.0, __thrift_p)),
            quote!(#private::Result::Ok(Self(<#inner as #private::ThriftType>::read(__thrift_p)?))),
        ),
    };

    let ident = &container.ident;
    let mut generics = container.generics.clone();
    let params: Vec<_> = generics.type_params().map(|p| p.ident.clone()).collect();
    let where_clause = generics.make_where_clause();
    for param in params {
        where_clause
            .predicates
            .push(syn::parse_quote!(#param: #private::ThriftType));
        // As `derive(Default)` bounds them, so that the type's `Default` holds.
        if container.read.in_place() {
            where_clause
                .predicates
                .push(syn::parse_quote!(#param: #private::Default));
        }
    }
    // Decoding in place starts from `Default`. Bounding the impl on it makes a missing
    // `Default` one error here instead of one per generated method that calls it.
    // Spanned at `#[thrift(in_place)]` where the user asked for it.
    let default_span = match container.read {
        ReadMode::Slots => None,
        ReadMode::InPlace => Some(proc_macro2::Span::call_site()),
        ReadMode::InPlaceResetting { requested_at } => Some(requested_at),
    };
    if let Some(span) = default_span {
        let bound = respan(quote!(Self: #private::Default), span);
        where_clause.predicates.push(syn::parse_quote!(#bound));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    quote! {
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #private::ThriftType for #ident #ty_generics #where_clause {
                const TTYPE: #private::TType = #ttype;

                #[inline]
                fn write<__ThriftP: #private::OutputProtocol>(
                    &self,
                    __thrift_p: &mut __ThriftP,
                ) -> #private::Result<(), #private::Error> {
                    #write
                }

                #[inline]
                fn read<__ThriftP: #private::InputProtocol>(
                    __thrift_p: &mut __ThriftP,
                ) -> #private::Result<Self, #private::Error> {
                    #read
                }

                #in_place
            }
        };
    }
}

/// `tokens` with every span set to `span`, so an error in them points there.
fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    use proc_macro2::TokenTree;
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut new =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                new.set_span(span);
                token = TokenTree::Group(new);
            }
            token.set_span(span);
            token
        })
        .collect()
}

/// A struct's `write`: its fields as a tuple of references for thrift-core's `write_struct`,
/// one expression rather than a statement and a `?` per field.
fn struct_write(private: &TokenStream, name: &str, fields: &[Field]) -> TokenStream {
    let table = field_table(fields);
    let values = field_refs(private, fields);
    quote! {
        #private::write_struct(__thrift_p, #name, #table, #values)
    }
}

/// The fields' names and ids, `&[("name", 1), ...]`, as `write_struct` and
/// `read_struct_in_place` take them.
fn field_table(fields: &[Field]) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let (field_name, id) = (&f.thrift_name, f.id);
        quote!((#field_name, #id))
    });
    quote!(&[#(#entries),*])
}

/// The tuple of field references `struct_write` passes.
fn field_refs(private: &TokenStream, fields: &[Field]) -> TokenStream {
    nested_tuple(fields.iter().map(|f| {
        let member = &f.member;
        // Spanned at the field's type, so "not a ThriftType" errors point at it.
        match f.presence {
            Presence::Optional | Presence::OptionalWithDefault => {
                quote_spanned!(f.ty.span()=> #private::if_set(&self.#member))
            }
            Presence::Required | Presence::Default(_) => {
                quote_spanned!(f.ty.span()=> #private::always(&self.#member))
            }
        }
    }))
}

/// A union's decode loop: `arms` match on the field id.
fn read_loop(private: &TokenStream, arms: TokenStream) -> TokenStream {
    quote! {
        __thrift_p.read_struct_begin()?;
        loop {
            let __thrift_field = __thrift_p.read_field_begin()?;
            if __thrift_field.ttype == #private::TType::Stop {
                break;
            }
            match __thrift_field.id {
                #arms
                _ => __thrift_p.skip(__thrift_field.ttype)?,
            }
            __thrift_p.read_field_end()?;
        }
        __thrift_p.read_struct_end()?;
    }
}

/// How many elements a tuple holds before the rest nest in its last element: thrift-core's
/// `Slots` and `WriteFields` impls.
const SLOTS_PER_TUPLE: usize = 15;

/// A tuple of `items`, `(a, b,)`, with the items past the 15th nested in a 16th element.
pub(crate) fn nested_tuple(items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let mut items: Vec<_> = items.into_iter().collect();
    let rest =
        (items.len() > SLOTS_PER_TUPLE).then(|| nested_tuple(items.split_off(SLOTS_PER_TUPLE)));
    quote!(( #(#items,)* #rest ))
}

/// The `read` of a struct built from `Option` slots: `#[derive(ThriftStruct)]`'s, whose type
/// need not be `Default`, and `thrift!`'s that hold no other struct, whose slots the optimiser
/// keeps in registers. The fields decode into the tuple of slots through thrift-core's
/// `read_struct`, which holds the loop and the per-field dispatch, so each struct adds only
/// an id-to-slot match and its constructor (a loop with an arm per field here was a fifth
/// of `cargo check`'s work on a big IDL).
fn struct_read(private: &TokenStream, name: &str, fields: &[Field]) -> TokenStream {
    let slots = nested_tuple(fields.iter().map(|f| {
        let ty = &f.ty;
        quote!(#private::Option<#ty>)
    }));
    let empty = nested_tuple(fields.iter().map(|_| quote!(#private::None)));
    let names = fields.iter().map(|f| &f.thrift_name);
    let index_of = index_of(private, fields);
    let locals = nested_tuple((0..fields.len()).map(|i| {
        let local = quote::format_ident!("__thrift_s{}", i);
        quote!(#local)
    }));
    let inits = fields.iter().enumerate().map(|(index, f)| {
        let slot = quote::format_ident!("__thrift_s{}", index);
        let member = &f.member;
        let value = slot_value(private, &slot, &f.presence, name, &f.thrift_name, f.id);
        quote!(#member: #value,)
    });
    quote! {
        let mut __thrift_s: #slots = #empty;
        #private::read_struct(
            __thrift_p,
            &mut __thrift_s,
            #name,
            &[#(#names),*],
            #index_of,
        )?;
        // Built from locals rather than read out of the tuple in place, which was slower.
        let #locals = __thrift_s;
        #private::Result::Ok(Self { #(#inits)* })
    }
}

/// The closure from a field id to its slot index that `read_struct` and
/// `read_struct_in_place` take.
fn index_of(private: &TokenStream, fields: &[Field]) -> TokenStream {
    // Ids numbered first, first + 1, ... in declaration order (most structs) map to their
    // slot by a subtraction; an id out of range lands past the last slot, whose reader skips
    // it. Any other numbering gets a match. Together with building the struct from locals
    // (`struct_read`), this brought decodes of 1,000 five-field structs back to their speed
    // before structs read through slots (64 to 49 us; the instruction count had not moved).
    let first = fields.first().map_or(0, |f| f.id);
    let contiguous = fields
        .iter()
        .enumerate()
        .all(|(index, f)| i32::from(f.id) == i32::from(first) + index as i32);
    if contiguous {
        let first = proc_macro2::Literal::isize_suffixed(first.into());
        quote! {
            |__thrift_id: i16| #private::Some((__thrift_id as isize - #first) as usize)
        }
    } else {
        let ids = fields.iter().enumerate().map(|(index, f)| {
            let id = f.id;
            quote_spanned!(f.ty.span()=> #id => #private::Some(#index),)
        });
        quote! {
            |__thrift_id| match __thrift_id {
                #(#ids)*
                _ => #private::None,
            }
        }
    }
}

/// The `read_in_place` and `read_elements` of a struct that decodes in place (its `read`
/// fills a default value through them): the slots are references to its fields, marked with
/// what an absent field becomes, so each struct adds only the tuple and its id-to-slot map.
/// A `resetting` struct treats every value as used, so each absent field is reset.
fn struct_read_in_place(
    private: &TokenStream,
    name: &str,
    fields: &[Field],
    resetting: bool,
) -> TokenStream {
    let slots = nested_tuple(fields.iter().map(|f| {
        let member = &f.member;
        // Spanned at the field's type, so "not a ThriftType" errors point at it.
        match &f.presence {
            Presence::Required => {
                quote_spanned!(f.ty.span()=> #private::required_field(&mut self.#member))
            }
            Presence::Optional => {
                quote_spanned!(f.ty.span()=> #private::optional_field(&mut self.#member))
            }
            Presence::OptionalWithDefault => quote_spanned! {f.ty.span()=>
                #private::optional_field_with_default(&mut self.#member)
            },
            Presence::Default(None) => quote_spanned! {f.ty.span()=>
                #private::defaulted_field(&mut self.#member, #private::Default::default)
            },
            Presence::Default(Some(default)) => quote_spanned! {f.ty.span()=>
                #private::defaulted_field(&mut self.#member, || #default)
            },
        }
    }));
    let table = field_table(fields);
    let index_of = index_of(private, fields);
    let (fresh_param, fresh) = if resetting {
        (quote!(_), quote!(false))
    } else {
        (quote!(__thrift_fresh), quote!(__thrift_fresh))
    };
    quote! {
        const READS_IN_PLACE: bool = true;

        #[inline]
        fn in_place_default() -> #private::Option<Self> {
            #private::Some(<Self as #private::Default>::default())
        }

        #[inline]
        fn read_in_place<__ThriftP: #private::InputProtocol>(
            &mut self,
            __thrift_p: &mut __ThriftP,
            #fresh_param: bool,
        ) -> #private::Result<(), #private::Error> {
            #private::read_struct_in_place(
                __thrift_p,
                &mut #slots,
                #name,
                #table,
                #index_of,
                #fresh,
            )
        }

        #[inline]
        fn read_elements<__ThriftP: #private::InputProtocol>(
            __thrift_p: &mut __ThriftP,
            __thrift_len: usize,
        ) -> #private::Result<#private::Vec<Self>, #private::Error> {
            #private::read_elements_in_place(__thrift_p, __thrift_len)
        }
    }
}

/// A field's value from its decoded slot `slot` (an `Option` local): a missing `required`
/// field is an error (`?`) naming `strukt`, `field` and `id`, a missing defaulted one its
/// default. Struct reads and a processor's argument slots both build values this way.
pub(crate) fn slot_value(
    private: &TokenStream,
    slot: &syn::Ident,
    presence: &Presence,
    strukt: &str,
    field: &str,
    id: i16,
) -> TokenStream {
    match presence {
        Presence::Required => quote!(#private::required(#slot, #strukt, #field, #id)?),
        Presence::Optional | Presence::OptionalWithDefault => quote!(#slot),
        Presence::Default(None) => quote!(#slot.unwrap_or_default()),
        Presence::Default(Some(default)) => quote! {
            match #slot {
                #private::Some(__thrift_v) => __thrift_v,
                #private::None => #default,
            }
        },
    }
}

fn union_write(private: &TokenStream, name: &str, variants: &[Variant]) -> TokenStream {
    let arms = variants.iter().map(|v| {
        let (ident, field_name, id) = (&v.ident, &v.thrift_name, v.id);
        quote_spanned! {v.ty.span()=>
            Self::#ident(__thrift_v) => #private::write_field(__thrift_p, #field_name, #id, __thrift_v)?,
        }
    });
    quote! {
        __thrift_p.write_struct_begin(#name)?;
        match self {
            #(#arms)*
        }
        __thrift_p.write_field_stop()?;
        __thrift_p.write_struct_end()
    }
}

fn union_read(private: &TokenStream, name: &str, variants: &[Variant]) -> TokenStream {
    let arms: TokenStream = variants
        .iter()
        .map(|v| {
            let (ident, ty, field_name, id) = (&v.ident, &v.ty, &v.thrift_name, v.id);
            quote_spanned! {ty.span()=>
                #id => {
                    let mut __thrift_slot: #private::Option<#ty> = #private::None;
                    #private::read_field_into(
                        __thrift_p, __thrift_field.ttype, &mut __thrift_slot, #name, #field_name, #id,
                    )?;
                    if let #private::Some(__thrift_v) = __thrift_slot {
                        __thrift_value = #private::Some(Self::#ident(__thrift_v));
                        __thrift_set += 1;
                    }
                }
            }
        })
        .collect();
    let body = read_loop(private, arms);
    quote! {
        let mut __thrift_value: #private::Option<Self> = #private::None;
        let mut __thrift_set = 0usize;
        #body
        match __thrift_value {
            #private::Some(__thrift_v) if __thrift_set == 1 => #private::Result::Ok(__thrift_v),
            _ => #private::Result::Err(#private::bad_union(#name, __thrift_set)),
        }
    }
}

fn enum_write(values: &[EnumValue]) -> TokenStream {
    let arms = values.iter().map(|v| {
        let (ident, value) = (&v.ident, v.value);
        quote!(Self::#ident => #value,)
    });
    quote! {
        __thrift_p.write_i32(match self { #(#arms)* })
    }
}

fn enum_read(private: &TokenStream, name: &str, values: &[EnumValue]) -> TokenStream {
    let arms = values.iter().map(|v| {
        let (ident, value) = (&v.ident, v.value);
        quote!(#value => #private::Result::Ok(Self::#ident),)
    });
    quote! {
        match __thrift_p.read_i32()? {
            #(#arms)*
            __thrift_v => #private::Result::Err(#private::unknown_enum_value(#name, __thrift_v)),
        }
    }
}
