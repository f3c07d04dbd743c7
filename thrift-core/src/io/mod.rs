//! The byte-level edges that protocols read from and write to.
//!
//! Protocols are generic over [`Input`] and [`Output`], so decoding from a slice, from a
//! reference-counted [`Bytes`] (zero-copy `binary` fields) or from a socket all compile down to
//! straight-line code with no dynamic dispatch.

use bytes::Bytes;

use crate::error::{Error, Result};

mod memory;
mod output;
mod stream;

pub use memory::{BytesInput, BytesRefInput, SliceInput};
pub(crate) use output::forward_output;
pub use output::{BufMutOutput, Output, SizeCounter};
pub use stream::ReadInput;

/// A source of bytes for a protocol reader.
pub trait Input {
    /// Reads one byte.
    fn read_u8(&mut self) -> Result<u8>;

    /// Reads exactly `N` bytes.
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N]>;

    /// Reads exactly `len` bytes into a new vector. Implementations must not reserve `len`
    /// bytes up front unless that many bytes are known to be available.
    fn read_vec(&mut self, len: usize) -> Result<Vec<u8>>;

    /// The bytes after the read position that are already in memory, without consuming
    /// them; empty (the default) if the input cannot lend any. Hot paths decode from this
    /// view when it is long enough (varints without a bounds check per byte, number lists in
    /// bulk, short strings in one fixed-size copy) and then [`advance`](Input::advance).
    #[inline]
    fn buffered(&self) -> &[u8] {
        &[]
    }

    /// Consumes `n` bytes of [`buffered`](Input::buffered).
    ///
    /// # Panics
    ///
    /// If `n` is more than `buffered().len()`.
    #[inline]
    fn advance(&mut self, n: usize) {
        assert_eq!(n, 0, "advance past the buffered bytes");
    }

    /// Reads exactly `len` bytes as [`Bytes`]; zero-copy where the input is itself `Bytes`.
    fn read_bytes(&mut self, len: usize) -> Result<Bytes> {
        self.read_vec(len).map(Bytes::from)
    }

    /// Discards exactly `len` bytes.
    fn skip_bytes(&mut self, len: usize) -> Result<()>;

    /// How many bytes are left, when the input knows (a buffer does, a socket does not).
    /// Readers use it to reject lengths and counts that cannot possibly be satisfied.
    fn remaining(&self) -> Option<usize>;

    /// Bytes consumed so far; reported as the offset of errors.
    fn position(&self) -> usize;
}

impl<I: Input + ?Sized> Input for &mut I {
    #[inline]
    fn read_u8(&mut self) -> Result<u8> {
        (**self).read_u8()
    }
    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        (**self).read_array()
    }
    #[inline]
    fn read_vec(&mut self, len: usize) -> Result<Vec<u8>> {
        (**self).read_vec(len)
    }
    #[inline]
    fn buffered(&self) -> &[u8] {
        (**self).buffered()
    }
    #[inline]
    fn advance(&mut self, n: usize) {
        (**self).advance(n)
    }
    #[inline]
    fn read_bytes(&mut self, len: usize) -> Result<Bytes> {
        (**self).read_bytes(len)
    }
    #[inline]
    fn skip_bytes(&mut self, len: usize) -> Result<()> {
        (**self).skip_bytes(len)
    }
    #[inline]
    fn remaining(&self) -> Option<usize> {
        (**self).remaining()
    }
    #[inline]
    fn position(&self) -> usize {
        (**self).position()
    }
}

/// Implements [`Input`] for a type by forwarding every method to one of its fields.
macro_rules! forward_input {
    ($(@[$($generics:tt)*])? $ty:ty, $field:ident) => {
        impl$(<$($generics)*>)? $crate::io::Input for $ty {
            #[inline]
            fn read_u8(&mut self) -> $crate::Result<u8> {
                self.$field.read_u8()
            }
            #[inline]
            fn read_array<const N: usize>(&mut self) -> $crate::Result<[u8; N]> {
                self.$field.read_array()
            }
            #[inline]
            fn read_vec(&mut self, len: usize) -> $crate::Result<Vec<u8>> {
                self.$field.read_vec(len)
            }
            #[inline]
            fn buffered(&self) -> &[u8] {
                self.$field.buffered()
            }
            #[inline]
            fn advance(&mut self, n: usize) {
                self.$field.advance(n)
            }
            #[inline]
            fn read_bytes(&mut self, len: usize) -> $crate::Result<bytes::Bytes> {
                self.$field.read_bytes(len)
            }
            #[inline]
            fn skip_bytes(&mut self, len: usize) -> $crate::Result<()> {
                self.$field.skip_bytes(len)
            }
            #[inline]
            fn remaining(&self) -> Option<usize> {
                self.$field.remaining()
            }
            #[inline]
            fn position(&self) -> usize {
                self.$field.position()
            }
        }
    };
}
pub(crate) use forward_input;

#[cold]
fn eof_at(position: usize) -> Error {
    Error::eof().at(position)
}
