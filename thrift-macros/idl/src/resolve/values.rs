//! Constant and default values: evaluation against the declared type, and
//! references to other constants and enum values.

use super::types::Target;
use super::Resolver;
use crate::ast::{BaseType, ConstKind, ConstValue};
use crate::diag::Diagnostic;
use crate::model::{DefKind, DefRef, Type, Value};
use crate::source::{FileId, Span};

/// Why a reference to a constant did not resolve.
enum Lookup {
    NotFound,
    /// Defined, but later in the file: Apache resolves values while parsing.
    DefinedLater(Span),
    UnknownModule(String),
    /// The referenced constant is itself in error (already reported).
    Broken,
}

impl Resolver<'_> {
    /// Evaluates `value` as a `ty`, reporting every mismatch it finds.
    pub(super) fn eval(&mut self, file: FileId, value: &ConstValue, ty: &Type) -> Option<Value> {
        if !self.value_type_ready(file, ty, value.span) {
            return None;
        }
        let target = self.true_type(ty);
        match (&value.kind, &target) {
            (_, Type::Unresolved) => None,
            (ConstKind::Ident(name), Type::Named(def))
                if matches!(
                    def.kind,
                    DefKind::Struct | DefKind::Union | DefKind::Exception
                ) =>
            {
                // Apache cannot use another constant as a struct value.
                let ty_name = self.type_name(file, &target);
                self.error(Diagnostic::error(
                    format!("expected a map literal for `{ty_name}`, found constant `{name}`"),
                    value.span,
                    "struct values must be written out",
                ));
                None
            }
            (ConstKind::Ident(name), _) => self.eval_reference(file, name, value.span, &target),
            (ConstKind::Int(i), Type::Base(base)) if base.is_numeric_or_bool() => {
                let coerced = coerce_int(*i, *base);
                if coerced.is_none() {
                    self.error(Diagnostic::error(
                        format!("integer `{i}` is out of range for `{}`", base.name()),
                        value.span,
                        range_hint(*base),
                    ));
                }
                coerced
            }
            (ConstKind::Double(d), Type::Base(BaseType::Double)) => Some(Value::Double(*d)),
            (ConstKind::Str(s), Type::Base(BaseType::String | BaseType::Binary)) => {
                Some(Value::String(s.clone()))
            }
            (ConstKind::Str(s), Type::Base(BaseType::Uuid)) => {
                if is_uuid(s) {
                    Some(Value::String(s.clone()))
                } else {
                    self.error(Diagnostic::error(
                        format!("`{s}` is not a valid UUID"),
                        value.span,
                        "expected the form 00000000-0000-0000-0000-000000000000",
                    ));
                    None
                }
            }
            (ConstKind::Int(i), Type::Named(def)) if def.kind == DefKind::Enum => {
                let found = self.enum_value_by_number(*def, *i);
                if found.is_none() {
                    let name = self.type_name(file, &target);
                    self.error(Diagnostic::error(
                        format!("`{i}` is not a value of enum `{name}`"),
                        value.span,
                        "no enum value has this number",
                    ));
                }
                found
            }
            (ConstKind::List(items), Type::List(elem) | Type::Set(elem)) => {
                let mut out = Some(Vec::with_capacity(items.len()));
                for item in items {
                    let v = self.eval(file, item, elem);
                    out = out.zip(v).map(|(mut list, v)| {
                        list.push(v);
                        list
                    });
                }
                if matches!(target, Type::Set(_)) {
                    out.map(Value::Set)
                } else {
                    out.map(Value::List)
                }
            }
            (ConstKind::Map(entries), Type::Map(k, v)) => {
                let mut out = Some(Vec::with_capacity(entries.len()));
                for (key, val) in entries {
                    let key = self.eval(file, key, k);
                    let val = self.eval(file, val, v);
                    out = out.zip(key.zip(val)).map(|(mut map, entry)| {
                        map.push(entry);
                        map
                    });
                }
                out.map(Value::Map)
            }
            (ConstKind::Map(entries), Type::Named(def))
                if matches!(
                    def.kind,
                    DefKind::Struct | DefKind::Union | DefKind::Exception
                ) =>
            {
                self.eval_struct(file, *def, entries)
            }
            (kind, _) => {
                let name = self.type_name(file, &target);
                self.error(Diagnostic::error(
                    format!(
                        "mismatched types: expected `{name}`, found {}",
                        describe(kind)
                    ),
                    value.span,
                    format!("expected `{name}`"),
                ));
                None
            }
        }
    }

    fn eval_struct(
        &mut self,
        file: FileId,
        def: DefRef,
        entries: &[(ConstValue, ConstValue)],
    ) -> Option<Value> {
        let mut out = Some(Vec::with_capacity(entries.len()));
        for (key, val) in entries {
            let ConstKind::Str(field_name) = &key.kind else {
                self.error(Diagnostic::error(
                    "field names in a struct constant must be string literals",
                    key.span,
                    "expected a field name in quotes",
                ));
                out = None;
                continue;
            };
            let strukt = self.model.struct_def(def)?;
            let Some(index) = strukt.fields.iter().position(|f| &f.name == field_name) else {
                let name = self.type_name(file, &Type::Named(def));
                self.error(Diagnostic::error(
                    format!("`{name}` has no field named `{field_name}`"),
                    key.span,
                    "unknown field",
                ));
                out = None;
                continue;
            };
            let ty = strukt.fields[index].ty.clone();
            let v = self.eval(file, val, &ty);
            out = out.zip(v).map(|(mut fields, v)| {
                fields.push((index, v));
                fields
            });
        }
        out.map(|fields| Value::Struct { def, fields })
    }

    fn enum_value_by_number(&self, def: DefRef, number: i64) -> Option<Value> {
        let e = self.model.enum_def(def)?;
        let index = e.values.iter().position(|v| i64::from(v.value) == number)?;
        Some(Value::Enum {
            def,
            index,
            value: e.values[index].value,
        })
    }

    fn eval_reference(
        &mut self,
        file: FileId,
        name: &str,
        span: Span,
        target: &Type,
    ) -> Option<Value> {
        let (value, ty, is_enum_value) = match self.lookup_value(file, name) {
            Ok(found) => found,
            Err(Lookup::Broken) => return None,
            Err(Lookup::DefinedLater(defined)) => {
                self.error(
                    Diagnostic::error(
                        format!("`{name}` is used before it is defined"),
                        span,
                        "used here",
                    )
                    .with_label(defined, "defined later here")
                    .with_note("constants and enums must be defined before a value refers to them"),
                );
                return None;
            }
            Err(Lookup::UnknownModule(module)) => {
                self.error(
                    Diagnostic::error(format!("unknown constant `{name}`"), span, "not defined")
                        .with_note(format!("no included file is named `{module}`")),
                );
                return None;
            }
            Err(Lookup::NotFound) => {
                // Apache's "identifier X is unqualified!": enum values need their enum.
                if let Type::Named(def) = target {
                    if let Some(e) = self.model.enum_def(*def) {
                        if e.values.iter().any(|v| v.name == name) {
                            let qualified = format!("{}.{name}", self.type_name(file, target));
                            self.error(Diagnostic::error(
                                format!("enum value `{name}` must be qualified"),
                                span,
                                format!("write `{qualified}`"),
                            ));
                            return None;
                        }
                    }
                }
                self.error(Diagnostic::error(
                    format!("unknown constant `{name}`"),
                    span,
                    "no constant or enum value has this name",
                ));
                return None;
            }
        };
        if let (Type::Named(def), false) = (target, is_enum_value) {
            if def.kind == DefKind::Enum {
                // Apache: a value of an enum type must name an enum value.
                let enum_name = self.type_name(file, target);
                self.error(Diagnostic::error(
                    format!("expected a value of enum `{enum_name}`, found constant `{name}`"),
                    span,
                    format!("write the enum value itself, like `{enum_name}.VALUE`"),
                ));
                return None;
            }
        }
        let coerced = self.coerce(value, target);
        if coerced.is_none() {
            let expected = self.type_name(file, target);
            let found = self.type_name(file, &ty);
            self.error(Diagnostic::error(
                format!(
                    "mismatched types: expected `{expected}`, found `{name}` of type `{found}`"
                ),
                span,
                format!("expected `{expected}`"),
            ));
        }
        coerced
    }

    /// `A`, `Enum.VALUE`, `module.A` or `module.Enum.VALUE`.
    /// Also says whether the name was an enum value rather than a constant.
    fn lookup_value(&self, file: FileId, name: &str) -> Result<(Value, Type, bool), Lookup> {
        if let Some((first, rest)) = name.split_once('.') {
            // A local enum wins over a module of the same name.
            if let Some((def, _)) = self.scopes[file.index()].types.get(first) {
                if def.kind == DefKind::Enum && !rest.contains('.') {
                    return self.enum_value(*def, rest);
                }
            }
        }
        match self.target(file, name) {
            Target::UnknownModule(module) => Err(Lookup::UnknownModule(module.to_string())),
            Target::File(in_file, local) => match local.split_once('.') {
                Some((enum_name, value)) => {
                    match self.scopes[in_file.index()].types.get(enum_name) {
                        Some((def, _)) if def.kind == DefKind::Enum => self.enum_value(*def, value),
                        _ => Err(Lookup::NotFound),
                    }
                }
                None => {
                    let scope = &self.scopes[in_file.index()];
                    let &(index, span) = scope.consts.get(local).ok_or(Lookup::NotFound)?;
                    if !scope.const_visible[index] {
                        return Err(Lookup::DefinedLater(span));
                    }
                    let c = &self.model.files[in_file.index()].consts[index];
                    let value = c.value.clone().ok_or(Lookup::Broken)?;
                    Ok((value, c.ty.clone(), false))
                }
            },
        }
    }

    fn enum_value(&self, def: DefRef, value_name: &str) -> Result<(Value, Type, bool), Lookup> {
        if !self.scopes[def.file.index()].enum_visible[def.index] {
            let span = self.model.enum_def(def).map(|e| e.span).unwrap_or_default();
            return Err(Lookup::DefinedLater(span));
        }
        let e = self.model.enum_def(def).ok_or(Lookup::NotFound)?;
        let index = e
            .values
            .iter()
            .position(|v| v.name == value_name)
            .ok_or(Lookup::NotFound)?;
        let value = Value::Enum {
            def,
            index,
            value: e.values[index].value,
        };
        Ok((value, Type::Named(def), true))
    }

    /// Converts an already evaluated value (of a referenced constant) to
    /// another type where Apache allows it: integers between integer types
    /// (range-checked), integers to double, enum values to integers.
    fn coerce(&self, value: Value, target: &Type) -> Option<Value> {
        let target = self.true_type(target);
        match (value, &target) {
            (Value::Int(i), Type::Base(base)) => coerce_int(i, *base),
            (Value::Bool(b), Type::Base(base)) => coerce_int(i64::from(b), *base),
            (Value::Enum { value, .. }, Type::Base(base)) if base.is_integer() => {
                coerce_int(i64::from(value), *base)
            }
            (Value::Double(d), Type::Base(BaseType::Double)) => Some(Value::Double(d)),
            (Value::String(s), Type::Base(BaseType::String | BaseType::Binary)) => {
                Some(Value::String(s))
            }
            (Value::String(s), Type::Base(BaseType::Uuid)) if is_uuid(&s) => Some(Value::String(s)),
            (v @ Value::Enum { def, .. }, Type::Named(to)) if def == *to => Some(v),
            (Value::Int(i), Type::Named(to)) if to.kind == DefKind::Enum => {
                self.enum_value_by_number(*to, i)
            }
            (Value::List(items) | Value::Set(items), Type::List(elem) | Type::Set(elem)) => {
                let items: Option<Vec<Value>> =
                    items.into_iter().map(|v| self.coerce(v, elem)).collect();
                match target {
                    Type::Set(_) => items.map(Value::Set),
                    _ => items.map(Value::List),
                }
            }
            (Value::Map(entries), Type::Map(k, v)) => entries
                .into_iter()
                .map(|(key, val)| Some((self.coerce(key, k)?, self.coerce(val, v)?)))
                .collect::<Option<Vec<_>>>()
                .map(Value::Map),
            (v @ Value::Struct { def, .. }, Type::Named(to)) if def == *to => Some(v),
            _ => None,
        }
    }
}

