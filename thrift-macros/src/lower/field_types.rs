//! `field_types = { "Struct.field" = Type, ... }`: fields stored as a type of the user's
//! choosing instead of the one the IDL type maps to.
//!
//! The type only has to implement `ThriftType` with the same wire type, so it can hold the
//! value in another shape: a bit set for a list of enums, a small inline vector, a value that
//! skips what a reader never looks at. Hand-written decoders win by exactly such choices (the
//! parquet crate keeps `list<Encoding>` as a bit mask); this gives them to generated code
//! without forking the IDL. Like prost-build's per-path options, keys name IDL fields.

use std::collections::HashMap;

use syn::LitStr;
use thrift_idl::model::{DefRef, Model};

use super::types::all_structs;

/// The overridden fields, keyed by `(struct, field index)`.
#[derive(Default)]
pub struct FieldTypes {
    types: HashMap<(DefRef, usize), syn::Type>,
}

impl FieldTypes {
    /// Resolves each `"Struct.field"` (or `"module.Struct.field"` for a struct of an included
    /// file) against the model, collecting an error for every key that does not name a field
    /// that can take a type.
    pub fn resolve(
        model: &Model,
        entries: &[(LitStr, syn::Type)],
    ) -> (FieldTypes, Vec<syn::Error>) {
        let mut field_types = FieldTypes::default();
        let mut errors = Vec::new();
        for (key, ty) in entries {
            match resolve_key(model, &key.value()) {
                Ok(field) if field_types.types.contains_key(&field) => {
                    errors.push(syn::Error::new(
                        key.span(),
                        format!("`{}` is given a type twice", key.value()),
                    ))
                }
                Ok(field) => {
                    field_types.types.insert(field, ty.clone());
                }
                Err(message) => errors.push(syn::Error::new(key.span(), message)),
            }
        }
        (field_types, errors)
    }

    /// The type given to field `index` of `def`, if any.
    pub fn get(&self, def: DefRef, index: usize) -> Option<&syn::Type> {
        self.types.get(&(def, index))
    }
}

fn resolve_key(model: &Model, key: &str) -> Result<(DefRef, usize), String> {
    let parts: Vec<&str> = key.split('.').collect();
    let (module, strukt, field) = match parts.as_slice() {
        [strukt, field] => (None, *strukt, *field),
        [module, strukt, field] => (Some(*module), *strukt, *field),
        _ => {
            return Err(format!(
                "`field_types` keys are \"Struct.field\", or \"module.Struct.field\" for a \
                 struct of an included file; `{key}` is neither"
            ))
        }
    };
    let file = match module {
        None => model.root(),
        Some(module) => model.files.iter().skip(1).find(|f| f.module == module),
    }
    .ok_or_else(|| format!("no included file is named `{}`", module.unwrap_or_default()))?;
    let (def, s) = all_structs(model)
        .find(|(def, s)| def.file == file.id && s.name == strukt)
        .ok_or_else(|| {
            format!(
                "`{strukt}` is not a struct, union or exception of `{}`",
                file.path.display()
            )
        })?;
    let index = s
        .fields
        .iter()
        .position(|f| f.name == field)
        .ok_or_else(|| {
            let names: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
            format!(
                "`{strukt}` has no field `{field}`; its fields are {}",
                names.join(", ")
            )
        })?;
    if s.fields[index].default.is_some() {
        return Err(format!(
            "`{key}` has a default value in the IDL, which a type of your own cannot take"
        ));
    }
    Ok((def, index))
}
