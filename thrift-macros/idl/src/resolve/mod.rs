//! Syntax trees to [`Model`]: name resolution across includes, evaluation of
//! constants, and Apache's semantic checks.
//!
//! Files are resolved includes-first, each in three passes, mirroring what
//! Apache's compiler allows:
//! 1. declare every definition (types may be used before they are defined);
//! 2. resolve types: typedefs (with cycle detection), fields, functions,
//!    enum values;
//! 3. in source order, evaluate constants and default values and resolve
//!    `extends`: like Apache, which resolves these while parsing, a constant,
//!    enum value or service must be defined before it is referred to.

mod fields;
mod types;
mod values;

use std::collections::{HashMap, HashSet};

use crate::ast::{self, Definition};
use crate::diag::Diagnostic;
use crate::model::{self, DefKind, DefRef, Model};
use crate::source::{FileId, Span};

/// One parsed file, ready to resolve.
pub(crate) struct Unit {
    pub file: FileId,
    pub document: ast::Document,
    pub includes: Vec<model::Include>,
}

/// What one file makes visible, by name.
#[derive(Default)]
struct Scope {
    types: HashMap<String, (DefRef, Span)>,
    services: HashMap<String, (usize, Span)>,
    consts: HashMap<String, (usize, Span)>,
    includes: HashMap<String, FileId>,
    /// Per const / enum / service index: has pass 3 reached it yet?
    const_visible: Vec<bool>,
    enum_visible: Vec<bool>,
    service_visible: Vec<bool>,
    /// Types pass 3 has passed: only those may type a constant or default.
    defined: HashSet<DefRef>,
}

impl Scope {
    fn all_visible(&mut self) {
        self.const_visible.iter_mut().for_each(|v| *v = true);
        self.enum_visible.iter_mut().for_each(|v| *v = true);
        self.service_visible.iter_mut().for_each(|v| *v = true);
    }
}

struct Resolver<'a> {
    model: &'a mut Model,
    scopes: Vec<Scope>,
    diags: &'a mut Vec<Diagnostic>,
}

/// Resolves `units` (ordered so that every include comes before its
/// includers) into `model`, whose files must already exist.
pub(crate) fn resolve(model: &mut Model, units: &[Unit], diags: &mut Vec<Diagnostic>) {
    let scopes = (0..model.files.len()).map(|_| Scope::default()).collect();
    let mut resolver = Resolver {
        model,
        scopes,
        diags,
    };
    for unit in units {
        resolver.file(unit);
        resolver.scopes[unit.file.index()].all_visible();
    }
}

/// Where each AST definition went in the model (`None` for duplicates and
/// invalid names, which are reported and left out).
type Slots = Vec<Option<usize>>;

