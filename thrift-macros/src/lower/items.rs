//! The Rust items of one IDL file: typedefs, enums, structs, unions, exceptions, consts.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use thrift_idl::model::{BaseType, DefKind, DefRef, File, Requiredness, Struct, StructKind, Type};

use super::types::holds_struct;
use super::Generator;
use crate::codegen;
use crate::ir::{self, Body, Container, Presence, ReadMode};

/// `#[doc]` attributes from an IDL doc comment, or a plain sentence when there is none (so
/// `#![deny(missing_docs)]` crates accept the expansion). The sentence is ours, Markdown
/// with names in backticks, so unlike an IDL comment it is not fenced as text.
pub(super) fn docs(doc: &Option<String>, fallback: String) -> TokenStream {
    let lines = match doc {
        Some(doc) => super::docs::doc_lines(doc),
        None => vec![format!(" {fallback}")],
    };
    quote!(#(#[doc = #lines])*)
}

pub(super) fn thrift_core() -> syn::Path {
    syn::parse_quote!(::thrift_core)
}

/// Parses generated type tokens into the `syn::Type` the IR holds.
fn syn_type(tokens: TokenStream) -> Option<syn::Type> {
    syn::parse2(tokens).ok()
}

impl Generator<'_> {
    /// All items of `file`, in IDL order per kind.
    pub fn file_items(&self, file: &File) -> TokenStream {
        let mut out = TokenStream::new();
        for (index, typedef) in file.typedefs.iter().enumerate() {
            let def = DefRef {
                file: file.id,
                kind: DefKind::Typedef,
                index,
            };
            let Some(ty) = self.rust_type(&typedef.ty, file.id) else {
                continue;
            };
            let name = &self.names.defs[&def];
            let doc = docs(&typedef.doc, format!("Thrift typedef `{}`.", typedef.name));
            out.extend(quote!(#doc pub type #name = #ty;));
        }
        for index in 0..file.enums.len() {
            out.extend(self.enum_item(DefRef {
                file: file.id,
                kind: DefKind::Enum,
                index,
            }));
        }
        for (index, s) in file.structs.iter().enumerate() {
            let def = DefRef {
                file: file.id,
                kind: super::types::struct_kind(s.kind),
                index,
            };
            out.extend(match s.kind {
                StructKind::Union if !s.fields.is_empty() => self.union_item(def, s),
                _ => self.struct_item(def, s),
            });
        }
        for index in 0..file.consts.len() {
            out.extend(self.const_item(file, index));
        }
        for (index, service) in file.services.iter().enumerate() {
            let service_ref = thrift_idl::model::ServiceRef {
                file: file.id,
                index,
            };
            out.extend(self.service_items(service_ref, service));
        }
        out
    }

    /// Whether field `index` of struct `def` is declared as an `Option`.
    pub fn field_is_option(&self, def: DefRef, index: usize) -> bool {
        self.model
            .struct_def(def)
            .and_then(|s| s.fields.get(index))
            .is_some_and(|f| match f.requiredness {
                Requiredness::Required => false,
                Requiredness::Optional => true,
                Requiredness::Default => f.default.is_none(),
            })
    }

    fn derives(&self, orderable: bool) -> TokenStream {
        let total = orderable.then(|| {
            quote!(
                ::core::cmp::Eq,
                ::core::hash::Hash,
                ::core::cmp::PartialOrd,
                ::core::cmp::Ord,
            )
        });
        quote!(#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #total)])
    }

    fn enum_item(&self, def: DefRef) -> TokenStream {
        let Some(e) = self.model.enum_def(def) else {
            return TokenStream::new();
        };
        let p = quote!(::thrift_core::__private);
        let name = &self.names.defs[&def];
        let doc = docs(
            &e.doc,
            format!(
                "Thrift enum `{}`: an open set of `i32` values, so values a newer peer adds \
                 decode instead of failing.",
                e.name
            ),
        );
        let consts = e.values.iter().enumerate().map(|(i, v)| {
            let ident = &self.names.enum_values[&(def, i)];
            let value = v.value;
            let doc = docs(&v.doc, format!("`{}` = {}", v.name, v.value));
            quote!(#doc pub const #ident: #name = #name(#value);)
        });
        let all = (0..e.values.len()).map(|i| &self.names.enum_values[&(def, i)]);
        // The first name declared for a number wins, as in Apache's generators.
        let mut seen = std::collections::HashSet::new();
        let name_arms = e.values.iter().filter(|v| seen.insert(v.value)).map(|v| {
            let (value, text) = (v.value, &v.name);
            quote!(#value => #p::Some(#text),)
        });
        let container = Container {
            ident: name.clone(),
            generics: syn::Generics::default(),
            thrift_name: e.name.clone(),
            krate: thrift_core(),
            body: Body::Newtype(syn::parse_quote!(i32)),
            read: ReadMode::Slots,
        };
        let codec = codegen::expand(&container);
        quote! {
            #doc
            #[derive(
                ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
                ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord,
                ::core::default::Default,
            )]
            pub struct #name(pub i32);

            impl #name {
                #(#consts)*
                /// Every value the IDL declares, in declaration order.
                pub const VALUES: &'static [#name] = &[#(#name::#all),*];

                /// The IDL name of this value, or `None` for a value the IDL does not declare.
                pub fn name(self) -> #p::Option<&'static str> {
                    match self.0 {
                        #(#name_arms)*
                        _ => #p::None,
                    }
                }
            }

            impl #p::fmt::Debug for #name {
                fn fmt(&self, f: &mut #p::fmt::Formatter<'_>) -> #p::fmt::Result {
                    match self.name() {
                        #p::Some(name) => f.write_str(name),
                        #p::None => ::core::write!(f, "{}({})", ::core::stringify!(#name), self.0),
                    }
                }
            }

            impl ::core::convert::From<i32> for #name {
                fn from(value: i32) -> Self {
                    #name(value)
                }
            }

            impl ::core::convert::From<#name> for i32 {
                fn from(value: #name) -> Self {
                    value.0
                }
            }

            #codec
        }
    }

    fn struct_item(&self, def: DefRef, s: &Struct) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let name = &self.names.defs[&def];
        let from = def.file;
        let mut decls = Vec::new();
        let mut defaults = Vec::new();
        let mut fields = Vec::new();
        let mut has_idl_default = false;
        let mut wire_checks = Vec::new();
        for (i, f) in s.fields.iter().enumerate() {
            let Some(ty) = self.field_type(def, s, i, &mut wire_checks) else {
                continue;
            };
            let member = &self.names.fields[&(def, i)];
            let mut default = match &f.default {
                Some(value) => match self.value_expr(value, &f.ty, from) {
                    Some(expr) => {
                        has_idl_default = true;
                        Some(expr)
                    }
                    None => None,
                },
                None => None,
            };
            if let (Some(expr), true) = (&default, self.analysis.is_boxed(def, i)) {
                default = Some(quote!(#p::Box::new(#expr)));
            }
            let optional = self.field_is_option(def, i);
            let presence = match f.requiredness {
                Requiredness::Required => Presence::Required,
                _ if optional && default.is_some() => Presence::OptionalWithDefault,
                _ if optional => Presence::Optional,
                _ => Presence::Default(default.clone()),
            };
            let decl_ty = if optional {
                quote!(#p::Option<#ty>)
            } else {
                ty.clone()
            };
            let doc = docs(
                &f.doc,
                format!(
                    "Field {} `{}`{}.",
                    f.id,
                    f.name,
                    match f.requiredness {
                        Requiredness::Required => " (required)",
                        Requiredness::Optional => " (optional)",
                        Requiredness::Default => "",
                    }
                ),
            );
            decls.push(quote!(#doc pub #member: #decl_ty,));
            defaults.push(match (optional, default) {
                (true, Some(expr)) => quote!(#member: #p::Some(#expr),),
                (true, None) => quote!(#member: #p::None,),
                (false, Some(expr)) => quote!(#member: #expr,),
                (false, None) => quote!(#member: #p::Default::default(),),
            });
            let Some(ty) = syn_type(ty) else {
                continue;
            };
            fields.push(ir::Field {
                member: syn::Member::Named(member.clone()),
                thrift_name: f.name.clone(),
                id: f.id,
                ty,
                presence,
            });
        }
        let derives = self.derives(self.analysis.struct_orderable(def));
        let kind = s.kind.keyword();
        let doc = docs(&s.doc, format!("Thrift {kind} `{}`.", s.name));
        let default_impl = if has_idl_default {
            quote! {
                // IDL values are written as the IDL spells them (3.14159 stays 3.14159).
                #[allow(clippy::approx_constant)]
                impl #p::Default for #name {
                    fn default() -> Self {
                        #name { #(#defaults)* }
                    }
                }
            }
        } else {
            TokenStream::new()
        };
        let derive_default =
            (!has_idl_default).then(|| quote!(#[derive(::core::default::Default)]));
        let error_impl = (s.kind == StructKind::Exception).then(|| self.exception_impls(def, s));
        let codec = codegen::expand(&Container {
            ident: name.clone(),
            generics: syn::Generics::default(),
            thrift_name: s.name.clone(),
            krate: thrift_core(),
            body: Body::Struct(fields),
            read: if s.fields.iter().any(|f| holds_struct(self.model, &f.ty)) {
                ReadMode::InPlace
            } else {
                ReadMode::Slots
            },
        });
        quote! {
            #doc
            #derives
            #derive_default
            pub struct #name {
                #(#decls)*
            }
            #default_impl
            #error_impl
            #codec
            #(#wire_checks)*
        }
    }

    /// The Rust type of field `index` of `def`: the one `field_types` gives it, or the IDL
    /// type's (boxed where the field closes a cycle). A given type gets a compile-time check
    /// in `wire_checks` that it has the wire type the IDL's would have had, since any other
    /// would be skipped on every read.
    fn field_type(
        &self,
        def: DefRef,
        s: &Struct,
        index: usize,
        wire_checks: &mut Vec<TokenStream>,
    ) -> Option<TokenStream> {
        let p = quote!(::thrift_core::__private);
        let idl_ty = self.rust_type(&s.fields[index].ty, def.file)?;
        if let Some(own) = self.field_types.get(def, index) {
            let message = format!(
                "`{}.{}`: the type from `field_types` does not have the IDL type's wire type \
                 (their `ThriftType::TTYPE`s differ)",
                s.name, s.fields[index].name
            );
            wire_checks.push(quote_spanned! {own.span()=>
                const _: () = ::core::assert!(
                    <#own as #p::ThriftType>::TTYPE as u8
                        == <#idl_ty as #p::ThriftType>::TTYPE as u8,
                    #message,
                );
            });
            return Some(quote!(#own));
        }
        Some(if self.analysis.is_boxed(def, index) {
            quote!(#p::Box<#idl_ty>)
        } else {
            idl_ty
        })
    }

    /// `Display` and `std::error::Error`, so exceptions work with `?` and `Box<dyn Error>`.
    fn exception_impls(&self, def: DefRef, s: &Struct) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let name = &self.names.defs[&def];
        let thrift_name = &s.name;
        // An exception with a single string field (a message, a reason) shows just that.
        let single_string = match s.fields.as_slice() {
            [f] if matches!(self.model.true_type(&f.ty), Type::Base(BaseType::String))
                && self.field_types.get(def, 0).is_none() =>
            {
                Some((&self.names.fields[&(def, 0)], self.field_is_option(def, 0)))
            }
            _ => None,
        };
        let body = match single_string {
            Some((member, false)) => {
                quote!(::core::write!(f, "{}: {}", #thrift_name, self.#member))
            }
            Some((member, true)) => quote! {
                match &self.#member {
                    #p::Some(text) => ::core::write!(f, "{}: {}", #thrift_name, text),
                    #p::None => f.write_str(#thrift_name),
                }
            },
            None => quote!(::core::write!(f, "{}: {:?}", #thrift_name, self)),
        };
        quote! {
            impl #p::fmt::Display for #name {
                fn fmt(&self, f: &mut #p::fmt::Formatter<'_>) -> #p::fmt::Result {
                    #body
                }
            }

            impl #p::StdError for #name {}
        }
    }

    fn union_item(&self, def: DefRef, s: &Struct) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let name = &self.names.defs[&def];
        let mut decls = Vec::new();
        let mut variants = Vec::new();
        let mut wire_checks = Vec::new();
        for (i, f) in s.fields.iter().enumerate() {
            let Some(ty) = self.field_type(def, s, i, &mut wire_checks) else {
                continue;
            };
            let ident = &self.names.fields[&(def, i)];
            let doc = docs(&f.doc, format!("Field {} `{}`.", f.id, f.name));
            decls.push(quote!(#doc #ident(#ty),));
            let Some(ty) = syn_type(ty) else {
                continue;
            };
            variants.push(ir::Variant {
                ident: ident.clone(),
                thrift_name: f.name.clone(),
                id: f.id,
                ty,
            });
        }
        let first = variants.first().map(|v| &v.ident);
        let default_impl = first.map(|first| {
            quote! {
                /// The first variant, holding its type's default.
                impl #p::Default for #name {
                    fn default() -> Self {
                        #name::#first(#p::Default::default())
                    }
                }
            }
        });
        let derives = self.derives(self.analysis.struct_orderable(def));
        let doc = docs(
            &s.doc,
            format!(
                "Thrift union `{}`: exactly one of its fields is set.",
                s.name
            ),
        );
        let codec = codegen::expand(&Container {
            ident: name.clone(),
            generics: syn::Generics::default(),
            thrift_name: s.name.clone(),
            krate: thrift_core(),
            body: Body::Union(variants),
            read: ReadMode::Slots,
        });
        quote! {
            #doc
            #derives
            pub enum #name {
                #(#decls)*
            }
            #default_impl
            #codec
            #(#wire_checks)*
        }
    }

    fn const_item(&self, file: &File, index: usize) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let c = &file.consts[index];
        let name = &self.names.consts[&(file.id, index)];
        let doc = docs(&c.doc, format!("Thrift const `{}`.", c.name));
        // IDL values are written as the IDL spells them (3.14159 stays 3.14159).
        let doc = quote!(#doc #[allow(clippy::approx_constant)]);
        let (Some(value), Some(ty)) = (&c.value, self.rust_type(&c.ty, file.id)) else {
            return TokenStream::new();
        };
        let plain = |expr: Option<TokenStream>| match expr {
            Some(expr) => quote!(#doc pub const #name: #ty = #expr;),
            None => TokenStream::new(),
        };
        match (self.model.true_type(&c.ty), value) {
            (Type::Base(BaseType::String), thrift_idl::model::Value::String(s)) => {
                quote!(#doc pub const #name: &str = #s;)
            }
            (Type::Base(BaseType::Binary), thrift_idl::model::Value::String(s)) => {
                let bytes = syn::LitByteStr::new(s.as_bytes(), proc_macro2::Span::call_site());
                quote!(#doc pub const #name: &[u8] = #bytes;)
            }
            (Type::Base(_), _) => plain(self.value_expr(value, &c.ty, file.id)),
            (Type::Named(def), _) if def.kind == DefKind::Enum => {
                plain(self.value_expr(value, &c.ty, file.id))
            }
            _ => match self.value_expr(value, &c.ty, file.id) {
                Some(expr) => quote! {
                    #doc
                    pub static #name: #p::LazyLock<#ty> = #p::LazyLock::new(|| #expr);
                },
                None => TokenStream::new(),
            },
        }
    }
}
