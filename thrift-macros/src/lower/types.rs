//! IDL types to Rust types, and the whole-model facts that choose them: which structs can
//! be `Eq + Hash + Ord` (and so set elements and map keys), and which fields must be boxed
//! to break a cycle.

use std::collections::{HashMap, HashSet};

use proc_macro2::TokenStream;
use quote::quote;
use thrift_idl::model::{BaseType, DefKind, DefRef, Model, StructKind, Type};
use thrift_idl::source::FileId;

use super::field_types::FieldTypes;
use super::Generator;

/// The `DefKind` a struct of `kind` is referenced by.
pub fn struct_kind(kind: StructKind) -> DefKind {
    match kind {
        StructKind::Struct => DefKind::Struct,
        StructKind::Union => DefKind::Union,
        StructKind::Exception => DefKind::Exception,
    }
}

/// Every struct, union and exception of the model, with its `DefRef`.
pub(super) fn all_structs(
    model: &Model,
) -> impl Iterator<Item = (DefRef, &thrift_idl::model::Struct)> {
    model.files.iter().flat_map(|file| {
        file.structs.iter().enumerate().map(move |(index, s)| {
            let def = DefRef {
                file: file.id,
                kind: struct_kind(s.kind),
                index,
            };
            (def, s)
        })
    })
}

/// Facts computed once over the whole model.
pub struct Analysis {
    /// Structs and unions whose Rust type can derive `Eq`, `Hash`, `PartialOrd` and `Ord`.
    orderable: HashSet<DefRef>,
    /// `(struct, field index)` pairs stored in a `Box`.
    boxed: HashSet<(DefRef, usize)>,
}

impl Analysis {
    /// Fields in `field_types` hold a type the analysis cannot see into: it orders nothing
    /// and reaches no struct, so their structs derive only `Debug`, `Clone` and `PartialEq`.
    pub fn new(model: &Model, field_types: &FieldTypes) -> Analysis {
        let mut analysis = Analysis {
            orderable: all_structs(model).map(|(def, _)| def).collect(),
            boxed: HashSet::new(),
        };
        // Greatest fixed point: a struct is orderable unless a field makes it not, which
        // lets recursive types (a tree of itself) stay orderable.
        loop {
            let before = analysis.orderable.len();
            let not: Vec<DefRef> = all_structs(model)
                .filter(|(def, s)| {
                    analysis.orderable.contains(def)
                        && !s.fields.iter().enumerate().all(|(i, f)| {
                            field_types.get(*def, i).is_none()
                                && analysis.is_orderable(model, &f.ty)
                        })
                })
                .map(|(def, _)| def)
                .collect();
            for def in not {
                analysis.orderable.remove(&def);
            }
            if analysis.orderable.len() == before {
                break;
            }
        }
        // A field is boxed if it is marked `&`, or if its struct can reach back to the one
        // holding it through fields stored inline (containers already live on the heap).
        let edges: HashMap<DefRef, Vec<DefRef>> = all_structs(model)
            .map(|(def, s)| {
                let targets = s
                    .fields
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| field_types.get(def, i).is_none())
                    .filter_map(|(_, f)| inline_struct(model, &f.ty));
                (def, targets.collect())
            })
            .collect();
        for (def, s) in all_structs(model) {
            for (i, field) in s.fields.iter().enumerate() {
                if field_types.get(def, i).is_some() {
                    continue;
                }
                let cyclic = inline_struct(model, &field.ty)
                    .is_some_and(|target| reaches(&edges, target, def));
                if field.reference || cyclic {
                    analysis.boxed.insert((def, i));
                }
            }
        }
        analysis
    }

    /// Whether values of `ty` have a total order (and `Eq` and `Hash`) in Rust.
    pub fn is_orderable(&self, model: &Model, ty: &Type) -> bool {
        match model.true_type(ty) {
            Type::Base(BaseType::Double) | Type::Unresolved => false,
            Type::Base(_) => true,
            Type::List(element) => self.is_orderable(model, element),
            Type::Set(element) => self.is_key(model, element),
            Type::Map(key, value) => self.is_key(model, key) && self.is_orderable(model, value),
            Type::Named(def) => match def.kind {
                DefKind::Enum => true,
                _ => self.orderable.contains(def),
            },
        }
    }

    /// Whether `ty` can be a `BTreeSet` element or `BTreeMap` key (doubles can, wrapped).
    pub fn is_key(&self, model: &Model, ty: &Type) -> bool {
        matches!(model.true_type(ty), Type::Base(BaseType::Double)) || self.is_orderable(model, ty)
    }

    /// Whether the struct's Rust type derives the total-order traits.
    pub fn struct_orderable(&self, def: DefRef) -> bool {
        self.orderable.contains(&def)
    }

    /// Whether field `index` of `def` is stored in a `Box`.
    pub fn is_boxed(&self, def: DefRef, index: usize) -> bool {
        self.boxed.contains(&(def, index))
    }
}

