//! Inputs over bytes already in memory: a slice, an owned `Bytes`, a borrowed `&Bytes`.

use std::ops::Deref;

use bytes::Bytes;

use super::{eof_at, Input};
use crate::error::Result;

/// A buffer and a read position: the reads that every in-memory input shares. The position
/// is an index, so a read stores one word; re-slicing (`rest = &rest[n..]`) stores two, which
/// cost a Parquet footer decode up to 2% more instructions.
#[derive(Debug, Clone)]
struct Cursor<D> {
    data: D,
    pos: usize,
}

impl<D: Deref<Target = [u8]>> Cursor<D> {
    #[inline]
    fn new(data: D) -> Self {
        Cursor { data, pos: 0 }
    }

    /// Consumes the next `len` bytes.
    #[inline]
    fn take(&mut self, len: usize) -> Result<&[u8]> {
        let start = self.pos;
        if len > self.data.len() - start {
            return Err(eof_at(start));
        }
        self.pos += len;
        Ok(&self.data[start..start + len])
    }

    #[inline]
    fn read_u8(&mut self) -> Result<u8> {
        let byte = *self.data.get(self.pos).ok_or_else(|| eof_at(self.pos))?;
        self.pos += 1;
        Ok(byte)
    }

    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let chunk = self.data[self.pos..].first_chunk::<N>();
        let array = *chunk.ok_or_else(|| eof_at(self.pos))?;
        self.pos += N;
        Ok(array)
    }

    #[inline]
    fn rest(&self) -> &[u8] {
        &self.data[self.pos..]
    }

    #[inline]
    fn advance(&mut self, n: usize) {
        assert!(
            n <= self.data.len() - self.pos,
            "advance past the buffered bytes"
        );
        self.pos += n;
    }

    #[inline]
    fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }
}

/// Implements [`Input`] for a type over its `cur: Cursor`, with `read_bytes` as given.
macro_rules! cursor_input {
    ($(@[$($generics:tt)*])? $ty:ty, |$this:ident, $len:ident| $read_bytes:expr) => {
        impl$(<$($generics)*>)? Input for $ty {
            #[inline]
            fn read_u8(&mut self) -> Result<u8> {
                self.cur.read_u8()
            }

            #[inline]
            fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
                self.cur.read_array()
            }

            #[inline]
            fn read_vec(&mut self, len: usize) -> Result<Vec<u8>> {
                self.cur.take(len).map(<[u8]>::to_vec)
            }

            #[inline]
            fn buffered(&self) -> &[u8] {
                self.cur.rest()
            }

            #[inline]
            fn advance(&mut self, n: usize) {
                self.cur.advance(n)
            }

            #[inline]
            fn read_bytes(&mut self, len: usize) -> Result<Bytes> {
                let ($this, $len) = (self, len);
                $read_bytes
            }

            #[inline]
            fn skip_bytes(&mut self, len: usize) -> Result<()> {
                self.cur.take(len).map(drop)
            }

            #[inline]
            fn remaining(&self) -> Option<usize> {
                Some(self.cur.remaining())
            }

            #[inline]
            fn position(&self) -> usize {
                self.cur.pos
            }
        }
    };
}

/// Reads from a borrowed byte slice.
#[derive(Debug, Clone)]
pub struct SliceInput<'a> {
    cur: Cursor<&'a [u8]>,
}

impl<'a> SliceInput<'a> {
    /// Starts reading at the beginning of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        SliceInput {
            cur: Cursor::new(data),
        }
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        &self.cur.data[self.cur.pos..]
    }
}

cursor_input!(@['a] SliceInput<'a>, |this, len| this.cur.take(len).map(Bytes::copy_from_slice));

/// Reads from a [`Bytes`] buffer; `binary` values come out as zero-copy slices of it.
#[derive(Debug, Clone)]
pub struct BytesInput {
    cur: Cursor<Bytes>,
}

impl BytesInput {
    /// Starts reading at the beginning of `data`.
    pub fn new(data: Bytes) -> Self {
        BytesInput {
            cur: Cursor::new(data),
        }
    }
}

cursor_input!(BytesInput, |this, len| {
    let start = this.cur.pos;
    this.cur.take(len)?;
    Ok(this.cur.data.slice(start..start + len))
});

/// Reads from a borrowed [`Bytes`] buffer: as fast as a [`SliceInput`], with `binary` and
/// `Str` values coming out as zero-copy slices of the buffer like [`BytesInput`]'s. Only
/// those slices touch the reference count, so a message without them decodes with no atomic
/// operation at all (moving a `Bytes` in and dropping it costs two).
#[derive(Debug, Clone)]
pub struct BytesRefInput<'a> {
    cur: Cursor<&'a [u8]>,
    owner: &'a Bytes,
}

impl<'a> BytesRefInput<'a> {
    /// Starts reading at the beginning of `data`.
    pub fn new(data: &'a Bytes) -> Self {
        BytesRefInput {
            cur: Cursor::new(data),
            owner: data,
        }
    }
}

cursor_input!(@['a] BytesRefInput<'a>, |this, len| {
    let start = this.cur.pos;
    this.cur.take(len)?;
    Ok(this.owner.slice(start..start + len))
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn slice_input_reads_and_reports_offsets() {
        let mut input = SliceInput::new(&[1, 2, 3, 4, 5]);
        assert_eq!(input.read_u8().unwrap(), 1);
        assert_eq!(input.read_array::<2>().unwrap(), [2, 3]);
        assert_eq!(input.remaining(), Some(2));
        let err = input.read_array::<4>().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
        assert_eq!(err.offset(), Some(3));
    }

    #[test]
    fn bytes_input_is_zero_copy() {
        let data = Bytes::from_static(b"xxhello");
        let mut input = BytesInput::new(data.clone());
        input.skip_bytes(2).unwrap();
        let hello = input.read_bytes(5).unwrap();
        assert_eq!(&hello[..], b"hello");
        assert_eq!(hello.as_ptr(), data[2..].as_ptr());
        assert!(input.read_bytes(1).is_err());
    }

    #[test]
    fn bytes_ref_input_shares_only_what_it_reads_as_bytes() {
        let data = Bytes::from(b"xxhello!".to_vec());
        let mut input = BytesRefInput::new(&data);
        input.skip_bytes(2).unwrap();
        let hello = input.read_bytes(5).unwrap();
        assert_eq!(&hello[..], b"hello");
        assert_eq!(hello.as_ptr(), data[2..].as_ptr());
        assert_eq!(input.position(), 7);
        assert_eq!(input.read_vec(1).unwrap(), b"!");
        let err = input.read_bytes(1).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
        assert_eq!(err.offset(), Some(8));
        // The empty slice at the very end is still a valid (empty) share.
        assert!(input.read_bytes(0).unwrap().is_empty());
    }
}
