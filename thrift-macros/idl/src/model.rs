//! The resolved model: what code generation works from.
//!
//! Every name is resolved to the definition it means (file and index), every
//! constant is evaluated against its declared type, and every implicit thing
//! Apache's compiler fills in (field ids, enum values, union requiredness) is
//! filled in the same way. When there were errors the model is still built
//! from whatever resolved, with [`Type::Unresolved`] where a type could not
//! be, so that a caller can emit a skeleton and avoid cascading errors.

use std::path::PathBuf;

pub use crate::ast::{BaseType, Requiredness, StructKind};
use crate::source::{FileId, Span};

/// All files of one load: the root (always [`FileId`] 0) and its includes.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub files: Vec<File>,
}

/// One `.thrift` file, seen as a module named after its file stem: that is
/// how other files refer to its definitions (`shared.Thing`).
#[derive(Clone, Debug, Default)]
pub struct File {
    pub id: FileId,
    /// Path as given or joined (relative paths stay relative).
    pub path: PathBuf,
    pub absolute_path: PathBuf,
    /// The file stem, the prefix other files use for its definitions.
    pub module: String,
    pub includes: Vec<Include>,
    pub cpp_includes: Vec<String>,
    pub namespaces: Vec<Namespace>,
    pub typedefs: Vec<Typedef>,
    pub enums: Vec<Enum>,
    pub consts: Vec<Const>,
    pub structs: Vec<Struct>,
    pub services: Vec<Service>,
}

/// An `include` of this file, resolved to the file it loaded.
#[derive(Clone, Debug)]
pub struct Include {
    /// The module name the including file uses for it.
    pub module: String,
    pub file: FileId,
    pub span: Span,
}

/// `namespace <scope> <name>`: which module path a language should use.
#[derive(Clone, Debug)]
pub struct Namespace {
    /// Language scope, or `*`.
    pub scope: String,
    pub name: String,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// `key = "value"` on a definition, field, type or namespace.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub key: String,
    /// `"1"` for a bare flag, as in Apache.
    pub value: String,
    pub span: Span,
}

/// Which list of a [`File`] a [`DefRef`] indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DefKind {
    /// Indexes [`File::structs`]; so do `Union` and `Exception`.
    Struct,
    Union,
    Exception,
    /// Indexes [`File::enums`].
    Enum,
    /// Indexes [`File::typedefs`].
    Typedef,
}

/// A named type: which file defines it, what kind it is, and where it sits
/// in that file's list for its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DefRef {
    pub file: FileId,
    pub kind: DefKind,
    pub index: usize,
}

/// A service, by defining file and index in [`File::services`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServiceRef {
    pub file: FileId,
    pub index: usize,
}

/// A resolved type.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    Base(BaseType),
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>, Box<Type>),
    /// A struct, union, exception, enum or typedef. A typedef stays a
    /// typedef here (generated code may want the alias); follow it with
    /// [`Model::true_type`].
    Named(DefRef),
    /// The type could not be resolved; only present when there are errors.
    Unresolved,
}

/// A `typedef`.
#[derive(Clone, Debug)]
pub struct Typedef {
    pub name: String,
    pub ty: Type,
    /// Annotations written on the type itself, as in
    /// `binary (rust.type = "Bytes")`: they describe the representation.
    pub type_annotations: Vec<Annotation>,
    pub annotations: Vec<Annotation>,
    pub doc: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// Just the name, for diagnostics about it.
    pub name_span: Span,
}

/// An `enum`.
#[derive(Clone, Debug)]
pub struct Enum {
    pub name: String,
    pub values: Vec<EnumValue>,
    pub annotations: Vec<Annotation>,
    pub doc: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// Just the name, for diagnostics about it.
    pub name_span: Span,
}

/// One value of an enum.
#[derive(Clone, Debug)]
pub struct EnumValue {
    pub name: String,
    /// Explicit, or one more than the previous value (starting at 0).
    pub value: i32,
    pub annotations: Vec<Annotation>,
    pub doc: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// Just the name, for diagnostics about it.
    pub name_span: Span,
}

/// A `const`, with its value fully evaluated.
#[derive(Clone, Debug)]
pub struct Const {
    pub name: String,
    pub ty: Type,
    /// Fully evaluated against `ty`; `None` only when there are errors.
    pub value: Option<Value>,
    pub doc: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// Just the name, for diagnostics about it.
    pub name_span: Span,
}

/// A constant or default value, already converted to the shape of its type:
/// an integer literal for a `double` is a `Double`, `true` for a `bool` is a
/// `Bool`, a map literal for a struct is a `Struct`, and references to other
/// constants are replaced by their values.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    /// Any of `i8`, `i16`, `i32`, `i64`, already range-checked.
    Int(i64),
    Double(f64),
    /// For `string`, `binary` and `uuid`.
    String(String),
    /// A value of an enum: the enum, the index of the value in
    /// [`Enum::values`], and its number.
    Enum {
        def: DefRef,
        index: usize,
        value: i32,
    },
    List(Vec<Value>),
    Set(Vec<Value>),
    Map(Vec<(Value, Value)>),
    /// A struct, union or exception literal: field index in
    /// [`Struct::fields`] and value, in the order written.
    Struct {
        def: DefRef,
        fields: Vec<(usize, Value)>,
    },
}