impl BaseType {
    fn is_integer(self) -> bool {
        matches!(
            self,
            BaseType::I8 | BaseType::I16 | BaseType::I32 | BaseType::I64
        )
    }

    fn is_numeric_or_bool(self) -> bool {
        self.is_integer() || matches!(self, BaseType::Bool | BaseType::Double)
    }
}

/// An integer literal as a `base`, if it fits. Like Apache, `true`/`false`
/// are the integers 1 and 0; unlike Apache, values out of range are errors
/// rather than silently truncated by generated code.
fn coerce_int(i: i64, base: BaseType) -> Option<Value> {
    let fits = |min: i64, max: i64| (min..=max).contains(&i);
    match base {
        BaseType::Bool => fits(0, 1).then_some(Value::Bool(i == 1)),
        BaseType::I8 => fits(i8::MIN.into(), i8::MAX.into()).then_some(Value::Int(i)),
        BaseType::I16 => fits(i16::MIN.into(), i16::MAX.into()).then_some(Value::Int(i)),
        BaseType::I32 => fits(i32::MIN.into(), i32::MAX.into()).then_some(Value::Int(i)),
        BaseType::I64 => Some(Value::Int(i)),
        BaseType::Double => Some(Value::Double(i as f64)),
        BaseType::String | BaseType::Binary | BaseType::Uuid => None,
    }
}

fn range_hint(base: BaseType) -> String {
    match base {
        BaseType::Bool => "expected 0 or 1 (or `true`/`false`)".to_string(),
        BaseType::I8 => format!("expected a value between {} and {}", i8::MIN, i8::MAX),
        BaseType::I16 => format!("expected a value between {} and {}", i16::MIN, i16::MAX),
        BaseType::I32 => format!("expected a value between {} and {}", i32::MIN, i32::MAX),
        _ => String::new(),
    }
}

fn describe(kind: &ConstKind) -> &'static str {
    match kind {
        ConstKind::Int(_) => "an integer",
        ConstKind::Double(_) => "a floating-point number",
        ConstKind::Str(_) => "a string literal",
        ConstKind::Ident(_) => "a constant",
        ConstKind::List(_) => "a list",
        ConstKind::Map(_) => "a map",
    }
}

/// `8-4-4-4-12` hex digits, optionally in braces, as Apache accepts.
fn is_uuid(s: &str) -> bool {
    let s = s
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(s);
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}
