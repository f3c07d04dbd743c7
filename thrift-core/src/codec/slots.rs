//! The decode loop of generated structs, written once here instead of once per struct.
//!
//! A struct's `read` hands [`read_struct`] a tuple of [`FieldSlot`]s, one per field, with a
//! map from field id to tuple index. A slot is either an `Option` the struct is built from
//! afterwards (`#[derive(ThriftStruct)]`, a call's arguments) or a reference to a field of a
//! value being decoded in place (`thrift!`'s structs, see [`in_place`](super::in_place)).
//! The loop, the per-field dispatch and the error context are this module's generic code, so
//! a user crate type-checks and borrow-checks a few lines per struct rather than a loop with
//! an arm per field (that loop was a fifth of `cargo check`'s work on a big IDL). Once
//! inlined, the two matches (id to index, index to slot) fold into one jump, as the
//! hand-written arms did.

use super::ThriftType;
use crate::error::{Error, Result};
use crate::protocol::{InputProtocol, TType};

/// Where one field of a struct being read goes.
pub trait FieldSlot {
    /// Decodes a value of wire type `ttype` into the slot, or skips it when `ttype` is not
    /// the slot type's.
    fn read_slot<P: InputProtocol>(&mut self, p: &mut P, ttype: TType) -> Result<()>;

    /// Settles the slot once the struct has been read: a field the input did not carry gets
    /// its absent value, which it already holds if the struct was `fresh` (its `Default`).
    /// Returns `false` for a missing field that is required.
    fn finish(&mut self, fresh: bool) -> bool;
}

/// A field decoded into an `Option`; absent is `None`, and the caller decides what that means.
impl<T: ThriftType> FieldSlot for Option<T> {
    #[inline(always)]
    fn read_slot<P: InputProtocol>(&mut self, p: &mut P, ttype: TType) -> Result<()> {
        read_into(p, ttype, self)
    }

    #[inline(always)]
    fn finish(&mut self, _: bool) -> bool {
        true
    }
}

/// A struct's fields decoded so far: a tuple of [`FieldSlot`]s, one per field, in
/// declaration order. Tuples of up to 15 slots implement it; a longer struct keeps 15 and
/// nests the rest in a 16th element, `(A, ..., O, (P, ...))`.
pub trait Slots {
    /// Decodes a value of wire type `ttype` into slot `index`, or skips it when `ttype` is
    /// not the slot type's.
    fn read_slot<P: InputProtocol>(&mut self, index: usize, p: &mut P, ttype: TType) -> Result<()>;

    /// Runs [`FieldSlot::finish`] on every slot; `Err` holds the index of the first
    /// required field that is missing.
    fn finish(&mut self, fresh: bool) -> Result<(), usize>;
}

/// Decodes a struct's fields into `slots`: `index_of` maps a field id to its slot (`None`
/// for ids the struct does not declare, which are skipped), and `fields` names each slot's
/// field for errors.
#[inline(always)]
pub fn read_struct<P: InputProtocol, S: Slots>(
    p: &mut P,
    slots: &mut S,
    strukt: &'static str,
    fields: &'static [&'static str],
    index_of: impl Fn(i16) -> Option<usize>,
) -> Result<()> {
    read_fields(p, slots, strukt, index_of, |index| {
        fields.get(index).copied()
    })
}

/// [`read_struct`] for a struct described by a [`FieldTable`](super::FieldTable): the id
/// lookup is a linear search, which costs nothing next to the call a table describes.
#[inline]
pub(crate) fn read_table<P: InputProtocol, S: Slots>(
    p: &mut P,
    slots: &mut S,
    strukt: &'static str,
    fields: &'static [(&'static str, i16)],
) -> Result<()> {
    read_fields(
        p,
        slots,
        strukt,
        |id| fields.iter().position(|&(_, field_id)| field_id == id),
        |index| fields.get(index).map(|&(name, _)| name),
    )
}

#[inline(always)]
pub(super) fn read_fields<P: InputProtocol, S: Slots>(
    p: &mut P,
    slots: &mut S,
    strukt: &'static str,
    index_of: impl Fn(i16) -> Option<usize>,
    name_of: impl Fn(usize) -> Option<&'static str>,
) -> Result<()> {
    p.read_struct_begin()?;
    loop {
        let field = p.read_field_begin()?;
        if field.ttype == TType::Stop {
            break;
        }
        match index_of(field.id) {
            Some(index) => {
                if let Err(e) = slots.read_slot(index, p, field.ttype) {
                    return Err(in_field(e, strukt, name_of(index), field.id));
                }
            }
            None => p.skip(field.ttype)?,
        }
        p.read_field_end()?;
    }
    p.read_struct_end()
}

