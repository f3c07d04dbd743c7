//! `#[thrift(...)]` attributes, parsed into typed values with their spans.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;

use crate::ctxt::Ctxt;

/// Attributes on the type itself.
#[derive(Default)]
pub struct ContainerAttrs {
    /// `name = "..."`: the Thrift name.
    pub name: Option<String>,
    /// `crate = "..."`: the path to `thrift_core`.
    pub krate: Option<syn::Path>,
    /// `in_place`: decode into the type's `Default` where it lies, with its span for errors.
    pub in_place: Option<Span>,
}

/// Attributes on a field or variant.
#[derive(Default)]
pub struct FieldAttrs {
    /// `id = N`.
    pub id: Option<i16>,
    /// `required`, with its span for errors.
    pub required: Option<Span>,
    /// `default = EXPR`.
    pub default: Option<TokenStream>,
    /// `optional`, with its span for errors (the field must then be an `Option`).
    pub optional: Option<Span>,
    /// `name = "..."`.
    pub name: Option<String>,
    /// Some attribute could not be parsed (so a missing `id` is not reported twice).
    pub had_errors: bool,
}

/// Runs `each` on every `key [= value]` inside every `#[thrift(...)]` attribute.
fn for_each_meta(
    cx: &mut Ctxt,
    attrs: &[syn::Attribute],
    mut each: impl FnMut(&mut Ctxt, &ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("thrift")) {
        let mut errors = Vec::new();
        let parsed = attr.parse_nested_meta(|meta| {
            if let Err(e) = each(cx, &meta) {
                errors.push(e);
                // Consume a value we did not understand so parsing can go on.
                if meta.input.peek(syn::Token![=]) {
                    let _ = meta.value().and_then(|v| v.parse::<TokenStream>());
                }
            }
            Ok(())
        });
        if let Err(e) = parsed {
            cx.syn_error(e);
        }
        for e in errors {
            cx.syn_error(e);
        }
    }
}

fn key(meta: &ParseNestedMeta<'_>) -> String {
    meta.path.to_token_stream().to_string().replace(' ', "")
}

fn set_once<T>(slot: &mut Option<T>, value: T, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if slot.is_some() {
        return Err(meta.error(format!("duplicate `{}` attribute", key(meta))));
    }
    *slot = Some(value);
    Ok(())
}

fn string_value(meta: &ParseNestedMeta<'_>) -> syn::Result<String> {
    Ok(meta.value()?.parse::<syn::LitStr>()?.value())
}

/// Parses the container attributes.
pub fn container(cx: &mut Ctxt, attrs: &[syn::Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    for_each_meta(cx, attrs, |_, meta| {
        if meta.path.is_ident("name") {
            let name = string_value(meta)?;
            set_once(&mut out.name, name, meta)
        } else if meta.path.is_ident("crate") {
            let path = meta.value()?.parse::<syn::LitStr>()?.parse::<syn::Path>()?;
            set_once(&mut out.krate, path, meta)
        } else if meta.path.is_ident("in_place") {
            set_once(&mut out.in_place, meta.path.span(), meta)
        } else {
            Err(meta.error(format!(
                "unknown thrift attribute `{}` on a type; expected `name`, `crate` or `in_place`",
                key(meta)
            )))
        }
    });
    out
}

/// Parses field (or variant) attributes; `allowed` lists the keys this position accepts.
pub fn field(cx: &mut Ctxt, attrs: &[syn::Attribute], allowed: &[&str]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    let mut had_errors = false;
    for_each_meta(cx, attrs, |_, meta| {
        let result = field_meta(&mut out, meta, allowed);
        had_errors |= result.is_err();
        result
    });
    out.had_errors = had_errors;
    out
}

fn field_meta(
    out: &mut FieldAttrs,
    meta: &ParseNestedMeta<'_>,
    allowed: &[&str],
) -> syn::Result<()> {
    {
        let name = key(meta);
        if !allowed.contains(&name.as_str()) {
            return Err(meta.error(format!(
                "unknown thrift attribute `{name}` here; expected one of: {}",
                allowed.join(", ")
            )));
        }
        match name.as_str() {
            "id" => {
                let lit = meta.value()?.parse::<syn::LitInt>()?;
                let id = lit.base10_parse::<i16>().map_err(|_| {
                    syn::Error::new(lit.span(), "field id must be an integer in -32768..=32767")
                })?;
                set_once(&mut out.id, id, meta)
            }
            "required" => {
                let span = meta.path.span();
                set_once(&mut out.required, span, meta)
            }
            "optional" => {
                let span = meta.path.span();
                set_once(&mut out.optional, span, meta)
            }
            "default" => {
                let expr = meta.value()?.parse::<syn::Expr>()?;
                set_once(&mut out.default, expr.into_token_stream(), meta)
            }
            "name" => {
                let value = string_value(meta)?;
                set_once(&mut out.name, value, meta)
            }
            _ => Err(meta.error("unsupported attribute")),
        }
    }
}
