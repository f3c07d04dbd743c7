//! Per function: the argument and result structs, and the error enum of its exceptions.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use thrift_idl::model::{Requiredness, Service};

use super::Method;
use crate::codegen;
use crate::ir::{self, Body, Container, Presence};
use crate::lower::items::thrift_core;
use crate::lower::Generator;

impl Generator<'_> {
    /// `XArgs`, `XResult` and `XError` for one function.
    pub(super) fn method_types(&self, service: &Service, m: &Method<'_>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let field_file = m.file;
        let (args_ident, result_ident) = (Self::args_type(m), Self::result_type(m));
        let fname = &m.function.name;
        let mut arg_decls = Vec::new();
        let mut arg_fields = Vec::new();
        for (ident, ty, field) in &m.args {
            let default = field
                .default
                .as_ref()
                .and_then(|v| self.value_expr(v, &field.ty, field_file));
            let presence = match field.requiredness {
                Requiredness::Required => Presence::Required,
                _ => Presence::Default(default),
            };
            let doc = format!(" Argument {} `{}`.", field.id, field.name);
            arg_decls.push(quote!(#[doc = #doc] pub #ident: #ty,));
            arg_fields.push(ir_field(ident, &field.name, field.id, ty.clone(), presence));
        }
        let mut out = wire_struct(
            &args_ident,
            &format!("{}_args", m.function.name),
            &format!(" The arguments of `{}.{fname}`.", service.name),
            arg_decls,
            arg_fields,
        );
        if m.function.oneway {
            return out;
        }
        // The result struct: at most one of `success` (id 0) and the exceptions is set.
        let mut result_decls = Vec::new();
        let mut result_fields = Vec::new();
        if let Some(ty) = &m.returns {
            result_decls.push(quote!(#[doc = " The return value."] pub success: #p::Option<#ty>,));
            result_fields.push(ir_field(
                &format_ident!("success"),
                "success",
                0,
                ty.clone(),
                Presence::Optional,
            ));
        }
        for (member, _, ty, field) in &m.throws {
            let doc = format!(" The declared exception `{}`.", field.name);
            result_decls.push(quote!(#[doc = #doc] pub #member: #p::Option<#ty>,));
            result_fields.push(ir_field(
                member,
                &field.name,
                field.id,
                ty.clone(),
                Presence::Optional,
            ));
        }
        out.extend(wire_struct(
            &result_ident,
            &format!("{}_result", m.function.name),
            &format!(" The result of `{}.{fname}`.", service.name),
            result_decls,
            result_fields,
        ));
        if !m.throws.is_empty() {
            out.extend(self.error_enum(service, m));
        }
        out
    }

    /// The error of a function with declared exceptions: one variant per exception, plus
    /// `Thrift` for everything else (transport, protocol, `TApplicationException`).
    fn error_enum(&self, service: &Service, m: &Method<'_>) -> TokenStream {
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

/// An argument or result struct: its definition and its codec.
fn wire_struct(
    ident: &Ident,
    thrift_name: &str,
    doc: &str,
    decls: Vec<TokenStream>,
    fields: Vec<Option<ir::Field>>,
) -> TokenStream {
    let codec = codegen::expand(&Container {
        ident: ident.clone(),
        generics: syn::Generics::default(),
        thrift_name: thrift_name.to_owned(),
        krate: thrift_core(),
        body: Body::Struct(fields.into_iter().flatten().collect()),
    });
    // Only what the client and processor need, plus `Debug` for logging: these types live
    // for one call, and `Clone` and `PartialEq` for every method's two of them were 7% of
    // the check time of the Hive metastore crate.
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::default::Default)]
        pub struct #ident { #(#decls)* }
        #codec
    }
}

/// An IR field for a generated argument or result struct.
fn ir_field(
    member: &Ident,
    thrift_name: &str,
    id: i16,
    ty: TokenStream,
    presence: Presence,
) -> Option<ir::Field> {
    Some(ir::Field {
        member: syn::Member::Named(member.clone()),
        thrift_name: thrift_name.to_owned(),
        id,
        ty: syn::parse2(ty).ok()?,
        presence,
    })
}
