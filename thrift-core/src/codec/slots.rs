//! The decode loop of generated structs, written once here instead of once per struct.
//!
//! A struct's `read` keeps one `Option` per field in a tuple, hands it to [`read_struct`]
//! with a map from field id to tuple index, and then builds itself from the tuple. The loop,
//! the per-field dispatch and the error context are this module's generic code, so a user
//! crate type-checks and borrow-checks a few lines per struct rather than a loop with an arm
//! per field (that loop was a fifth of `cargo check`'s work on a big IDL). Once inlined, the two
//! matches (id to index, index to slot) fold into one jump, as the hand-written arms did.

use super::ThriftType;
use crate::error::{Error, Result};
use crate::protocol::{InputProtocol, TType};

/// A struct's fields decoded so far: a tuple of `Option`s, one per field, in declaration
/// order. Tuples of up to 15 slots implement it; a longer struct keeps 15 and nests the rest
/// in a 16th element, `(Option<A>, ..., Option<O>, (Option<P>, ...))`.
pub trait Slots {
    /// Decodes a value of wire type `ttype` into slot `index`, or skips it when `ttype` is
    /// not the slot type's.
    fn read_slot<P: InputProtocol>(&mut self, index: usize, p: &mut P, ttype: TType) -> Result<()>;
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
fn read_fields<P: InputProtocol, S: Slots>(
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
}

/// `Slots` for a tuple of `Option`s: `slots!(A 0, B 1, ...)`.
macro_rules! slots {
    ($($ty:ident $index:tt),+) => {
        impl<$($ty: ThriftType),+> Slots for ($(Option<$ty>,)+) {
            #[inline(always)]
            fn read_slot<P: InputProtocol>(
                &mut self,
                index: usize,
                p: &mut P,
                ttype: TType,
            ) -> Result<()> {
                match index {
                    $($index => read_into(p, ttype, &mut self.$index),)+
                    _ => p.skip(ttype),
                }
            }
        }
    };
}

/// `Slots` for 15 `Option`s followed by the nested slots of the remaining fields.
impl<A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, Rest> Slots
    for (
        Option<A>,
        Option<B>,
        Option<C>,
        Option<D>,
        Option<E>,
        Option<F>,
        Option<G>,
        Option<H>,
        Option<I>,
        Option<J>,
        Option<K>,
        Option<L>,
        Option<M>,
        Option<N>,
        Option<O>,
        Rest,
    )
where
    A: ThriftType,
    B: ThriftType,
    C: ThriftType,
    D: ThriftType,
    E: ThriftType,
    F: ThriftType,
    G: ThriftType,
    H: ThriftType,
    I: ThriftType,
    J: ThriftType,
    K: ThriftType,
    L: ThriftType,
    M: ThriftType,
    N: ThriftType,
    O: ThriftType,
    Rest: Slots,
{
    #[inline(always)]
    fn read_slot<P: InputProtocol>(&mut self, index: usize, p: &mut P, ttype: TType) -> Result<()> {
        match index {
            0 => read_into(p, ttype, &mut self.0),
            1 => read_into(p, ttype, &mut self.1),
            2 => read_into(p, ttype, &mut self.2),
            3 => read_into(p, ttype, &mut self.3),
            4 => read_into(p, ttype, &mut self.4),
            5 => read_into(p, ttype, &mut self.5),
            6 => read_into(p, ttype, &mut self.6),
            7 => read_into(p, ttype, &mut self.7),
            8 => read_into(p, ttype, &mut self.8),
            9 => read_into(p, ttype, &mut self.9),
            10 => read_into(p, ttype, &mut self.10),
            11 => read_into(p, ttype, &mut self.11),
            12 => read_into(p, ttype, &mut self.12),
            13 => read_into(p, ttype, &mut self.13),
            14 => read_into(p, ttype, &mut self.14),
            _ => self.15.read_slot(index - 15, p, ttype),
        }
    }
}

for_each_tuple_arity!(slots);
