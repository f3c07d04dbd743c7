//! Enums, field lists (struct members, arguments, throws) and services.

use std::collections::HashMap;

use super::{annotations, Resolver};
use crate::ast::{self, Requiredness, StructKind};
use crate::diag::Diagnostic;
use crate::model::{self, DefKind, Type};
use crate::source::{FileId, Span};

/// Which kind of list a field belongs to; the rules differ slightly.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Struct(StructKind),
    Args,
    Throws,
}

impl Resolver<'_> {
    pub(super) fn enum_values(&mut self, file: FileId, index: usize, e: &ast::Enum) {
        let mut values: Vec<model::EnumValue> = Vec::with_capacity(e.values.len());
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut previous: Option<i32> = None;
        for v in &e.values {
            if !self.check_simple_name(&v.name) {
                continue;
            }
            let value = match v.value {
                Some(lit) => match i32::try_from(lit.value) {
                    Ok(value) => value,
                    Err(_) => {
                        self.error(Diagnostic::error(
                            format!(
                                "value of enum value `{}.{}` does not fit in an i32",
                                e.name.name, v.name.name
                            ),
                            lit.span,
                            "out of range for i32",
                        ));
                        continue;
                    }
                },
                None => match previous.map_or(Some(0), |p| p.checked_add(1)) {
                    Some(value) => value,
                    None => {
                        self.error(Diagnostic::error(
                            format!(
                                "implicit value of enum value `{}.{}` overflows i32",
                                e.name.name, v.name.name
                            ),
                            v.name.span,
                            "would be 2147483648",
                        ));
                        continue;
                    }
                },
            };
            if let Some(&first) = seen.get(v.name.name.as_str()) {
                self.error(Diagnostic::duplicate(
                    format!(
                        "enum value `{}` is defined more than once in `{}`",
                        v.name.name, e.name.name
                    ),
                    v.name.span,
                    first,
                ));
                continue;
            }
            seen.insert(&v.name.name, v.name.span);
            previous = Some(value);
            values.push(model::EnumValue {
                name: v.name.name.clone(),
                value,
                annotations: annotations(&v.annotations),
                doc: v.doc.clone(),
                span: v.span,
                name_span: v.name.span,
            });
        }
        self.file_mut(file).enums[index].values = values;
    }

    pub(super) fn struct_fields(&mut self, file: FileId, index: usize, s: &ast::Struct) {
        let fields = self.field_list(file, &s.fields, ListKind::Struct(s.kind), &s.name.name);
        self.file_mut(file).structs[index].fields = fields;
    }

    /// Field ids (explicit or Apache's implicit -1, -2, ...), duplicate ids
    /// and names, requiredness rules and types. Defaults come in pass 3.
    fn field_list(
        &mut self,
        file: FileId,
        fields: &[ast::Field],
        list: ListKind,
        owner: &str,
    ) -> Vec<model::Field> {
        let mut out: Vec<model::Field> = Vec::with_capacity(fields.len());
        let mut next_implicit: i64 = -1;
        let mut ids: HashMap<i16, (Span, usize)> = HashMap::new();
        let mut names: HashMap<&str, Span> = HashMap::new();
        for f in fields {
            if !self.check_simple_name(&f.name) {
                continue;
            }
            let name = &f.name.name;
            let explicit = f.id.filter(|id| id.value > 0);
            let (id, id_span) = match (f.id, explicit) {
                (_, Some(lit)) => match i16::try_from(lit.value) {
                    Ok(id) => (Some(id), lit.span),
                    Err(_) => {
                        self.error(Diagnostic::error(
                            format!("field id {} of `{name}` is out of range", lit.value),
                            lit.span,
                            "field ids must be between 1 and 32767",
                        ));
                        continue;
                    }
                },
                (Some(lit), None) => {
                    self.diags.push(Diagnostic::warning(
                        format!("field id {} of `{name}` is not positive; the implicit id {next_implicit} is used instead", lit.value),
                        lit.span,
                        "non-positive field id",
                    ));
                    (self.implicit_id(&mut next_implicit, f), lit.span)
                }
                (None, None) => {
                    self.diags.push(
                        Diagnostic::warning(
                            format!("field `{name}` has no id; the implicit id {next_implicit} is used"),
                            f.name.span,
                            "no field id",
                        )
                        .with_note("implicit ids change when fields are added or reordered, which breaks compatibility"),
                    );
                    (self.implicit_id(&mut next_implicit, f), f.name.span)
                }
            };
            let Some(id) = id else { continue };
            if let Some(&(first, first_index)) = ids.get(&id) {
                let first_name = out[first_index].name.clone();
                self.error(
                    Diagnostic::error(
                        format!("field id {id} is used more than once in `{owner}`"),
                        id_span,
                        format!("`{name}` reuses the id"),
                    )
                    .with_label(first, format!("first used by `{first_name}`")),
                );
                continue;
            }
            if let Some(&first) = names.get(name.as_str()) {
                self.error(Diagnostic::duplicate(
                    format!("field `{name}` is defined more than once in `{owner}`"),
                    f.name.span,
                    first,
                ));
                continue;
            }
            ids.insert(id, (id_span, out.len()));
            names.insert(name, f.name.span);
            let requiredness = self.requiredness(f, list, owner);
            let ty = self.resolve_type(file, &f.ty);
            if list == ListKind::Throws {
                self.check_exception(file, &ty, f.ty.span);
            }
            out.push(model::Field {
                id,
                explicit_id: explicit.is_some(),
                name: name.clone(),
                requiredness,
                ty,
                default: None,
                reference: f.reference,
                type_annotations: annotations(&f.ty.annotations),
                annotations: annotations(&f.annotations),
                doc: f.doc.clone(),
                span: f.span,
                name_span: f.name.span,
            });
        }
        out
    }

    fn implicit_id(&mut self, next: &mut i64, f: &ast::Field) -> Option<i16> {
        let id = i16::try_from(*next).ok();
        if id.is_none() {
            self.error(Diagnostic::error(
                "too many fields without an id",
                f.name.span,
                "no implicit id left",
            ));
        }
        *next -= 1;
        id
    }

    fn requiredness(&mut self, f: &ast::Field, list: ListKind, owner: &str) -> Requiredness {
        match (list, f.requiredness) {
            // Apache makes every union member optional, warning when the IDL says otherwise.
            (ListKind::Struct(StructKind::Union), req) => {
                if let (Requiredness::Required, Some(span)) = (req, f.requiredness_span) {
                    self.diags.push(Diagnostic::warning(
                        format!(
                            "union members are always optional: `{owner}.{}` cannot be required",
                            f.name.name
                        ),
                        span,
                        "`required` is ignored",
                    ));
                }
                Requiredness::Optional
            }
            (ListKind::Args, Requiredness::Optional) => {
                if let Some(span) = f.requiredness_span {
                    self.diags.push(Diagnostic::warning(
                        "`optional` is ignored in argument lists",
                        span,
                        "ignored",
                    ));
                }
                Requiredness::Default
            }
            (_, req) => req,
        }
    }

    fn check_exception(&mut self, file: FileId, ty: &Type, span: Span) {
        match self.true_type(ty) {
            Type::Named(def) if def.kind == DefKind::Exception => {}
            Type::Unresolved => {}
            other => {
                let name = self.type_name(file, &other);
                self.error(Diagnostic::error(
                    format!("`throws` lists `{name}`, which is not an exception"),
                    span,
                    "only exceptions can be thrown",
                ));
            }
        }
    }

    /// Pass 3 for a struct: default values, and Apache's one-default rule
    /// for unions.
    pub(super) fn field_defaults(&mut self, file: FileId, index: usize, s: &ast::Struct) {
        let mut first_default: Option<Span> = None;
        for f in &s.fields {
            let Some(default) = &f.default else { continue };
            if s.kind == StructKind::Union {
                if let Some(first) = first_default {
                    self.error(
                        Diagnostic::error(
                            format!("union `{}` has more than one default value", s.name.name),
                            default.span,
                            "second default value",
                        )
                        .with_label(first, "first default value"),
                    );
                    continue;
                }
                first_default = Some(default.span);
            }
            let fields = &self.model.files[file.index()].structs[index].fields;
            let Some(position) = fields.iter().position(|m| m.span == f.span) else {
                continue;
            };
            let ty = fields[position].ty.clone();
            let value = self.eval(file, default, &ty);
            self.file_mut(file).structs[index].fields[position].default = value;
        }
    }

    pub(super) fn service_functions(&mut self, file: FileId, index: usize, s: &ast::Service) {
        let mut functions: Vec<model::Function> = Vec::with_capacity(s.functions.len());
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for f in &s.functions {
            if !self.check_simple_name(&f.name) {
                continue;
            }
            if let Some(&first) = seen.get(f.name.name.as_str()) {
                self.error(Diagnostic::duplicate(
                    format!(
                        "function `{}` is defined more than once in service `{}`",
                        f.name.name, s.name.name
                    ),
                    f.name.span,
                    first,
                ));
                continue;
            }
            seen.insert(&f.name.name, f.name.span);
            let returns = f.returns.as_ref().map(|ty| self.resolve_type(file, ty));
            let owner = format!("{}.{}", s.name.name, f.name.name);
            let args = self.field_list(file, &f.args, ListKind::Args, &owner);
            let throws = self.field_list(file, &f.throws, ListKind::Throws, &owner);
            if f.oneway.is_some() {
                if returns.is_some() {
                    // Apache only warns here; the return type is then meaningless.
                    self.diags.push(Diagnostic::warning(
                        format!("oneway function `{owner}` should return `void`"),
                        f.returns_span,
                        "a oneway call gets no reply",
                    ));
                }
                if let Some(first) = f.throws.first() {
                    self.error(Diagnostic::error(
                        format!("oneway function `{owner}` cannot throw exceptions"),
                        first.span,
                        "a oneway call gets no reply",
                    ));
                }
            }
            functions.push(model::Function {
                name: f.name.name.clone(),
                oneway: f.oneway.is_some(),
                returns,
                args,
                throws,
                annotations: annotations(&f.annotations),
                doc: f.doc.clone(),
                span: f.span,
                name_span: f.name.span,
            });
        }
        self.file_mut(file).services[index].functions = functions;
    }

    /// Apache rejects a function whose name a parent service already uses:
    /// generated clients would have two methods of that name.
    fn check_inherited_names(&mut self, file: FileId, index: usize, parent: model::ServiceRef) {
        let mut inherited: HashMap<String, (Span, String)> = HashMap::new();
        let mut current = Some(parent);
        // `extends` only reaches services defined earlier, so chains end;
        // the bound is a second line of defence.
        for _ in 0..10_000 {
            let Some(service) = current.and_then(|r| self.model.service(r)) else {
                break;
            };
            for f in &service.functions {
                inherited
                    .entry(f.name.clone())
                    .or_insert_with(|| (f.name_span, service.name.clone()));
            }
            current = service.extends;
        }
        let service = &self.model.files[file.index()].services[index];
        let clashes: Vec<Diagnostic> = service
            .functions
            .iter()
            .filter_map(|f| {
                let (span, owner) = inherited.get(&f.name)?;
                Some(
                    Diagnostic::error(
                        format!(
                            "function `{}` is already defined in parent service `{owner}`",
                            f.name
                        ),
                        f.name_span,
                        "defined again here",
                    )
                    .with_label(*span, "inherited from here"),
                )
            })
            .collect();
        self.diags.extend(clashes);
    }

    /// Pass 3 for a service: `extends` (which must already be defined) and
    /// argument defaults.
    pub(super) fn service_values(&mut self, file: FileId, index: usize, s: &ast::Service) {
        if let Some(parent) = &s.extends {
            let extends = if parent.name == s.name.name {
                self.error(Diagnostic::error(
                    format!("service `{}` cannot extend itself", s.name.name),
                    parent.span,
                    "extends itself",
                ));
                None
            } else {
                self.lookup_service(file, parent)
            };
            self.file_mut(file).services[index].extends = extends;
            if let Some(parent) = extends {
                self.check_inherited_names(file, index, parent);
            }
        }
        for f in &s.functions {
            for arg in &f.args {
                let Some(default) = &arg.default else {
                    continue;
                };
                let service = &self.model.files[file.index()].services[index];
                let Some(fi) = service.functions.iter().position(|m| m.span == f.span) else {
                    continue;
                };
                let Some(ai) = service.functions[fi]
                    .args
                    .iter()
                    .position(|m| m.span == arg.span)
                else {
                    continue;
                };
                let ty = service.functions[fi].args[ai].ty.clone();
                let value = self.eval(file, default, &ty);
                self.file_mut(file).services[index].functions[fi].args[ai].default = value;
            }
        }
    }
}
