//! The one place codec code is generated: [`ir::Container`](crate::ir::Container) in,
//! `impl ThriftType` out.
//!
//! Generated code stays thin: per field it calls a generic runtime helper
//! (`write_field`, `read_field_into`, `required`), so the logic lives, and is optimised, once
//! in `thrift_core`. Every path goes through `::thrift_core::__private`, locals are prefixed
//! `__thrift_`, and the impl sits in `const _: () = { ... };`, so nothing in the user's scope
//! can capture or be captured.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ir::{Body, Container, EnumValue, Field, Presence, Variant};

/// Generates the `ThriftType` impl for `container`.
pub fn expand(container: &Container) -> TokenStream {
    let krate = &container.krate;
    let private = quote!(#krate::__private);
    let name = &container.thrift_name;
    let (ttype, write, read) = match &container.body {
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
            }
        };
    }
}

fn struct_write(private: &TokenStream, name: &str, fields: &[Field]) -> TokenStream {
    let writes = fields.iter().map(|f| {
        let (member, field_name, id) = (&f.member, &f.thrift_name, f.id);
        // Spanned at the field's type, so "not a ThriftType" errors point at it.
        match f.presence {
            Presence::Optional => quote_spanned! {f.ty.span()=>
                if let #private::Some(__thrift_v) = &self.#member {
                    #private::write_field(__thrift_p, #field_name, #id, __thrift_v)?;
                }
            },
            Presence::Required | Presence::Default(_) => quote_spanned! {f.ty.span()=>
                #private::write_field(__thrift_p, #field_name, #id, &self.#member)?;
            },
        }
    });
    quote! {
        __thrift_p.write_struct_begin(#name)?;
        #(#writes)*
        __thrift_p.write_field_stop()?;
        __thrift_p.write_struct_end()
    }
}

/// The decode loop shared by structs and unions: `arms` match on the field id.
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

fn slot(index: usize) -> syn::Ident {
    format_ident!("__thrift_f{}", index)
}

fn struct_read(private: &TokenStream, name: &str, fields: &[Field]) -> TokenStream {
    let slots = fields.iter().enumerate().map(|(i, f)| {
        let (slot, ty) = (slot(i), &f.ty);
        quote!(let mut #slot: #private::Option<#ty> = #private::None;)
    });
    let arms: TokenStream = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (slot, field_name, id) = (slot(i), &f.thrift_name, f.id);
            quote_spanned! {f.ty.span()=>
                #id => #private::read_field_into(
                    __thrift_p, __thrift_field.ttype, &mut #slot, #name, #field_name, #id,
                )?,
            }
        })
        .collect();
    let inits = fields.iter().enumerate().map(|(i, f)| {
        let (slot, member, field_name, id) = (slot(i), &f.member, &f.thrift_name, f.id);
        let value = match &f.presence {
            Presence::Required => quote!(#private::required(#slot, #name, #field_name, #id)?),
            Presence::Optional => quote!(#slot),
            Presence::Default(None) => quote!(#slot.unwrap_or_default()),
            Presence::Default(Some(default)) => quote! {
                match #slot {
                    #private::Some(__thrift_v) => __thrift_v,
                    #private::None => #default,
                }
            },
        };
        quote!(#member: #value,)
    });
    let body = read_loop(private, arms);
    quote! {
        #(#slots)*
        #body
        #private::Result::Ok(Self { #(#inits)* })
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