/// A `struct`, `union` or `exception`.
#[derive(Clone, Debug)]
pub struct Struct {
    pub name: String,
    pub kind: StructKind,
    pub fields: Vec<Field>,
    pub annotations: Vec<Annotation>,
    pub doc: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// Just the name, for diagnostics about it.
    pub name_span: Span,
}

/// A struct member, function argument or `throws` entry.
#[derive(Clone, Debug)]
pub struct Field {
    /// The explicit id, or Apache's implicit one (-1, -2, ... in order).
    pub id: i16,
    /// False when `id` was assigned implicitly.
    pub explicit_id: bool,
    pub name: String,
    /// For union members always `Optional` (as Apache forces it); in
    /// argument lists `optional` is ignored and gives `Default`.
    pub requiredness: Requiredness,
    pub ty: Type,
    pub default: Option<Value>,
    /// `&`: stored behind a pointer (needed for recursive types).
    pub reference: bool,
    /// Annotations written on the type itself, as in
    /// `binary (rust.type = "Bytes")`: they describe the representation.
    pub type_annotations: Vec<Annotation>,
    pub annotations: Vec<Annotation>,
    pub doc: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// Just the name, for diagnostics about it.
    pub name_span: Span,
}

/// A `service`.
#[derive(Clone, Debug)]
pub struct Service {
    pub name: String,
    pub extends: Option<ServiceRef>,
    pub functions: Vec<Function>,
    pub annotations: Vec<Annotation>,
    pub doc: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// Just the name, for diagnostics about it.
    pub name_span: Span,
}

/// A function of a service.
#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    /// A oneway function has no reply; Apache only warns when one declares
    /// a return type, and so do we: treat `returns` as void then.
    pub oneway: bool,
    /// `None` for `void`.
    pub returns: Option<Type>,
    pub args: Vec<Field>,
    /// Each of these has an exception type (checked).
    pub throws: Vec<Field>,
    pub annotations: Vec<Annotation>,
    pub doc: Option<String>,
    /// The whole definition.
    pub span: Span,
    /// Just the name, for diagnostics about it.
    pub name_span: Span,
}

impl Model {
    /// The file that was loaded (not an include).
    pub fn root(&self) -> Option<&File> {
        self.files.first()
    }

    /// The file with this id (ids come from spans and refs).
    pub fn file(&self, id: FileId) -> Option<&File> {
        self.files.get(id.index())
    }

    /// The struct, union or exception `def` points at.
    pub fn struct_def(&self, def: DefRef) -> Option<&Struct> {
        match def.kind {
            DefKind::Struct | DefKind::Union | DefKind::Exception => {
                self.file(def.file)?.structs.get(def.index)
            }
            _ => None,
        }
    }

    /// The enum `def` points at.
    pub fn enum_def(&self, def: DefRef) -> Option<&Enum> {
        match def.kind {
            DefKind::Enum => self.file(def.file)?.enums.get(def.index),
            _ => None,
        }
    }

    /// The typedef `def` points at; see also [`Model::true_type`].
    pub fn typedef(&self, def: DefRef) -> Option<&Typedef> {
        match def.kind {
            DefKind::Typedef => self.file(def.file)?.typedefs.get(def.index),
            _ => None,
        }
    }

    /// The service a `ServiceRef` (e.g. `extends`) points at.
    pub fn service(&self, service: ServiceRef) -> Option<&Service> {
        self.file(service.file)?.services.get(service.index)
    }

    /// The name of a named type as its own file spells it.
    pub fn def_name(&self, def: DefRef) -> Option<&str> {
        match def.kind {
            DefKind::Struct | DefKind::Union | DefKind::Exception => {
                self.struct_def(def).map(|s| s.name.as_str())
            }
            DefKind::Enum => self.enum_def(def).map(|e| e.name.as_str()),
            DefKind::Typedef => self.typedef(def).map(|t| t.name.as_str()),
        }
    }

    /// Follows typedef chains to the underlying type. Chains are finite:
    /// typedef cycles are reported and cut during resolution.
    pub fn true_type<'a>(&'a self, mut ty: &'a Type) -> &'a Type {
        // A chain can be no longer than the number of typedefs.
        let limit: usize = self.files.iter().map(|f| f.typedefs.len()).sum();
        for _ in 0..=limit {
            match ty {
                Type::Named(def) if def.kind == DefKind::Typedef => match self.typedef(*def) {
                    Some(typedef) => ty = &typedef.ty,
                    None => return &Type::Unresolved,
                },
                _ => return ty,
            }
        }
        &Type::Unresolved
    }
}