/// Whether values of `ty` hold a struct, union or exception, inline or in a container. A
/// struct with such a field decodes in place, which saves moving the big values; one made
/// of numbers and strings decodes faster into `Option` slots the optimiser keeps in
/// registers (in place, its small-struct decodes took 8% more instructions).
pub fn holds_struct(model: &Model, ty: &Type) -> bool {
    match model.true_type(ty) {
        Type::List(element) | Type::Set(element) => holds_struct(model, element),
        Type::Map(key, value) => holds_struct(model, key) || holds_struct(model, value),
        ty => inline_struct(model, ty).is_some(),
    }
}

/// The struct a field of type `ty` stores inline, if any.
fn inline_struct(model: &Model, ty: &Type) -> Option<DefRef> {
    match model.true_type(ty) {
        Type::Named(def) if def.kind != DefKind::Enum && def.kind != DefKind::Typedef => Some(*def),
        _ => None,
    }
}

fn reaches(edges: &HashMap<DefRef, Vec<DefRef>>, from: DefRef, to: DefRef) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![from];
    while let Some(def) = stack.pop() {
        if def == to {
            return true;
        }
        if seen.insert(def) {
            stack.extend(edges.get(&def).into_iter().flatten().copied());
        }
    }
    false
}

impl Generator<'_> {
    /// The path to a named definition as seen from code in `from`'s module.
    pub fn def_path(&self, def: DefRef, from: FileId) -> TokenStream {
        let name = &self.names.defs[&def];
        if def.file == from {
            // From a service's module, name the file's items through `super`: the module's
            // own per-function types (`PingResult`, ...) may share their names.
            return if self.nested.get() {
                quote!(super::#name)
            } else {
                quote!(#name)
            };
        }
        let module = &self.names.modules[def.file.index()];
        // Included files are modules beside the root's items; a service's module sits one
        // level deeper.
        let up = usize::from(from != FileId(0)) + usize::from(self.nested.get());
        let supers = std::iter::repeat_n(quote!(super::), up);
        quote!(#(#supers)* #module::#name)
    }

    /// The Rust type of `ty` in `from`'s module, or `None` where the IDL did not resolve.
    pub fn rust_type(&self, ty: &Type, from: FileId) -> Option<TokenStream> {
        let p = quote!(::thrift_core::__private);
        Some(match ty {
            Type::Base(base) => match base {
                BaseType::Bool => quote!(bool),
                BaseType::I8 => quote!(i8),
                BaseType::I16 => quote!(i16),
                BaseType::I32 => quote!(i32),
                BaseType::I64 => quote!(i64),
                BaseType::Double => quote!(f64),
                BaseType::String if self.zero_copy_strings => quote!(#p::Str),
                BaseType::String => quote!(#p::String),
                BaseType::Binary => quote!(#p::Bytes),
                BaseType::Uuid => quote!(#p::Uuid),
            },
            Type::List(element) => {
                let element = self.rust_type(element, from)?;
                quote!(#p::Vec<#element>)
            }
            Type::Set(element) => {
                if self.analysis.is_key(self.model, element) {
                    let element = self.key_type(element, from)?;
                    quote!(#p::BTreeSet<#element>)
                } else {
                    let element = self.rust_type(element, from)?;
                    quote!(#p::VecSet<#element>)
                }
            }
            Type::Map(key, value) => {
                let value_type = self.rust_type(value, from)?;
                if self.analysis.is_key(self.model, key) {
                    let key = self.key_type(key, from)?;
                    quote!(#p::BTreeMap<#key, #value_type>)
                } else {
                    let key = self.rust_type(key, from)?;
                    quote!(#p::VecMap<#key, #value_type>)
                }
            }
            Type::Named(def) => self.def_path(*def, from),
            Type::Unresolved => return None,
        })
    }

    /// The type of a set element or map key: a `double` is wrapped in `OrderedFloat`.
    pub fn key_type(&self, ty: &Type, from: FileId) -> Option<TokenStream> {
        if self.is_double(ty) {
            Some(quote!(::thrift_core::__private::OrderedFloat))
        } else {
            self.rust_type(ty, from)
        }
    }

    /// Whether `ty` is (a typedef of) `double`.
    pub fn is_double(&self, ty: &Type) -> bool {
        matches!(self.model.true_type(ty), Type::Base(BaseType::Double))
    }
}
