//! `#[derive(ThriftStruct)]`: Rust items lowered into the [`ir`](crate::ir) model.

mod attr;

use proc_macro2::TokenStream;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

use crate::codegen;
use crate::ctxt::Ctxt;
use crate::ir::{Body, Container, EnumValue, Field, Presence, ReadMode, Variant};

/// Expands the derive, reporting every misuse at once.
pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut cx = Ctxt::default();
    let container = lower(&mut cx, input);
    cx.check()?;
    Ok(codegen::expand(&container))
}

fn lower(cx: &mut Ctxt, input: &DeriveInput) -> Container {
    let attrs = attr::container(cx, &input.attrs);
    let body = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Body::Struct(struct_fields(cx, fields.named.iter())),
            Fields::Unit => Body::Struct(Vec::new()),
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
                let field = &fields.unnamed[0];
                if let Some(attr) = field.attrs.iter().find(|a| a.path().is_ident("thrift")) {
                    cx.error_spanned_by(
                        attr,
                        "a newtype is encoded as the type it wraps; it takes no field attributes",
                    );
                }
                Body::Newtype(field.ty.clone())
            }
            Fields::Unnamed(fields) => {
                cx.error_spanned_by(
                    fields,
                    "ThriftStruct supports tuple structs with exactly one field (newtypes); \
                     name the fields of a struct",
                );
                Body::Struct(Vec::new())
            }
        },
        Data::Enum(data) => enum_body(cx, input, data),
        Data::Union(data) => {
            cx.error_spanned_by(
                data.union_token,
                "ThriftStruct cannot be derived for a Rust `union`; model a Thrift union as an \
                 enum whose variants each hold one value",
            );
            Body::Struct(Vec::new())
        }
    };
    let read = match (attrs.in_place, &body) {
        (None, _) => ReadMode::Slots,
        (Some(span), Body::Struct(_)) => ReadMode::InPlaceResetting { requested_at: span },
        (Some(span), _) => {
            cx.syn_error(syn::Error::new(
                span,
                "`in_place` applies to structs with named fields; enums, unions and newtypes \
                 decode whole",
            ));
            ReadMode::Slots
        }
    };
    Container {
        ident: input.ident.clone(),
        generics: input.generics.clone(),
        thrift_name: attrs.name.unwrap_or_else(|| input.ident.to_string()),
        krate: attrs
            .krate
            .unwrap_or_else(|| syn::parse_quote!(::thrift_core)),
        body,
        // A hand-written type need not be `Default`, so it decodes in place only on request.
        read,
    }
}

/// The `T` of an `Option<T>` (written as `Option`, `option::Option` or `std::option::Option`).
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// Remembers ids and names already used, to report duplicates at the second use.
#[derive(Default)]
struct Seen {
    ids: Vec<(i16, String)>,
    names: Vec<String>,
}

impl Seen {
    fn check(&mut self, cx: &mut Ctxt, span: &impl quote::ToTokens, id: i16, name: &str) {
        if let Some((_, other)) = self.ids.iter().find(|(seen, _)| *seen == id) {
            cx.error_spanned_by(
                span,
                format!("duplicate field id {id} (also used by `{other}`)"),
            );
        } else if self.names.iter().any(|n| n == name) {
            cx.error_spanned_by(span, format!("duplicate Thrift field name `{name}`"));
        }
        self.ids.push((id, name.to_owned()));
        self.names.push(name.to_owned());
    }
}

