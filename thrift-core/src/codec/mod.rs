//! The [`ThriftType`] trait and its implementations for Rust's own types.

/// Invokes `$impl!` once per tuple arity from 1 to 15 with `Type index` pairs: the tuples of
/// field references and slots that generated structs hand to `write_struct` and
/// `read_struct` (longer structs nest the rest in a 16th element).
macro_rules! for_each_tuple_arity {
    ($impl:ident) => {
        $impl!(A 0);
        $impl!(A 0, B 1);
        $impl!(A 0, B 1, C 2);
        $impl!(A 0, B 1, C 2, D 3);
        $impl!(A 0, B 1, C 2, D 3, E 4);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13);
        $impl!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14);
    };
}

mod collections;
mod containers;
mod fields;
mod slots;
mod str;
mod table;
mod uuid;

pub use self::collections::{OrderedFloat, VecMap, VecSet};
pub use self::containers::read_list_begin;
pub(crate) use self::containers::{capacity, read_each};
pub use self::fields::{always, if_set, write_struct, WriteFields};
pub(crate) use self::slots::read_into;
pub use self::slots::{read_struct, Slots};
pub use self::str::Str;
pub use self::table::FieldTable;
pub use self::uuid::Uuid;

use bytes::Bytes;

use crate::error::{Error, Result};
use crate::protocol::{InputProtocol, OutputProtocol, TType};

/// A Rust type with a Thrift wire representation.
///
/// Implemented for the primitives, `String`, `Vec<u8>` and [`Bytes`] (as `binary`), [`Uuid`],
/// `Vec`, sets and maps of Thrift types, `Box<T>`, and by `#[derive(ThriftStruct)]` and
/// `thrift!` for structs, unions, exceptions and enums. Everything else in the crate (the
/// one-liners, clients, servers) is built on these two methods.
///
/// Both methods are generic over the protocol, so each (type, protocol) pair compiles to
/// straight-line code.
pub trait ThriftType: Sized {
    /// The wire type written in field, list and map headers.
    const TTYPE: TType;

    /// Writes the value (without a field header).
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()>;

    /// Reads a value whose header said it has type [`Self::TTYPE`].
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self>;

    /// Reads the `len` elements of a list or set. Numbers override it so that protocols
    /// which lay them out back to back can decode them in bulk.
    #[doc(hidden)]
    #[inline]
    fn read_elements<P: InputProtocol>(p: &mut P, len: usize) -> Result<Vec<Self>> {
        containers::read_each(p, len)
    }

    /// Writes the elements of a list; numbers override it to encode in bulk.
    #[doc(hidden)]
    #[inline]
    fn write_elements<P: OutputProtocol>(items: &[Self], p: &mut P) -> Result<()> {
        items.iter().try_for_each(|item| item.write(p))
    }
}

macro_rules! primitive {
    // Lists of numbers go through the protocol's bulk paths; everything else one by one.
    (@elements numbers) => {
        #[inline]
        fn read_elements<P: InputProtocol>(p: &mut P, len: usize) -> Result<Vec<Self>> {
            p.read_numbers(len)
        }

        #[inline]
        fn write_elements<P: OutputProtocol>(items: &[Self], p: &mut P) -> Result<()> {
            p.write_numbers(items)
        }
    };
    (@elements each) => {};

    ($($ty:ty => $ttype:ident, $write:ident, $read:ident, $elements:ident;)*) => {$(
        impl ThriftType for $ty {
            const TTYPE: TType = TType::$ttype;

            #[inline]
            fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
                p.$write(*self)
            }

            #[inline]
            fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
                p.$read()
            }

            primitive!(@elements $elements);
        }
    )*};
}

primitive! {
    bool => Bool, write_bool, read_bool, each;
    i8 => I8, write_i8, read_i8, numbers;
    i16 => I16, write_i16, read_i16, numbers;
    i32 => I32, write_i32, read_i32, numbers;
    i64 => I64, write_i64, read_i64, numbers;
    f64 => Double, write_double, read_double, numbers;
}

impl ThriftType for String {
    const TTYPE: TType = TType::String;

    #[inline]
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_string(self)
    }

    #[inline]
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        p.read_string()
    }
}

/// `binary`, copied out of the input.
impl ThriftType for Vec<u8> {
    const TTYPE: TType = TType::String;

    #[inline]
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_binary(self)
    }

    #[inline]
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        p.read_binary()
    }
}

/// `binary`, zero-copy when decoding from [`Bytes`].
impl ThriftType for Bytes {
    const TTYPE: TType = TType::String;

    #[inline]
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_binary(self)
    }

    #[inline]
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        p.read_bytes()
    }
}

/// Boxes break the cycle of recursive types; the wire sees only the inner value.
impl<T: ThriftType> ThriftType for Box<T> {
    const TTYPE: TType = T::TTYPE;

    #[inline]
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        (**self).write(p)
    }

    #[inline]
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        T::read(p).map(Box::new)
    }
}

/// Writes one field: header, value, end. Used by generated and hand-written struct writers.
#[inline]
pub fn write_field<T: ThriftType, P: OutputProtocol>(
    p: &mut P,
    name: &'static str,
    id: i16,
    value: &T,
) -> Result<()> {
    p.write_field_begin(name, T::TTYPE, id)?;
    value.write(p)?;
    p.write_field_end()
}

/// Reads a field's value when its wire type is the one `T` expects, and skips it otherwise
/// (returning `None`), which is how Thrift tolerates a field whose type changed.
#[inline]
pub fn read_field<T: ThriftType, P: InputProtocol>(p: &mut P, ttype: TType) -> Result<Option<T>> {
    if ttype == T::TTYPE {
        T::read(p).map(Some)
    } else {
        p.skip(ttype).map(|()| None)
    }
}

/// Checks that a container's declared element type is the one the Rust type expects; an
/// empty container may declare anything (an empty compact map declares nothing at all).
#[inline]
pub(crate) fn expect_element(what: &str, expected: TType, found: TType, len: usize) -> Result<()> {
    if len == 0 || expected == found {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "{what} element type is {found}, expected {expected}"
        )))
    }
}
