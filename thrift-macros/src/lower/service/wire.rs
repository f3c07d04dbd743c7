//! Per function: how its arguments and result look on the wire, and the error enum of its
//! exceptions.
//!
//! A call's arguments and result have no Rust type: the client and the processor keep them
//! as tuples and describe them to thrift-core with a `FieldTable` (struct name, field names
//! and ids), so a service adds no struct and no codec per method. Two structs with codecs,
//! `Debug` and `Default` per method cost a sixth of `cargo check`'s work on a big IDL.

use proc_macro2::TokenStream;
use quote::quote;
use thrift_idl::model::{Requiredness, Service};

use super::Method;
use crate::codegen::{nested_tuple, slot_value};
use crate::ir::Presence;
use crate::lower::Generator;

impl Generator<'_> {
    /// `&FieldTable { .. }` of the arguments struct, `send_message_args`.
    pub(super) fn args_table(m: &Method<'_>) -> TokenStream {
        let fields = m.args.iter().map(|(_, _, f)| (f.name.as_str(), f.id));
        field_table(&format!("{}_args", m.function.name), fields)
    }

    /// `&FieldTable { .. }` of the result struct, `send_message_result`: `success` (id 0)
    /// unless the function is `void`, then each declared exception.
    pub(super) fn result_table(m: &Method<'_>) -> TokenStream {
        let success = m.returns.as_ref().map(|_| ("success", 0));
        let exceptions = m.throws.iter().map(|(_, _, _, f)| (f.name.as_str(), f.id));
        field_table(
            &format!("{}_result", m.function.name),
            success.into_iter().chain(exceptions),
        )
    }

    /// The result as a tuple of slots, `(Option<Success>, Option<Exception>, ..)`, in table
    /// order.
    pub(super) fn result_slots_type(m: &Method<'_>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let success = m.returns.iter().map(|ty| quote!(#p::Option<#ty>));
        let exceptions = m.throws.iter().map(|(_, _, ty, _)| quote!(#p::Option<#ty>));
        nested_tuple(success.chain(exceptions))
    }

    /// The result slots as a pattern binding `success` and each exception's member.
    pub(super) fn result_slots_pattern(m: &Method<'_>) -> TokenStream {
        let success = m.returns.iter().map(|_| quote!(success));
        let exceptions = m.throws.iter().map(|(member, _, _, _)| quote!(#member));
        nested_tuple(success.chain(exceptions))
    }

    /// The closure that turns the argument slots into the handler's arguments: a missing
    /// `required` argument is an error, a missing other one its default.
    pub(super) fn build_args(&self, m: &Method<'_>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let struct_name = format!("{}_args", m.function.name);
        let slots = nested_tuple(m.args.iter().map(|(_, ty, _)| quote!(#p::Option<#ty>)));
        let values = nested_tuple(m.args.iter().map(|(ident, _, field)| {
            let presence = match field.requiredness {
                Requiredness::Required => Presence::Required,
                _ => Presence::Default(
                    field
                        .default
                        .as_ref()
                        .and_then(|v| self.value_expr(v, &field.ty, m.file)),
                ),
            };
            slot_value(&p, ident, &presence, &struct_name, &field.name, field.id)
        }));
        let pattern = Self::args_pattern(m);
        quote!(|#pattern: #slots| #p::Result::Ok(#values))
    }

    /// The argument slots, all empty.
    pub(super) fn empty_args(m: &Method<'_>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        nested_tuple(m.args.iter().map(|_| quote!(#p::None)))
    }

    /// The arguments as a pattern of the handler's parameters.
    pub(super) fn args_pattern(m: &Method<'_>) -> TokenStream {
        nested_tuple(m.args.iter().map(|(ident, _, _)| quote!(#ident)))
    }

    /// The arguments as the tuple of field references the client writes.
    pub(super) fn args_values(m: &Method<'_>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        nested_tuple(
            m.args
                .iter()
                .map(|(ident, _, _)| quote!(#p::always(&#ident))),
        )
    }

    /// The result slots, all empty.
    pub(super) fn result_empty(m: &Method<'_>) -> TokenStream {
        Self::result_slots(m, None)
    }

    /// The result slots with `value` in slot `index` and the rest empty.
    pub(super) fn result_with(m: &Method<'_>, index: usize, value: TokenStream) -> TokenStream {
        Self::result_slots(m, Some((index, value)))
    }

    fn result_slots(m: &Method<'_>, set: Option<(usize, TokenStream)>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let count = usize::from(m.returns.is_some()) + m.throws.len();
        nested_tuple((0..count).map(|i| match &set {
            Some((index, value)) if *index == i => quote!(#p::Some(#value)),
            _ => quote!(#p::None),
        }))
    }

    /// The error of a function with declared exceptions: one variant per exception, plus
    /// `Thrift` for everything else (transport, protocol, `TApplicationException`).
    pub(super) fn error_enum(&self, service: &Service, m: &Method<'_>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let error = Self::error_type(m);
        let variants = m.throws.iter().map(|(_, variant, ty, field)| {
            let doc = format!(" The declared exception `{}`.", field.name);
            quote!(#[doc = #doc] #variant(#ty),)
        });
        let display = m
            .throws
            .iter()
            .map(|(_, variant, _, _)| quote!(#error::#variant(e) => #p::fmt::Display::fmt(e, f),));
        let source = m
            .throws
            .iter()
            .map(|(_, variant, _, _)| quote!(#error::#variant(e) => #p::Some(e),));
        // `From` for each exception type declared once, so handlers can `return Err(e.into())`.
        let froms = m.throws.iter().filter(|(_, _, ty, _)| {
            m.throws
                .iter()
                .filter(|(_, _, other, _)| other.to_string() == ty.to_string())
                .count()
                == 1
        });
        let froms = froms.map(|(_, variant, ty, _)| {
            quote! {
                impl ::core::convert::From<#ty> for #error {
                    fn from(e: #ty) -> Self {
                        #error::#variant(e)
                    }
                }
            }
        });
        let doc = format!(
            " What `{}.{}` can fail with.",
            service.name, m.function.name
        );
        quote! {
            #[doc = #doc]
            #[derive(::core::fmt::Debug)]
            pub enum #error {
                #(#variants)*
                /// The call failed outside the IDL: transport, protocol, or a
                /// `TApplicationException` from the server.
                Thrift(::thrift_core::Error),
            }

            impl ::core::convert::From<::thrift_core::Error> for #error {
                fn from(e: ::thrift_core::Error) -> Self {
                    #error::Thrift(e)
                }
            }

            #(#froms)*

            impl #p::fmt::Display for #error {
                fn fmt(&self, f: &mut #p::fmt::Formatter<'_>) -> #p::fmt::Result {
                    match self {
                        #(#display)*
                        #error::Thrift(e) => #p::fmt::Display::fmt(e, f),
                    }
                }
            }

            impl #p::StdError for #error {
                fn source(&self) -> #p::Option<&(dyn #p::StdError + 'static)> {
                    match self {
                        #(#source)*
                        #error::Thrift(e) => #p::Some(e),
                    }
                }
            }
        }
    }
}

/// `&FieldTable { name, fields: &[(name, id), ..] }`, a `'static` constant.
fn field_table<'a>(name: &str, fields: impl Iterator<Item = (&'a str, i16)>) -> TokenStream {
    let fields = fields.map(|(field, id)| quote!((#field, #id)));
    quote! {
        &::thrift_core::__private::FieldTable { name: #name, fields: &[#(#fields),*] }
    }
}
