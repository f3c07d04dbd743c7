//! Decoding a struct into a value that already exists, field by field.
//!
//! Built from a tuple of `Option` slots, a struct moves every decoded field at least twice
//! more (slot, local, struct), and a struct nested in another, or in a list, once more per
//! level. For the 700-byte column chunks of a Parquet footer that was half of all `memcpy`
//! work. `thrift!`'s structs are `Default`, so those that hold other structs (and derived
//! ones marked `#[thrift(in_place)]`) start `read` from the default value and decode each
//! field straight into it: the slots in the tuple are references to the fields
//! ([`Required`], [`Optional`], [`Defaulted`]), a nested struct recurses through
//! [`ThriftType::read_in_place`], and a list of structs grows its elements in place.
//!
//! The result is the value `read` would have built from slots: a field the input does not
//! carry gets its absent value when the loop ends (`None`, or the field's default), and a
//! field sent twice is replaced, not merged, since every slot replaces what it holds.

use super::containers::capacity;
use super::slots::{read_fields, FieldSlot, Slots};
use super::ThriftType;
use crate::error::{Error, Result};
use crate::protocol::{InputProtocol, TType};

/// A required field of a struct read in place; missing, it fails the read.
pub struct Required<'a, T> {
    value: &'a mut T,
    seen: bool,
}

/// An optional field of a struct read in place; missing, it is `None`. `NONE_BY_DEFAULT`
/// is false for a field whose IDL default the struct's `Default` sets.
pub struct Optional<'a, T, const NONE_BY_DEFAULT: bool> {
    value: &'a mut Option<T>,
    seen: bool,
}

/// A field with a default, read in place; missing, it gets `default()`.
pub struct Defaulted<'a, T, F> {
    value: &'a mut T,
    seen: bool,
    default: F,
}

/// Marks a required field. The `ThriftType` bound sits here so that a field type without a
/// codec is reported at the field.
#[inline(always)]
pub fn required_field<T: ThriftType>(value: &mut T) -> Required<'_, T> {
    Required { value, seen: false }
}

/// Marks an optional field that is `None` in the struct's `Default`.
#[inline(always)]
pub fn optional_field<T: ThriftType>(value: &mut Option<T>) -> Optional<'_, T, true> {
    Optional { value, seen: false }
}

/// Marks an optional field that its IDL default sets in the struct's `Default`: absent from
/// the input, it is still `None`.
#[inline(always)]
pub fn optional_field_with_default<T: ThriftType>(value: &mut Option<T>) -> Optional<'_, T, false> {
    Optional { value, seen: false }
}

/// Marks a field that gets `default()` when the input does not carry it.
#[inline(always)]
pub fn defaulted_field<T: ThriftType, F: Fn() -> T>(
    value: &mut T,
    default: F,
) -> Defaulted<'_, T, F> {
    Defaulted {
        value,
        seen: false,
        default,
    }
}

/// Decodes into `value` if the wire type is `T`'s (and reports whether it did), or skips.
#[inline(always)]
fn read_over<T: ThriftType, P: InputProtocol>(
    value: &mut T,
    p: &mut P,
    ttype: TType,
) -> Result<bool> {
    if ttype == T::TTYPE {
        T::read_in_place(value, p, false).map(|()| true)
    } else {
        p.skip(ttype).map(|()| false)
    }
}

impl<T: ThriftType> FieldSlot for Required<'_, T> {
    #[inline(always)]
    fn read_slot<P: InputProtocol>(&mut self, p: &mut P, ttype: TType) -> Result<()> {
        self.seen |= read_over(self.value, p, ttype)?;
        Ok(())
    }

    #[inline(always)]
    fn finish(&mut self, _: bool) -> bool {
        self.seen
    }
}

impl<T: ThriftType, const NONE_BY_DEFAULT: bool> FieldSlot for Optional<'_, T, NONE_BY_DEFAULT> {
    #[inline(always)]
    fn read_slot<P: InputProtocol>(&mut self, p: &mut P, ttype: TType) -> Result<()> {
        if ttype != T::TTYPE {
            return p.skip(ttype);
        }
        self.seen = true;
        if T::READS_IN_PLACE {
            // An absent value starts from the type's default, so it too is filled in place.
            let fresh = self.value.is_none();
            if fresh {
                *self.value = T::in_place_default();
            }
            if let Some(value) = self.value {
                return T::read_in_place(value, p, fresh);
            }
        }
        *self.value = Some(T::read(p)?);
        Ok(())
    }

    #[inline(always)]
    fn finish(&mut self, fresh: bool) -> bool {
        // A fresh value already holds `None` here, unless `Default` gave the field a value.
        let holds_none = fresh && NONE_BY_DEFAULT;
        if !(self.seen || holds_none) {
            *self.value = None;
        }
        true
    }
}

impl<T: ThriftType, F: Fn() -> T> FieldSlot for Defaulted<'_, T, F> {
    #[inline(always)]
    fn read_slot<P: InputProtocol>(&mut self, p: &mut P, ttype: TType) -> Result<()> {
        self.seen |= read_over(self.value, p, ttype)?;
        Ok(())
    }

    #[inline(always)]
    fn finish(&mut self, fresh: bool) -> bool {
        if !self.seen && !fresh {
            *self.value = (self.default)();
        }
        true
    }
}

/// Decodes a struct's fields into the slots of a value being read in place: `fields` holds
/// each slot's name and id, `index_of` maps an id to its slot, and `fresh` says the value is
/// its type's `Default`, so fields the input lacks need no reset.
#[inline(always)]
pub fn read_struct_in_place<P: InputProtocol, S: Slots>(
    p: &mut P,
    slots: &mut S,
    strukt: &'static str,
    fields: &'static [(&'static str, i16)],
    index_of: impl Fn(i16) -> Option<usize>,
    fresh: bool,
) -> Result<()> {
    read_fields(p, slots, strukt, index_of, |index| {
        fields.get(index).map(|&(name, _)| name)
    })?;
    slots
        .finish(fresh)
        .map_err(|index| missing(strukt, fields, index))
}

#[cold]
#[inline(never)]
fn missing(strukt: &'static str, fields: &'static [(&'static str, i16)], index: usize) -> Error {
    let (field, id) = fields.get(index).copied().unwrap_or(("?", 0));
    Error::missing_field(strukt, field, id)
}

/// `read` for a type that decodes in place: the default value, filled.
#[inline(always)]
pub fn read_default<T: ThriftType + Default, P: InputProtocol>(p: &mut P) -> Result<T> {
    let mut value = T::default();
    T::read_in_place(&mut value, p, true)?;
    Ok(value)
}

/// [`ThriftType::read_elements`] for a type that decodes in place: each element is pushed
/// as the default value and filled where it lies, so it is never moved.
#[inline]
pub fn read_elements_in_place<T: ThriftType + Default, P: InputProtocol>(
    p: &mut P,
    len: usize,
) -> Result<Vec<T>> {
    let mut items: Vec<T> = Vec::with_capacity(capacity::<T>(len));
    for _ in 0..len {
        items.push(T::default());
        if let Some(item) = items.last_mut() {
            T::read_in_place(item, p, true)?;
        }
    }
    Ok(items)
}
