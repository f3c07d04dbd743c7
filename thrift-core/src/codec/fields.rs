//! The encode side of generated structs, written once here instead of once per struct.
//!
//! A struct's `write` passes [`write_struct`] its fields as a tuple of references, each
//! marked [`always`] written or written only when set ([`if_set`]), with a table of their
//! names and ids. The per-field calls and their error checks are this module's generic code,
//! so a user crate type-checks one expression per struct instead of a statement per field.
//! Inlined, the result is the same sequence of writes.

use super::{write_field, ThriftType};
use crate::error::Result;
use crate::protocol::OutputProtocol;

/// A field of a struct being written.
pub trait FieldRef {
    /// Writes the field (header, value, end), or nothing for an unset optional field.
    fn write_field<P: OutputProtocol>(&self, p: &mut P, name: &'static str, id: i16) -> Result<()>;
}

/// A field that is always written (required, or with a default).
pub struct Always<'a, T>(&'a T);

/// An optional field: written only when set.
pub struct IfSet<'a, T>(&'a Option<T>);

/// Marks a field that is always written. The `ThriftType` bound sits here so that a field
/// type without a codec is reported at the field.
#[inline(always)]
pub fn always<T: ThriftType>(value: &T) -> Always<'_, T> {
    Always(value)
}

/// Marks an optional field, written only when set.
#[inline(always)]
pub fn if_set<T: ThriftType>(value: &Option<T>) -> IfSet<'_, T> {
    IfSet(value)
}

impl<T: ThriftType> FieldRef for Always<'_, T> {
    #[inline(always)]
    fn write_field<P: OutputProtocol>(&self, p: &mut P, name: &'static str, id: i16) -> Result<()> {
        write_field(p, name, id, self.0)
    }
}

impl<T: ThriftType> FieldRef for IfSet<'_, T> {
    #[inline(always)]
    fn write_field<P: OutputProtocol>(&self, p: &mut P, name: &'static str, id: i16) -> Result<()> {
        self.0.write_field(p, name, id)
    }
}

/// A struct's fields, in declaration order: a tuple of up to 15 [`FieldRef`]s, or 15 and
/// a nested tuple of the rest.
pub trait WriteFields {
    /// Writes every field; `fields` holds their names and ids, in the same order.
    fn write_fields<P: OutputProtocol>(
        &self,
        p: &mut P,
        fields: &'static [(&'static str, i16)],
    ) -> Result<()>;
}

/// Writes a struct: begin, each field of `values` (named and numbered by `fields`), stop,
/// end.
#[inline(always)]
pub fn write_struct<P: OutputProtocol, F: WriteFields>(
    p: &mut P,
    name: &'static str,
    fields: &'static [(&'static str, i16)],
    values: F,
) -> Result<()> {
    p.write_struct_begin(name)?;
    values.write_fields(p, fields)?;
    p.write_field_stop()?;
    p.write_struct_end()
}

impl WriteFields for () {
    #[inline(always)]
    fn write_fields<P: OutputProtocol>(
        &self,
        _: &mut P,
        _: &'static [(&'static str, i16)],
    ) -> Result<()> {
        Ok(())
    }
}

/// `WriteFields` for a tuple of `FieldRef`s: `write_fields!(A 0, B 1, ...)`.
macro_rules! write_fields {
    ($($ty:ident $index:tt),+) => {
        impl<$($ty: FieldRef),+> WriteFields for ($($ty,)+) {
            #[inline(always)]
            fn write_fields<P: OutputProtocol>(
                &self,
                p: &mut P,
                fields: &'static [(&'static str, i16)],
            ) -> Result<()> {
                $(
                    let (name, id) = fields[$index];
                    self.$index.write_field(p, name, id)?;
                )+
                Ok(())
            }
        }
    };
}

/// 15 fields, then the nested rest.
impl<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, Rest> WriteFields
    for (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, Rest)
where
    A: FieldRef,
    B: FieldRef,
    C: FieldRef,
    D: FieldRef,
    E: FieldRef,
    F: FieldRef,
    G: FieldRef,
    H: FieldRef,
    I: FieldRef,
    J: FieldRef,
    K: FieldRef,
    L: FieldRef,
    M: FieldRef,
    N: FieldRef,
    O: FieldRef,
    Rest: WriteFields,
{
    #[inline(always)]
    fn write_fields<P: OutputProtocol>(
        &self,
        p: &mut P,
        fields: &'static [(&'static str, i16)],
    ) -> Result<()> {
        let (head, rest) = fields.split_at(15);
        (
            &self.0, &self.1, &self.2, &self.3, &self.4, &self.5, &self.6, &self.7, &self.8,
            &self.9, &self.10, &self.11, &self.12, &self.13, &self.14,
        )
            .write_fields(p, head)?;
        self.15.write_fields(p, rest)
    }
}

/// An owned optional field, as in the result tuple a generated processor writes: written
/// only when set.
impl<T: ThriftType> FieldRef for Option<T> {
    #[inline(always)]
    fn write_field<P: OutputProtocol>(&self, p: &mut P, name: &'static str, id: i16) -> Result<()> {
        match self {
            Some(value) => write_field(p, name, id, value),
            None => Ok(()),
        }
    }
}

impl<F: WriteFields> WriteFields for &F {
    #[inline(always)]
    fn write_fields<P: OutputProtocol>(
        &self,
        p: &mut P,
        fields: &'static [(&'static str, i16)],
    ) -> Result<()> {
        (**self).write_fields(p, fields)
    }
}

impl<T: FieldRef> FieldRef for &T {
    #[inline(always)]
    fn write_field<P: OutputProtocol>(&self, p: &mut P, name: &'static str, id: i16) -> Result<()> {
        (**self).write_field(p, name, id)
    }
}

for_each_tuple_arity!(write_fields);