#[cold]
#[inline(never)]
fn in_field(e: Error, strukt: &'static str, field: Option<&'static str>, id: i16) -> Error {
    e.in_field(strukt, field.unwrap_or("?"), id)
}

/// One slot: the value if the wire type matches, a skip if not.
#[inline(always)]
pub(crate) fn read_into<T: ThriftType, P: InputProtocol>(
    p: &mut P,
    ttype: TType,
    slot: &mut Option<T>,
) -> Result<()> {
    if ttype == T::TTYPE {
        T::read(p).map(|value| *slot = Some(value))
    } else {
        p.skip(ttype)
    }
}

impl Slots for () {
    #[inline(always)]
    fn read_slot<P: InputProtocol>(&mut self, _: usize, p: &mut P, ttype: TType) -> Result<()> {
        p.skip(ttype)
    }

    #[inline(always)]
    fn finish(&mut self, _: bool) -> Result<(), usize> {
        Ok(())
    }
}

/// `Slots` for a tuple of `FieldSlot`s: `slots!(A 0, B 1, ...)`.
macro_rules! slots {
    ($($ty:ident $index:tt),+) => {
        impl<$($ty: FieldSlot),+> Slots for ($($ty,)+) {
            #[inline(always)]
            fn read_slot<P: InputProtocol>(
                &mut self,
                index: usize,
                p: &mut P,
                ttype: TType,
            ) -> Result<()> {
                match index {
                    $($index => self.$index.read_slot(p, ttype),)+
                    _ => p.skip(ttype),
                }
            }

            #[inline(always)]
            fn finish(&mut self, fresh: bool) -> Result<(), usize> {
                $(if !self.$index.finish(fresh) {
                    return Err($index);
                })+
                Ok(())
            }
        }
    };
}

/// `Slots` for 15 `FieldSlot`s followed by the nested slots of the remaining fields.
impl<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, Rest> Slots
    for (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, Rest)
where
    A: FieldSlot,
    B: FieldSlot,
    C: FieldSlot,
    D: FieldSlot,
    E: FieldSlot,
    F: FieldSlot,
    G: FieldSlot,
    H: FieldSlot,
    I: FieldSlot,
    J: FieldSlot,
    K: FieldSlot,
    L: FieldSlot,
    M: FieldSlot,
    N: FieldSlot,
    O: FieldSlot,
    Rest: Slots,
{
    #[inline(always)]
    fn read_slot<P: InputProtocol>(&mut self, index: usize, p: &mut P, ttype: TType) -> Result<()> {
        match index {
            0 => self.0.read_slot(p, ttype),
            1 => self.1.read_slot(p, ttype),
            2 => self.2.read_slot(p, ttype),
            3 => self.3.read_slot(p, ttype),
            4 => self.4.read_slot(p, ttype),
            5 => self.5.read_slot(p, ttype),
            6 => self.6.read_slot(p, ttype),
            7 => self.7.read_slot(p, ttype),
            8 => self.8.read_slot(p, ttype),
            9 => self.9.read_slot(p, ttype),
            10 => self.10.read_slot(p, ttype),
            11 => self.11.read_slot(p, ttype),
            12 => self.12.read_slot(p, ttype),
            13 => self.13.read_slot(p, ttype),
            14 => self.14.read_slot(p, ttype),
            _ => self.15.read_slot(index - 15, p, ttype),
        }
    }

    #[inline(always)]
    fn finish(&mut self, fresh: bool) -> Result<(), usize> {
        let ok = [
            self.0.finish(fresh),
            self.1.finish(fresh),
            self.2.finish(fresh),
            self.3.finish(fresh),
            self.4.finish(fresh),
            self.5.finish(fresh),
            self.6.finish(fresh),
            self.7.finish(fresh),
            self.8.finish(fresh),
            self.9.finish(fresh),
            self.10.finish(fresh),
            self.11.finish(fresh),
            self.12.finish(fresh),
            self.13.finish(fresh),
            self.14.finish(fresh),
        ];
        match ok.iter().position(|ok| !ok) {
            Some(index) => Err(index),
            None => self.15.finish(fresh).map_err(|index| index + 15),
        }
    }
}

for_each_tuple_arity!(slots);
