//! The syntax tree of one IDL file, exactly as written.
//!
//! Nothing here is resolved: type names are strings, constant values are
//! literals. The resolver turns a set of these into a [`crate::model::Model`].
//! It is public so that tools (formatters, linters, a CLI) can work on the
//! syntax without the semantic rules.

use crate::source::Span;

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string literal with escapes already processed.
#[derive(Clone, Debug, PartialEq)]
pub struct StrLit {
    pub value: String,
    pub span: Span,
}

/// One file: headers first, then definitions, as Apache's grammar requires.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub headers: Vec<Header>,
    pub definitions: Vec<Definition>,
}

/// A header line; headers must precede all definitions.
#[derive(Clone, Debug, PartialEq)]
pub enum Header {
    Include(StrLit),
    CppInclude(StrLit),
    Namespace(Namespace),
}

/// `namespace <scope> <name>`; the scope is `*` for every language.
#[derive(Clone, Debug, PartialEq)]
pub struct Namespace {
    pub scope: Ident,
    pub name: Ident,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// `( key = "value", flag )`: a flag without value gets `"1"`, as in Apache.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub key: Ident,
    pub value: StrLit,
    pub span: Span,
}

/// A top-level definition.
#[derive(Clone, Debug, PartialEq)]
pub enum Definition {
    Const(Const),
    Typedef(Typedef),
    Enum(Enum),
    Struct(Struct),
    Service(Service),
}

impl Definition {
    /// The defined name, for duplicate checks and messages.
    pub fn name(&self) -> &Ident {
        match self {
            Definition::Const(d) => &d.name,
            Definition::Typedef(d) => &d.name,
            Definition::Enum(d) => &d.name,
            Definition::Struct(d) => &d.name,
            Definition::Service(d) => &d.name,
        }
    }
}

/// `const <type> NAME = <value>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Const {
    pub doc: Option<String>,
    pub ty: Type,
    pub name: Ident,
    pub value: ConstValue,
    pub span: Span,
}

/// `typedef <type> Name`: an alias that stays visible in the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Typedef {
    pub doc: Option<String>,
    pub ty: Type,
    pub name: Ident,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// `enum Name { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    pub doc: Option<String>,
    pub name: Ident,
    pub values: Vec<EnumValue>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// One enum value; its number may be implicit.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    pub doc: Option<String>,
    pub name: Ident,
    /// The explicit `= N`, if any (not yet range-checked).
    pub value: Option<IntLit>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// An integer literal with its span (field ids, enum values).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IntLit {
    pub value: i64,
    pub span: Span,
}

/// Which of the three struct-like definitions it is; they share a shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StructKind {
    Struct,
    Union,
    Exception,
}

impl StructKind {
    /// The keyword that introduces this kind, for messages.
    pub fn keyword(self) -> &'static str {
        match self {
            StructKind::Struct => "struct",
            StructKind::Union => "union",
            StructKind::Exception => "exception",
        }
    }
}

/// A `struct`, `union` or `exception`.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    pub doc: Option<String>,
    pub kind: StructKind,
    pub name: Ident,
    pub fields: Vec<Field>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// Whether a field must, may, or by default is written on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Requiredness {
    Required,
    Optional,
    /// Neither keyword: Apache's "opt-in, req-out".
    Default,
}

/// A member of a struct, an argument, or a `throws` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub doc: Option<String>,
    pub id: Option<IntLit>,
    pub requiredness: Requiredness,
    /// Span of the `required`/`optional` keyword, when written.
    pub requiredness_span: Option<Span>,
    pub ty: Type,
    /// `&`: the field is boxed/referenced rather than inline.
    pub reference: bool,
    pub name: Ident,
    pub default: Option<ConstValue>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// `service Name extends Parent { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub doc: Option<String>,
    pub name: Ident,
    pub extends: Option<Ident>,
    pub functions: Vec<Function>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// A service function.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub doc: Option<String>,
    /// Span of `oneway` (or the deprecated `async`), when written.
    pub oneway: Option<Span>,
    /// `None` for `void`.
    pub returns: Option<Type>,
    /// Span of the return type (or of `void`).
    pub returns_span: Span,
    pub name: Ident,
    pub args: Vec<Field>,
    pub throws: Vec<Field>,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// The built-in types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BaseType {
    Bool,
    /// `i8`, or its old name `byte`.
    I8,
    I16,
    I32,
    I64,
    Double,
    String,
    Binary,
    Uuid,
}

impl BaseType {
    /// The keyword, for messages.
    pub fn name(self) -> &'static str {
        match self {
            BaseType::Bool => "bool",
            BaseType::I8 => "i8",
            BaseType::I16 => "i16",
            BaseType::I32 => "i32",
            BaseType::I64 => "i64",
            BaseType::Double => "double",
            BaseType::String => "string",
            BaseType::Binary => "binary",
            BaseType::Uuid => "uuid",
        }
    }
}

/// A type as written, with any annotations on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Type {
    pub kind: TypeKind,
    pub annotations: Vec<Annotation>,
    pub span: Span,
}

/// The shape of a written type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Base(BaseType),
    /// A name, possibly qualified by an include (`shared.Thing`).
    Named(String),
    List(Box<Type>),
    Set(Box<Type>),
    Map(Box<Type>, Box<Type>),
}

/// A constant or default value as written.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstValue {
    pub kind: ConstKind,
    pub span: Span,
}

/// The literal forms a value can take.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstKind {
    /// Also `true` (1) and `false` (0), which Apache lexes as integers.
    Int(i64),
    Double(f64),
    Str(String),
    /// A reference to a constant or enum value: `A`, `Color.RED`,
    /// `shared.A`, `shared.Color.RED`.
    Ident(String),
    List(Vec<ConstValue>),
    Map(Vec<(ConstValue, ConstValue)>),
}
