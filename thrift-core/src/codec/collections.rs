//! Collection types the IDL needs beyond `std`'s.
//!
//! A Thrift `set` or `map` may be keyed by `double` or by a struct holding one, which have no
//! total order or hash in Rust. [`OrderedFloat`] gives doubles one (by IEEE total order), and
//! [`VecSet`] / [`VecMap`] keep elements in wire order for key types that have none at all.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, DerefMut};

use super::ThriftType;
use crate::error::Result;
use crate::protocol::{InputProtocol, OutputProtocol, TType};

/// A `double` usable as a set element or map key: equality, hashing and order follow
/// [`f64::total_cmp`], so `-0.0 != 0.0` and NaN equals itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct OrderedFloat(pub f64);

impl PartialEq for OrderedFloat {
    fn eq(&self, other: &Self) -> bool {
        self.0.total_cmp(&other.0) == Ordering::Equal
    }
}

impl Eq for OrderedFloat {}

impl PartialOrd for OrderedFloat {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedFloat {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl Hash for OrderedFloat {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state)
    }
}

impl From<f64> for OrderedFloat {
    fn from(value: f64) -> Self {
        OrderedFloat(value)
    }
}

impl From<OrderedFloat> for f64 {
    fn from(value: OrderedFloat) -> Self {
        value.0
    }
}

impl ThriftType for OrderedFloat {
    const TTYPE: TType = TType::Double;

    #[inline]
    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_double(self.0)
    }

    #[inline]
    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        p.read_double().map(OrderedFloat)
    }
}

macro_rules! vec_backed {
    ($(#[$doc:meta])* $name:ident<$($param:ident),+>, $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name<$($param),+>(pub Vec<$item>);

        impl<$($param),+> Default for $name<$($param),+> {
            fn default() -> Self {
                $name(Vec::new())
            }
        }

        impl<$($param),+> Deref for $name<$($param),+> {
            type Target = Vec<$item>;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl<$($param),+> DerefMut for $name<$($param),+> {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.0
            }
        }

        impl<$($param),+> From<Vec<$item>> for $name<$($param),+> {
            fn from(items: Vec<$item>) -> Self {
                $name(items)
            }
        }

        impl<'a, $($param),+> IntoIterator for &'a $name<$($param),+> {
            type Item = &'a $item;
            type IntoIter = std::slice::Iter<'a, $item>;
            fn into_iter(self) -> Self::IntoIter {
                self.0.iter()
            }
        }

        impl<$($param),+> FromIterator<$item> for $name<$($param),+> {
            fn from_iter<I: IntoIterator<Item = $item>>(iter: I) -> Self {
                $name(iter.into_iter().collect())
            }
        }
    };
}

vec_backed!(
    /// A Thrift `set` whose element type has no total order (a struct holding a `double`):
    /// the elements in wire order. Duplicates are kept as received.
    VecSet<T>,
    T
);

vec_backed!(
    /// A Thrift `map` whose key type has no total order (a struct holding a `double`): the
    /// entries in wire order. Duplicate keys are kept as received.
    VecMap<K, V>,
    (K, V)
);
