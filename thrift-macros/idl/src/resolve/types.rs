//! Type names to [`Type`]s, typedef cycles, and how types read in messages.

use super::Resolver;
use crate::ast::{self, TypeKind};
use crate::diag::Diagnostic;
use crate::model::{DefKind, DefRef, ServiceRef, Type};
use crate::source::{FileId, Span};

/// Where a (possibly qualified) name points: which file's scope, and the
/// name inside it.
pub(super) enum Target<'n> {
    File(FileId, &'n str),
    /// The name uses a module prefix that is not a direct include.
    UnknownModule(&'n str),
}

impl Resolver<'_> {
    pub(super) fn resolve_type(&mut self, file: FileId, ty: &ast::Type) -> Type {
        match &ty.kind {
            TypeKind::Base(base) => Type::Base(*base),
            TypeKind::List(elem) => Type::List(Box::new(self.resolve_type(file, elem))),
            TypeKind::Set(elem) => Type::Set(Box::new(self.resolve_type(file, elem))),
            TypeKind::Map(k, v) => Type::Map(
                Box::new(self.resolve_type(file, k)),
                Box::new(self.resolve_type(file, v)),
            ),
            TypeKind::Named(name) => match self.lookup_type(file, name, ty.span) {
                Some(def) => Type::Named(def),
                None => Type::Unresolved,
            },
        }
    }

    /// `Name` in this file, or `module.Name` in a direct include.
    pub(super) fn target<'n>(&self, file: FileId, name: &'n str) -> Target<'n> {
        match name.split_once('.') {
            None => Target::File(file, name),
            Some((module, rest)) => match self.scopes[file.index()].includes.get(module) {
                Some(&included) => Target::File(included, rest),
                None => Target::UnknownModule(module),
            },
        }
    }

    fn lookup_type(&mut self, file: FileId, name: &str, span: Span) -> Option<DefRef> {
        let (scope_file, local) = match self.target(file, name) {
            Target::File(f, local) => (f, local),
            Target::UnknownModule(module) => {
                self.error(
                    Diagnostic::error(format!("unknown type `{name}`"), span, "not defined")
                        .with_note(format!("no included file is named `{module}`")),
                );
                return None;
            }
        };
        let scope = &self.scopes[scope_file.index()];
        if let Some((def, _)) = scope.types.get(local) {
            return Some(*def);
        }
        let diagnostic = if scope.services.contains_key(local) {
            Diagnostic::error(
                format!("`{name}` is a service, not a type"),
                span,
                "expected a type",
            )
        } else {
            Diagnostic::error(format!("unknown type `{name}`"), span, "not defined")
        };
        self.error(diagnostic);
        None
    }

    /// `Name` or `module.Name` as a service; `visible` demands that it was
    /// defined earlier, as Apache resolves `extends` while parsing.
    pub(super) fn lookup_service(&mut self, file: FileId, name: &ast::Ident) -> Option<ServiceRef> {
        let (scope_file, local) = match self.target(file, &name.name) {
            Target::File(f, local) => (f, local),
            Target::UnknownModule(module) => {
                self.error(
                    Diagnostic::error(
                        format!("unknown service `{}`", name.name),
                        name.span,
                        "not defined",
                    )
                    .with_note(format!("no included file is named `{module}`")),
                );
                return None;
            }
        };
        let scope = &self.scopes[scope_file.index()];
        match scope.services.get(local) {
            Some(&(index, _)) if scope.service_visible[index] => Some(ServiceRef {
                file: scope_file,
                index,
            }),
            Some(&(_, defined)) => {
                self.error(
                    Diagnostic::error(
                        format!("service `{}` is extended before it is defined", name.name),
                        name.span,
                        "used here",
                    )
                    .with_label(defined, "defined later here")
                    .with_note("a service must be defined before a service extends it"),
                );
                None
            }
            None => {
                let label = if scope.types.contains_key(local) {
                    "this is a type, not a service"
                } else {
                    "not defined"
                };
                self.error(Diagnostic::error(
                    format!("unknown service `{}`", name.name),
                    name.span,
                    label,
                ));
                None
            }
        }
    }

    /// Reports each typedef that (indirectly) refers to itself and cuts the
    /// cycle, so that following typedef chains always ends. Cycles can only
    /// be local: includes are resolved first and cannot include back.
    pub(super) fn check_typedef_cycles(&mut self, file: FileId) {
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let count = self.model.files[file.index()].typedefs.len();
        let mut state = vec![0u8; count];
        for start in 0..count {
            let mut path = Vec::new();
            let mut current = start;
            let cycle_at = loop {
                match state[current] {
                    ON_PATH => break Some(current),
                    DONE => break None,
                    _ => {}
                }
                state[current] = ON_PATH;
                path.push(current);
                match self.model.files[file.index()].typedefs[current].ty {
                    Type::Named(next) if next.kind == DefKind::Typedef && next.file == file => {
                        current = next.index;
                    }
                    _ => break None,
                }
            };
            if let Some(index) = cycle_at {
                let typedef = &mut self.model.files[file.index()].typedefs[index];
                typedef.ty = Type::Unresolved;
                let (name, span) = (typedef.name.clone(), typedef.name_span);
                self.error(Diagnostic::error(
                    format!("typedef `{name}` refers to itself"),
                    span,
                    "cyclic typedef",
                ));
            }
            for index in path {
                state[index] = DONE;
            }
        }
    }

    /// The type behind typedefs, owned (the model is being mutated around it).
    pub(super) fn true_type(&self, ty: &Type) -> Type {
        self.model.true_type(ty).clone()
    }

    /// How a type reads in a message, qualified when it lives in another file.
    pub(super) fn type_name(&self, from: FileId, ty: &Type) -> String {
        match ty {
            Type::Base(base) => base.name().to_string(),
            Type::List(e) => format!("list<{}>", self.type_name(from, e)),
            Type::Set(e) => format!("set<{}>", self.type_name(from, e)),
            Type::Map(k, v) => format!(
                "map<{}, {}>",
                self.type_name(from, k),
                self.type_name(from, v)
            ),
            Type::Named(def) => {
                let name = self.model.def_name(*def).unwrap_or("?");
                if def.file == from {
                    name.to_string()
                } else {
                    let module = &self.model.files[def.file.index()].module;
                    format!("{module}.{name}")
                }
            }
            Type::Unresolved => "{unknown}".to_string(),
        }
    }
}