fn struct_fields<'a>(cx: &mut Ctxt, fields: impl Iterator<Item = &'a syn::Field>) -> Vec<Field> {
    let mut seen = Seen::default();
    let mut out = Vec::new();
    for field in fields {
        let attrs = attr::field(
            cx,
            &field.attrs,
            &["id", "required", "optional", "default", "name"],
        );
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let thrift_name = attrs
            .name
            .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
        let Some(id) = attrs.id else {
            if !attrs.had_errors {
                cx.error_spanned_by(
                    &ident,
                    format!("field `{ident}` needs a Thrift field id: `#[thrift(id = N)]`"),
                );
            }
            continue;
        };
        seen.check(cx, &ident, id, &thrift_name);
        let optional = option_inner(&field.ty);
        if let (None, Some(span)) = (optional, attrs.optional) {
            cx.syn_error(syn::Error::new(
                span,
                "an `optional` field must have type `Option<T>`",
            ));
        }
        let presence = match (optional, attrs.required, attrs.default) {
            (Some(_), Some(span), _) => {
                cx.syn_error(syn::Error::new(
                    span,
                    "a `required` field cannot be an `Option`; drop `required` or the `Option`",
                ));
                Presence::Optional
            }
            (Some(_), None, Some(default)) => {
                cx.error_spanned_by(
                    default,
                    "an `Option` field has no default: when absent it is `None`",
                );
                Presence::Optional
            }
            (Some(_), None, None) => Presence::Optional,
            (None, Some(span), Some(_)) => {
                cx.syn_error(syn::Error::new(
                    span,
                    "a `required` field cannot have a `default`: decoding fails without it",
                ));
                Presence::Required
            }
            (None, Some(_), None) => Presence::Required,
            (None, None, default) => Presence::Default(default),
        };
        out.push(Field {
            member: syn::Member::Named(ident),
            thrift_name,
            id,
            ty: optional.unwrap_or(&field.ty).clone(),
            presence,
        });
    }
    out
}

fn enum_body(cx: &mut Ctxt, input: &DeriveInput, data: &syn::DataEnum) -> Body {
    if data.variants.is_empty() {
        cx.error_spanned_by(
            &input.ident,
            "ThriftStruct needs at least one variant: unit variants for an enum, one-value \
             variants for a union",
        );
        return Body::Enum(Vec::new());
    }
    let is_union = data
        .variants
        .iter()
        .any(|v| !matches!(v.fields, Fields::Unit));
    if is_union {
        Body::Union(union_variants(cx, data))
    } else {
        Body::Enum(enum_values(cx, data))
    }
}

fn union_variants(cx: &mut Ctxt, data: &syn::DataEnum) -> Vec<Variant> {
    let mut seen = Seen::default();
    let mut out = Vec::new();
    for variant in &data.variants {
        let attrs = attr::field(cx, &variant.attrs, &["id", "name"]);
        let ty = match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => fields.unnamed[0].ty.clone(),
            _ => {
                cx.error_spanned_by(
                    variant,
                    "every variant of a union must hold exactly one value, like `Name(Type)`",
                );
                continue;
            }
        };
        let ident = variant.ident.clone();
        let thrift_name = attrs.name.unwrap_or_else(|| ident.to_string());
        let Some(id) = attrs.id else {
            if !attrs.had_errors {
                cx.error_spanned_by(
                    &ident,
                    format!("union variant `{ident}` needs a Thrift field id: `#[thrift(id = N)]`"),
                );
            }
            continue;
        };
        seen.check(cx, &ident, id, &thrift_name);
        out.push(Variant {
            ident,
            thrift_name,
            id,
            ty,
        });
    }
    out
}

/// Reads an integer discriminant: a literal, optionally negated.
fn discriminant(expr: &syn::Expr) -> Option<i64> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(lit),
            ..
        }) => lit.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => discriminant(expr).map(|v| -v),
        syn::Expr::Group(group) => discriminant(&group.expr),
        syn::Expr::Paren(paren) => discriminant(&paren.expr),
        _ => None,
    }
}

fn enum_values(cx: &mut Ctxt, data: &syn::DataEnum) -> Vec<EnumValue> {
    let mut next = 0i64;
    let mut out = Vec::new();
    for variant in &data.variants {
        if let Some(attr) = variant.attrs.iter().find(|a| a.path().is_ident("thrift")) {
            cx.error_spanned_by(
                attr,
                "enum values take no thrift attributes; set the value as a discriminant: `Name = 1`",
            );
        }
        let value = match &variant.discriminant {
            Some((_, expr)) => match discriminant(expr) {
                Some(value) => value,
                None => {
                    cx.error_spanned_by(expr, "enum values must be integer literals");
                    next
                }
            },
            None => next,
        };
        let Ok(value) = i32::try_from(value) else {
            cx.syn_error(syn::Error::new(
                variant.span(),
                format!("enum value {value} does not fit in an i32"),
            ));
            continue;
        };
        next = i64::from(value) + 1;
        out.push(EnumValue {
            ident: variant.ident.clone(),
            value,
        });
    }
    out
}
