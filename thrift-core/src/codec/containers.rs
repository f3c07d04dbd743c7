//! Lists, sets and maps.
//!
//! Decoders reserve at most [`MAX_PREALLOC_BYTES`] up front whatever count the header claims:
//! the header was checked against the input, but one wire byte can still become hundreds of
//! bytes in memory (an empty struct in a list), so the rest grows as elements actually decode.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasher, Hash};

use super::collections::{VecMap, VecSet};
use super::{expect_element, ThriftType};
use crate::error::Result;
use crate::protocol::{InputProtocol, OutputProtocol, TType};

const MAX_PREALLOC_BYTES: usize = 1 << 20;

/// How many elements of `T` to reserve for a container that claims `len`.
#[inline]
pub(crate) fn capacity<T>(len: usize) -> usize {
    len.min(MAX_PREALLOC_BYTES / std::mem::size_of::<T>().max(1))
}

/// Reads `len` elements of `T` one at a time, growing as they decode: what
/// [`ThriftType::read_elements`] does unless a type can do better.
#[inline]
pub(crate) fn read_each<T: ThriftType, P: InputProtocol>(p: &mut P, len: usize) -> Result<Vec<T>> {
    let mut items = Vec::with_capacity(capacity::<T>(len));
    for _ in 0..len {
        items.push(T::read(p)?);
    }
    Ok(items)
}

/// Reads `len` key-value pairs, growing as they decode.
#[inline]
fn read_entries<K: ThriftType, V: ThriftType, P: InputProtocol>(
    p: &mut P,
    len: usize,
) -> Result<Vec<(K, V)>> {
    let mut entries = Vec::with_capacity(capacity::<(K, V)>(len));
    for _ in 0..len {
        let key = K::read(p)?;
        entries.push((key, V::read(p)?));
    }
    Ok(entries)
}

/// Reads the header of a list of `T`s and returns its length, or an error if it declares
/// another element type (an empty list may declare any). `Vec<T>` reads through it, and so
/// can a type that keeps a list in another shape (a bit set, a count): read the header, then
/// `len` elements, then call `read_list_end`.
#[inline]
pub fn read_list_begin<T: ThriftType, P: InputProtocol>(p: &mut P) -> Result<usize> {
    let at = p.position();
    let header = p.read_list_begin()?;
    expect_element("list", T::TTYPE, header.element, header.len).map_err(|e| e.at(at))?;
    Ok(header.len)
}

impl<T: ThriftType> ThriftType for Vec<T> {
    const TTYPE: TType = TType::List;

    #[inline]
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_list_begin(T::TTYPE, self.len())?;
        T::write_elements(self, p)?;
        p.write_list_end()
    }

    #[inline]
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        let len = read_list_begin::<T, P>(p)?;
        let items = T::read_elements(p, len)?;
        p.read_list_end()?;
        Ok(items)
    }
}

/// Implements `ThriftType` for a set type: `set!([generics] Type, |p, len| { build })`.
macro_rules! set {
    ([$($generics:tt)*] $ty:ty, |$p:ident, $len:ident| $fill:block) => {
        impl<$($generics)*> ThriftType for $ty {
            const TTYPE: TType = TType::Set;

            #[inline]
            fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
                p.write_set_begin(T::TTYPE, self.len())?;
                for item in self {
                    item.write(p)?;
                }
                p.write_set_end()
            }

            #[inline]
            fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
                let at = p.position();
                let header = p.read_set_begin()?;
                expect_element("set", T::TTYPE, header.element, header.len).map_err(|e| e.at(at))?;
                let items: Self = {
                    let ($p, $len) = (&mut *p, header.len);
                    $fill
                };
                p.read_set_end()?;
                Ok(items)
            }
        }
    };
}

set!([T: ThriftType + Eq + Hash, S: BuildHasher + Default] HashSet<T, S>, |p, len| {
    let mut items = HashSet::with_capacity_and_hasher(capacity::<T>(len), S::default());
    for _ in 0..len {
        items.insert(T::read(p)?);
    }
    items
});
// Collecting a vector builds the tree in bulk, which beats inserting one by one (and wire
// order is usually sorted already, which the sort inside `collect` checks in linear time).
set!([T: ThriftType + Ord] BTreeSet<T>, |p, len| {
    T::read_elements(p, len)?.into_iter().collect()
});
set!([T: ThriftType] VecSet<T>, |p, len| { VecSet(T::read_elements(p, len)?) });

/// Implements `ThriftType` for a map type: `map!([generics] Type, |p, len| { build })`.
macro_rules! map {
    ([$($generics:tt)*] $ty:ty, |$p:ident, $len:ident| $fill:block) => {
        impl<$($generics)*> ThriftType for $ty {
            const TTYPE: TType = TType::Map;

            #[inline]
            fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
                p.write_map_begin(K::TTYPE, V::TTYPE, self.len())?;
                for (key, value) in self {
                    key.write(p)?;
                    value.write(p)?;
                }
                p.write_map_end()
            }

            #[inline]
            fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
                let at = p.position();
                let header = p.read_map_begin()?;
                expect_element("map key", K::TTYPE, header.key, header.len)
                    .and_then(|()| expect_element("map value", V::TTYPE, header.value, header.len))
                    .map_err(|e| e.at(at))?;
                let entries: Self = {
                    let ($p, $len) = (&mut *p, header.len);
                    $fill
                };
                p.read_map_end()?;
                Ok(entries)
            }
        }
    };
}

map!([K: ThriftType + Eq + Hash, V: ThriftType, S: BuildHasher + Default] HashMap<K, V, S>, |p, len| {
    let mut entries = HashMap::with_capacity_and_hasher(capacity::<(K, V)>(len), S::default());
    for _ in 0..len {
        let key = K::read(p)?;
        entries.insert(key, V::read(p)?);
    }
    entries
});
// As for sets: a bulk build from a vector; for repeated keys the last value wins, as with
// inserts.
map!([K: ThriftType + Ord, V: ThriftType] BTreeMap<K, V>, |p, len| {
    read_entries::<K, V, _>(p, len)?.into_iter().collect()
});
map!([K: ThriftType, V: ThriftType] VecMap<K, V>, |p, len| { VecMap(read_entries(p, len)?) });