impl Resolver<'_> {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    fn file_mut(&mut self, file: FileId) -> &mut model::File {
        &mut self.model.files[file.index()]
    }

    fn file(&mut self, unit: &Unit) {
        let id = unit.file;
        self.headers(unit);
        let slots = self.declare(unit);
        self.resolve_types(id, &unit.document.definitions, &slots);
        self.resolve_values(id, &unit.document.definitions, &slots);
    }

    fn headers(&mut self, unit: &Unit) {
        let scope = &mut self.scopes[unit.file.index()];
        for include in &unit.includes {
            scope.includes.insert(include.module.clone(), include.file);
        }
        let file = &mut self.model.files[unit.file.index()];
        file.includes = unit.includes.clone();
        for header in &unit.document.headers {
            match header {
                ast::Header::Include(_) => {}
                ast::Header::CppInclude(lit) => file.cpp_includes.push(lit.value.clone()),
                ast::Header::Namespace(ns) => file.namespaces.push(model::Namespace {
                    scope: ns.scope.name.clone(),
                    name: ns.name.name.clone(),
                    annotations: annotations(&ns.annotations),
                    span: ns.span,
                }),
            }
        }
    }

    /// Names must be plain: Apache rejects a `.` in any defined name.
    fn check_simple_name(&mut self, name: &ast::Ident) -> bool {
        if name.name.contains('.') {
            self.error(Diagnostic::error(
                format!("`{}` cannot be used as a name", name.name),
                name.span,
                "names cannot contain `.`",
            ));
            return false;
        }
        true
    }

    /// Pass 1: one model entry per (unique, valid) definition.
    fn declare(&mut self, unit: &Unit) -> Slots {
        let id = unit.file;
        let mut slots = Vec::with_capacity(unit.document.definitions.len());
        for def in &unit.document.definitions {
            let name = def.name();
            if !self.check_simple_name(name) {
                slots.push(None);
                continue;
            }
            let scope = &self.scopes[id.index()];
            let previous = match def {
                Definition::Const(_) => scope.consts.get(&name.name).map(|c| c.1),
                _ => scope
                    .types
                    .get(&name.name)
                    .map(|t| t.1)
                    .or_else(|| scope.services.get(&name.name).map(|s| s.1)),
            };
            if let Some(first) = previous {
                let what = if matches!(def, Definition::Const(_)) {
                    "constant"
                } else {
                    "type"
                };
                self.error(Diagnostic::duplicate(
                    format!("the {what} `{}` is defined more than once", name.name),
                    name.span,
                    first,
                ));
                slots.push(None);
                continue;
            }
            slots.push(Some(self.add_placeholder(id, def)));
        }
        slots
    }

    fn add_placeholder(&mut self, id: FileId, def: &Definition) -> usize {
        let scope = &mut self.scopes[id.index()];
        let file = &mut self.model.files[id.index()];
        let name = def.name().name.clone();
        let span = def.name().span;
        match def {
            Definition::Const(c) => {
                file.consts.push(model::Const {
                    name: name.clone(),
                    ty: model::Type::Unresolved,
                    value: None,
                    doc: c.doc.clone(),
                    span: c.span,
                    name_span: span,
                });
                scope.const_visible.push(false);
                let index = file.consts.len() - 1;
                scope.consts.insert(name, (index, span));
                index
            }
            Definition::Typedef(t) => {
                file.typedefs.push(model::Typedef {
                    name: name.clone(),
                    ty: model::Type::Unresolved,
                    type_annotations: annotations(&t.ty.annotations),
                    annotations: annotations(&t.annotations),
                    doc: t.doc.clone(),
                    span: t.span,
                    name_span: span,
                });
                let index = file.typedefs.len() - 1;
                let def = DefRef {
                    file: id,
                    kind: DefKind::Typedef,
                    index,
                };
                scope.types.insert(name, (def, span));
                index
            }
            Definition::Enum(e) => {
                file.enums.push(model::Enum {
                    name: name.clone(),
                    values: Vec::new(),
                    annotations: annotations(&e.annotations),
                    doc: e.doc.clone(),
                    span: e.span,
                    name_span: span,
                });
                scope.enum_visible.push(false);
                let index = file.enums.len() - 1;
                let def = DefRef {
                    file: id,
                    kind: DefKind::Enum,
                    index,
                };
                scope.types.insert(name, (def, span));
                index
            }
            Definition::Struct(s) => {
                file.structs.push(model::Struct {
                    name: name.clone(),
                    kind: s.kind,
                    fields: Vec::new(),
                    annotations: annotations(&s.annotations),
                    doc: s.doc.clone(),
                    span: s.span,
                    name_span: span,
                });
                let index = file.structs.len() - 1;
                let kind = match s.kind {
                    ast::StructKind::Struct => DefKind::Struct,
                    ast::StructKind::Union => DefKind::Union,
                    ast::StructKind::Exception => DefKind::Exception,
                };
                let def = DefRef {
                    file: id,
                    kind,
                    index,
                };
                scope.types.insert(name, (def, span));
                index
            }
            Definition::Service(s) => {
                file.services.push(model::Service {
                    name: name.clone(),
                    extends: None,
                    functions: Vec::new(),
                    annotations: annotations(&s.annotations),
                    doc: s.doc.clone(),
                    span: s.span,
                    name_span: span,
                });
                scope.service_visible.push(false);
                let index = file.services.len() - 1;
                scope.services.insert(name, (index, span));
                index
            }
        }
    }

    /// Pass 2: every type, in any order (types may be forward references).
    fn resolve_types(&mut self, id: FileId, defs: &[Definition], slots: &Slots) {
        // Typedefs first, so that later passes can follow them.
        for (def, slot) in defs.iter().zip(slots) {
            if let (Definition::Typedef(t), Some(index)) = (def, slot) {
                let ty = self.resolve_type(id, &t.ty);
                self.file_mut(id).typedefs[*index].ty = ty;
            }
        }
        self.check_typedef_cycles(id);
        for (def, slot) in defs.iter().zip(slots) {
            let Some(index) = *slot else { continue };
            match def {
                Definition::Const(c) => {
                    let ty = self.resolve_type(id, &c.ty);
                    self.file_mut(id).consts[index].ty = ty;
                }
                Definition::Enum(e) => self.enum_values(id, index, e),
                Definition::Struct(s) => self.struct_fields(id, index, s),
                Definition::Service(s) => self.service_functions(id, index, s),
                Definition::Typedef(_) => {}
            }
        }
    }

    /// Pass 3: values and `extends`, in source order.
    fn resolve_values(&mut self, id: FileId, defs: &[Definition], slots: &Slots) {
        for (def, slot) in defs.iter().zip(slots) {
            let Some(index) = *slot else { continue };
            let kind = match def {
                Definition::Const(c) => {
                    let ty = self.model.files[id.index()].consts[index].ty.clone();
                    let value = self.eval(id, &c.value, &ty);
                    self.file_mut(id).consts[index].value = value;
                    self.scopes[id.index()].const_visible[index] = true;
                    continue;
                }
                Definition::Service(s) => {
                    self.service_values(id, index, s);
                    self.scopes[id.index()].service_visible[index] = true;
                    continue;
                }
                Definition::Enum(_) => {
                    self.scopes[id.index()].enum_visible[index] = true;
                    DefKind::Enum
                }
                Definition::Struct(s) => {
                    self.field_defaults(id, index, s);
                    match s.kind {
                        ast::StructKind::Struct => DefKind::Struct,
                        ast::StructKind::Union => DefKind::Union,
                        ast::StructKind::Exception => DefKind::Exception,
                    }
                }
                Definition::Typedef(_) => DefKind::Typedef,
            };
            self.scopes[id.index()].defined.insert(DefRef {
                file: id,
                kind,
                index,
            });
        }
    }

    /// Apache evaluates constants and defaults while parsing, so a named
    /// type that a value has to be checked against (directly or through
    /// typedefs) must be defined before the value; types from includes
    /// always are. An empty list of a later type needs no check, and passes.
    pub(super) fn value_type_ready(&mut self, file: FileId, ty: &model::Type, span: Span) -> bool {
        let mut ty = ty;
        // Typedef chains are acyclic (cycles were cut) and no longer than
        // the number of typedefs.
        for _ in 0..=self.model.files[file.index()].typedefs.len() {
            let model::Type::Named(def) = ty else {
                return true;
            };
            if def.file == file && !self.scopes[file.index()].defined.contains(def) {
                let name = self.model.def_name(*def).unwrap_or("?").to_string();
                let defined_at = match def.kind {
                    DefKind::Typedef => self.model.typedef(*def).map(|t| t.name_span),
                    DefKind::Enum => self.model.enum_def(*def).map(|e| e.name_span),
                    _ => self.model.struct_def(*def).map(|s| s.name_span),
                };
                let mut diagnostic = Diagnostic::error(
                    format!("type `{name}` is used for a value before it is defined"),
                    span,
                    format!("this value is a `{name}`"),
                )
                .with_note(
                    "values are checked where they appear, so their types must be defined earlier",
                );
                if let Some(at) = defined_at {
                    diagnostic = diagnostic.with_label(at, "defined later here");
                }
                self.diags.push(diagnostic);
                return false;
            }
            match self.model.typedef(*def) {
                Some(typedef) => ty = &typedef.ty,
                None => return true,
            }
        }
        true
    }
}

pub(crate) fn annotations(list: &[ast::Annotation]) -> Vec<model::Annotation> {
    list.iter()
        .map(|a| model::Annotation {
            key: a.key.name.clone(),
            value: a.value.value.clone(),
            span: a.span,
        })
        .collect()
}
