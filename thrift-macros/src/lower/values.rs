//! IDL constant and default values as Rust expressions.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use thrift_idl::model::{BaseType, DefKind, Type, Value};
use thrift_idl::source::FileId;

use super::Generator;

/// Parses a uuid literal (hyphens optional) into its 16 bytes.
fn uuid_bytes(text: &str) -> Option<[u8; 16]> {
    let digits: Vec<u32> = text
        .chars()
        .filter(|&c| c != '-')
        .map(|c| c.to_digit(16))
        .collect::<Option<_>>()?;
    if digits.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = (pair[0] * 16 + pair[1]) as u8;
    }
    Some(out)
}

fn double_literal(value: f64) -> TokenStream {
    if value.is_finite() {
        let literal = Literal::f64_suffixed(value);
        quote!(#literal)
    } else {
        let bits = value.to_bits();
        quote!(f64::from_bits(#bits))
    }
}

fn int_literal(value: i64, base: BaseType) -> TokenStream {
    // The resolver range-checked the value against its type.
    let literal = match base {
        BaseType::I8 => Literal::i8_suffixed(value as i8),
        BaseType::I16 => Literal::i16_suffixed(value as i16),
        BaseType::I32 => Literal::i32_suffixed(value as i32),
        _ => Literal::i64_suffixed(value),
    };
    quote!(#literal)
}

impl Generator<'_> {
    /// An owned expression of `ty`'s Rust type holding `value`, or `None` where the value or
    /// type did not resolve.
    pub fn value_expr(&self, value: &Value, ty: &Type, from: FileId) -> Option<TokenStream> {
        let p = quote!(::thrift_core::__private);
        let true_type = self.model.true_type(ty);
        Some(match (value, true_type) {
            (Value::Bool(b), _) => quote!(#b),
            (Value::Int(i), Type::Base(BaseType::Double)) => double_literal(*i as f64),
            (Value::Int(i), Type::Base(base)) => int_literal(*i, *base),
            (Value::Int(i), Type::Named(def)) if def.kind == DefKind::Enum => {
                let path = self.def_path(*def, from);
                let value = *i as i32;
                quote!(#path(#value))
            }
            (Value::Double(d), _) => double_literal(*d),
            (Value::String(s), Type::Base(BaseType::Binary)) => {
                let bytes = syn::LitByteStr::new(s.as_bytes(), proc_macro2::Span::call_site());
                quote!(#p::Bytes::from_static(#bytes))
            }
            (Value::String(s), Type::Base(BaseType::Uuid)) => self.uuid_expr(s),
            (Value::String(s), _) if self.zero_copy_strings => quote!(#p::Str::from_static(#s)),
            (Value::String(s), _) => quote!(#p::String::from(#s)),
            (Value::Enum { def, index, .. }, _) => {
                let path = self.def_path(*def, from);
                let value = &self.names.enum_values[&(*def, *index)];
                quote!(#path::#value)
            }
            (Value::List(items), Type::List(element)) => {
                let items = items
                    .iter()
                    .map(|item| self.value_expr(item, element, from))
                    .collect::<Option<Vec<_>>>()?;
                quote!(#p::Vec::from([#(#items),*]))
            }
            (Value::Set(items) | Value::List(items), Type::Set(element)) => {
                if self.analysis.is_key(self.model, element) {
                    let items = items
                        .iter()
                        .map(|item| self.key_expr(item, element, from))
                        .collect::<Option<Vec<_>>>()?;
                    quote!(#p::BTreeSet::from([#(#items),*]))
                } else {
                    let items = items
                        .iter()
                        .map(|item| self.value_expr(item, element, from))
                        .collect::<Option<Vec<_>>>()?;
                    quote!(#p::VecSet(#p::Vec::from([#(#items),*])))
                }
            }
            (Value::Map(entries), Type::Map(key, value_type)) => {
                let keyed = self.analysis.is_key(self.model, key);
                let entries = entries
                    .iter()
                    .map(|(k, v)| {
                        let k = if keyed {
                            self.key_expr(k, key, from)?
                        } else {
                            self.value_expr(k, key, from)?
                        };
                        let v = self.value_expr(v, value_type, from)?;
                        Some(quote!((#k, #v)))
                    })
                    .collect::<Option<Vec<_>>>()?;
                if keyed {
                    quote!(#p::BTreeMap::from([#(#entries),*]))
                } else {
                    quote!(#p::VecMap(#p::Vec::from([#(#entries),*])))
                }
            }
            (Value::Struct { def, fields }, _) => self.struct_literal(*def, fields, from)?,
            _ => return None,
        })
    }

    /// A set element or map key: doubles are wrapped in `OrderedFloat`.
    fn key_expr(&self, value: &Value, ty: &Type, from: FileId) -> Option<TokenStream> {
        let expr = self.value_expr(value, ty, from)?;
        if self.is_double(ty) {
            Some(quote!(::thrift_core::__private::OrderedFloat(#expr)))
        } else {
            Some(expr)
        }
    }

    fn uuid_expr(&self, text: &str) -> TokenStream {
        match uuid_bytes(text) {
            Some(bytes) => quote!(::thrift_core::__private::Uuid::from_bytes([#(#bytes),*])),
            None => {
                let message = format!("`{text}` is not a uuid");
                quote!(::core::compile_error!(#message))
            }
        }
    }

    /// A struct or union literal; unset struct fields take their defaults.
    fn struct_literal(
        &self,
        def: thrift_idl::model::DefRef,
        fields: &[(usize, Value)],
        from: FileId,
    ) -> Option<TokenStream> {
        let p = quote!(::thrift_core::__private);
        let s = self.model.struct_def(def)?;
        let path = self.def_path(def, from);
        let values = fields
            .iter()
            .map(|(index, value)| {
                let field = s.fields.get(*index)?;
                if self.field_types.get(def, *index).is_some() {
                    let message = format!(
                        "a constant sets `{}.{}`, which `field_types` gives a type of its own; \
                         IDL values cannot be converted to it",
                        s.name, field.name
                    );
                    return Some((*index, quote!(::core::compile_error!(#message))));
                }
                let mut expr = self.value_expr(value, &field.ty, from)?;
                if self.analysis.is_boxed(def, *index) {
                    expr = quote!(#p::Box::new(#expr));
                }
                Some((*index, expr))
            })
            .collect::<Option<Vec<_>>>()?;
        if def.kind == DefKind::Union {
            let (index, expr) = values.into_iter().next()?;
            let variant = &self.names.fields[&(def, index)];
            return Some(quote!(#path::#variant(#expr)));
        }
        // `..Default::default()` only when some field is left out (clippy's needless_update).
        let resolved = (0..s.fields.len())
            .filter(|&i| self.rust_type(&s.fields[i].ty, from).is_some())
            .count();
        let rest = (values.len() < resolved).then(|| quote!(..#p::Default::default()));
        let inits = values.into_iter().map(|(index, expr)| {
            let member = &self.names.fields[&(def, index)];
            if self.field_is_option(def, index) {
                quote!(#member: #p::Some(#expr))
            } else {
                quote!(#member: #expr)
            }
        });
        Some(quote!(#path { #(#inits,)* #rest }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_parse() {
        let bytes = uuid_bytes("00112233-4455-6677-8899-aabbccddeeff").unwrap();
        assert_eq!(bytes[0], 0x00);
        assert_eq!(bytes[15], 0xff);
        assert!(uuid_bytes("0011").is_none());
        assert!(uuid_bytes("zz112233-4455-6677-8899-aabbccddeeff").is_none());
    }
}
