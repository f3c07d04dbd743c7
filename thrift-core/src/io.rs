//! The byte-level edges that protocols read from and write to.
//!
//! Protocols are generic over [`Input`] and [`Output`], so decoding from a slice, from a
//! reference-counted [`Bytes`] (zero-copy `binary` fields) or from a socket all compile down to
//! straight-line code with no dynamic dispatch.

use std::io::{self, Read};
use std::mem::MaybeUninit;
use std::ops::Deref;

use bytes::{BufMut, Bytes, BytesMut};

use crate::error::{Error, Result};

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

/// Implements [`Output`] for a type by appending to one of its `Vec<u8>` fields.
macro_rules! forward_output {
    ($(@[$($generics:tt)*])? $ty:ty, $field:ident) => {
        impl$(<$($generics)*>)? $crate::io::Output for $ty {
            #[inline]
            fn put_u8(&mut self, byte: u8) {
                self.$field.push(byte)
            }
            #[inline]
            fn put_slice(&mut self, bytes: &[u8]) {
                self.$field.extend_from_slice(bytes)
            }
            #[inline]
            fn reserve(&mut self, additional: usize) {
                self.$field.reserve(additional)
            }
            #[inline]
            fn put_each<T: Copy, B: AsRef<[u8]>>(
                &mut self,
                items: &[T],
                size: usize,
                convert: impl Fn(T) -> B,
            ) {
                $crate::io::Output::put_each(&mut self.$field, items, size, convert)
            }
        }
    };
}
pub(crate) use forward_output;

#[cold]
fn eof_at(position: usize) -> Error {
    Error::eof().at(position)
}

/// A buffer and a read position: the reads that every in-memory input shares. The position
/// is an index, so a read stores one word; re-slicing (`rest = &rest[n..]`) stores two, which
/// cost a Parquet footer decode 2% more instructions.
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

    /// Skips the first `n` bytes (all of them if fewer), keeping offsets relative to the
    /// start of the whole buffer.
    pub(crate) fn advanced(mut self, n: usize) -> Self {
        self.cur.pos = n.min(self.cur.data.len());
        self
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

/// Reads from any [`Read`] through an internal buffer, coping with short reads and
/// interrupted system calls. Lengths from the wire are never trusted for allocation: a
/// `binary` that claims 1 GiB only grows as fast as bytes actually arrive.
#[derive(Debug)]
pub struct ReadInput<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    filled: usize,
    consumed: usize,
    max_message_size: usize,
}

impl<R: Read> ReadInput<R> {
    /// Wraps `inner` with an 8 KiB buffer.
    pub fn new(inner: R) -> Self {
        Self::with_capacity(8 * 1024, inner)
    }

    /// Wraps `inner` with a buffer of `capacity` bytes.
    pub fn with_capacity(capacity: usize, inner: R) -> Self {
        ReadInput {
            inner,
            buf: vec![0; capacity.max(16)].into_boxed_slice(),
            pos: 0,
            filled: 0,
            consumed: 0,
            max_message_size: usize::MAX,
        }
    }

    /// Fails a message once more than `max` bytes of it were read (counted from the last
    /// [`ReadInput::reset_position`], checked each time the buffer refills).
    pub fn with_max_message_size(mut self, max: usize) -> Self {
        self.max_message_size = max;
        self
    }

    /// The wrapped reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The wrapped reader, mutably (for writing to a duplex stream).
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// Unwraps the reader; buffered bytes are lost.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// Bytes that were read from the stream but not consumed yet.
    pub fn buffered(&self) -> &[u8] {
        &self.buf[self.pos..self.filled]
    }

    /// Restarts [`Input::position`] at zero, e.g. at the start of each message.
    pub fn reset_position(&mut self) {
        self.consumed = 0usize.wrapping_sub(self.pos);
    }

    /// Refills the empty buffer; returns how many bytes arrived (0 at end of stream).
    fn fill(&mut self) -> Result<usize> {
        debug_assert_eq!(self.pos, self.filled);
        self.consumed = self.consumed.wrapping_add(self.pos);
        self.pos = 0;
        self.filled = 0;
        if self.consumed > self.max_message_size {
            return Err(
                Error::size_limit("message size", self.consumed, self.max_message_size)
                    .at(self.consumed),
            );
        }
        loop {
            match self.inner.read(&mut self.buf) {
                Ok(n) => {
                    self.filled = n;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::from(e).at(self.position())),
            }
        }
    }

    /// Makes at least one byte available, or fails with end of input.
    #[inline]
    fn available(&mut self) -> Result<&[u8]> {
        if self.pos == self.filled && self.fill()? == 0 {
            return Err(eof_at(self.position()));
        }
        Ok(&self.buf[self.pos..self.filled])
    }

    /// Feeds exactly `len` bytes to `sink`, piece by piece as they arrive.
    fn drain(&mut self, mut len: usize, mut sink: impl FnMut(&[u8])) -> Result<()> {
        while len > 0 {
            let chunk = self.available()?;
            let n = chunk.len().min(len);
            sink(&chunk[..n]);
            self.pos += n;
            len -= n;
        }
        Ok(())
    }

    /// Reads the first byte of a message: `Ok(None)` if the stream ended cleanly before it.
    pub fn peek_message_start(&mut self) -> Result<Option<u8>> {
        if self.pos == self.filled && self.fill()? == 0 {
            return Ok(None);
        }
        Ok(Some(self.buf[self.pos]))
    }
}

impl<R: Read> Input for ReadInput<R> {
    #[inline]
    fn read_u8(&mut self) -> Result<u8> {
        let b = self.available()?[0];
        self.pos += 1;
        Ok(b)
    }

    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        if let Some(chunk) = self.buf[self.pos..self.filled].first_chunk::<N>() {
            out = *chunk;
            self.pos += N;
            return Ok(out);
        }
        let mut at = 0;
        self.drain(N, |piece| {
            out[at..at + piece.len()].copy_from_slice(piece);
            at += piece.len();
        })?;
        Ok(out)
    }

    fn read_vec(&mut self, len: usize) -> Result<Vec<u8>> {
        // Reserve only what has already arrived; the rest grows as it comes.
        let mut out = Vec::with_capacity(len.min(self.filled - self.pos));
        self.drain(len, |piece| out.extend_from_slice(piece))?;
        Ok(out)
    }

    #[inline]
    fn buffered(&self) -> &[u8] {
        &self.buf[self.pos..self.filled]
    }

    #[inline]
    fn advance(&mut self, n: usize) {
        assert!(
            n <= self.filled - self.pos,
            "advance past the buffered bytes"
        );
        self.pos += n;
    }

    fn skip_bytes(&mut self, len: usize) -> Result<()> {
        self.drain(len, |_| ())
    }

    #[inline]
    fn remaining(&self) -> Option<usize> {
        None
    }

    #[inline]
    fn position(&self) -> usize {
        self.consumed.wrapping_add(self.pos)
    }
}

/// A sink of bytes for a protocol writer. Writes are infallible: the bytes go to memory, and
/// transports send them on `flush`.
pub trait Output {
    /// Appends one byte.
    fn put_u8(&mut self, byte: u8);

    /// Appends a slice.
    fn put_slice(&mut self, bytes: &[u8]);

    /// Appends a fixed-size array (lets the compiler emit a single store).
    #[inline]
    fn put_array<const N: usize>(&mut self, bytes: [u8; N]) {
        self.put_slice(&bytes)
    }

    /// Hints that `additional` more bytes are coming.
    #[inline]
    fn reserve(&mut self, additional: usize) {
        let _ = additional;
    }

    /// Appends `convert` of each of `items`, every one `size` (not 0) bytes long (a list of
    /// fixed-width numbers). This default stages them in a stack buffer: one `put_slice` per
    /// 128 bytes instead of a capacity check per item. Outputs that own their memory write
    /// straight into it.
    #[doc(hidden)]
    #[inline]
    fn put_each<T: Copy, B: AsRef<[u8]>>(
        &mut self,
        items: &[T],
        size: usize,
        convert: impl Fn(T) -> B,
    ) {
        // A bigger buffer costs a `memset` call per list to zero it.
        let mut buf = [0u8; 128];
        for chunk in items.chunks(buf.len() / size) {
            let staged = &mut buf[..chunk.len() * size];
            for (dst, &item) in staged.chunks_exact_mut(size).zip(chunk) {
                dst.copy_from_slice(convert(item).as_ref());
            }
            self.put_slice(staged);
        }
    }
}

impl<O: Output + ?Sized> Output for &mut O {
    #[inline]
    fn put_u8(&mut self, byte: u8) {
        (**self).put_u8(byte)
    }
    #[inline]
    fn put_slice(&mut self, bytes: &[u8]) {
        (**self).put_slice(bytes)
    }
    #[inline]
    fn put_array<const N: usize>(&mut self, bytes: [u8; N]) {
        (**self).put_array(bytes)
    }
    #[inline]
    fn reserve(&mut self, additional: usize) {
        (**self).reserve(additional)
    }
    #[inline]
    fn put_each<T: Copy, B: AsRef<[u8]>>(
        &mut self,
        items: &[T],
        size: usize,
        convert: impl Fn(T) -> B,
    ) {
        (**self).put_each(items, size, convert)
    }
}

/// Implements [`Output`] for a growable buffer that owns its memory. `put_each` reserves
/// once, then converts every item straight into the spare capacity in a loop the compiler
/// can vectorise: no staging copy and no capacity check per item.
macro_rules! growable_output {
    ($($buf:ty: $push:path),*) => {$(
        impl Output for $buf {
            #[inline]
            fn put_u8(&mut self, byte: u8) {
                $push(self, byte)
            }
            #[inline]
            fn put_slice(&mut self, bytes: &[u8]) {
                self.extend_from_slice(bytes)
            }
            #[inline]
            fn reserve(&mut self, additional: usize) {
                <$buf>::reserve(self, additional)
            }
            #[inline]
            fn put_each<T: Copy, B: AsRef<[u8]>>(
                &mut self,
                items: &[T],
                size: usize,
                convert: impl Fn(T) -> B,
            ) {
                self.reserve(items.len().saturating_mul(size));
                let mut written = 0;
                for (dst, &item) in self.spare_capacity_mut().chunks_exact_mut(size).zip(items) {
                    dst.copy_from_slice(as_uninit(convert(item).as_ref()));
                    written += 1;
                }
                // SAFETY: the loop initialised `written` items of `size` bytes
                // (`copy_from_slice` panics rather than copy a short item).
                unsafe { self.set_len(self.len() + written * size) };
                // Nothing is left unless `reserve` reserved less than it promised.
                for &item in &items[written..] {
                    self.extend_from_slice(convert(item).as_ref());
                }
            }
        }
    )*};
}

growable_output!(Vec<u8>: Vec::push, BytesMut: BufMut::put_u8);

/// Initialised bytes, as the `MaybeUninit`s of a spare capacity.
#[inline]
fn as_uninit(bytes: &[u8]) -> &[MaybeUninit<u8>] {
    // SAFETY: `MaybeUninit<u8>` has the layout of `u8`, and an initialised byte is a valid
    // `MaybeUninit<u8>`; the slice is only read.
    unsafe { &*(bytes as *const [u8] as *const [MaybeUninit<u8>]) }
}

/// Adapts any [`BufMut`] (a fixed `&mut [u8]`, a chain, ...) as an [`Output`].
///
/// `BufMut` panics when it runs out of room, so the one-liners check the encoded size against
/// [`BufMut::remaining_mut`] before writing through this adapter.
#[derive(Debug)]
pub struct BufMutOutput<B>(pub B);

impl<B: BufMut> Output for BufMutOutput<B> {
    #[inline]
    fn put_u8(&mut self, byte: u8) {
        self.0.put_u8(byte)
    }
    #[inline]
    fn put_slice(&mut self, bytes: &[u8]) {
        self.0.put_slice(bytes)
    }
}

/// Counts bytes instead of storing them: running a writer over it computes the exact encoded
/// size, so a buffer can be reserved once.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SizeCounter(pub usize);

impl Output for SizeCounter {
    #[inline]
    fn put_u8(&mut self, _: u8) {
        self.0 += 1;
    }
    #[inline]
    fn put_slice(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
    #[inline]
    fn put_array<const N: usize>(&mut self, _: [u8; N]) {
        self.0 += N;
    }
    #[inline]
    fn put_each<T: Copy, B: AsRef<[u8]>>(&mut self, items: &[T], size: usize, _: impl Fn(T) -> B) {
        self.0 += items.len() * size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    /// A reader that hands out at most `step` bytes per call, like a slow socket.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

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

    #[test]
    fn read_input_copes_with_short_reads() {
        let data: Vec<u8> = (0..=255).collect();
        let mut input = ReadInput::with_capacity(
            16,
            Trickle {
                data: &data,
                step: 3,
            },
        );
        assert_eq!(input.read_array::<8>().unwrap(), [0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(input.read_vec(100).unwrap(), (8..108).collect::<Vec<u8>>());
        input.skip_bytes(100).unwrap();
        assert_eq!(input.position(), 208);
        assert_eq!(input.read_u8().unwrap(), 208);
        let err = input.read_vec(1000).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
        assert_eq!(err.offset(), Some(256));
    }

    #[test]
    fn read_input_does_not_trust_lengths() {
        let mut input = ReadInput::new(&[1u8, 2, 3][..]);
        // Claims far more than arrives: fails with EOF instead of reserving the claim.
        let err = input.read_vec(usize::MAX).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
    }

    #[test]
    fn every_output_puts_each_item_in_order() {
        for len in [0, 1, 31, 32, 33, 100] {
            let items: Vec<i32> = (0..len).map(|i| i * 0x0102_0304 - 7).collect();
            let expected: Vec<u8> = [9]
                .into_iter()
                .chain(items.iter().flat_map(|n| n.to_be_bytes()))
                .collect();

            let mut vec = vec![9];
            vec.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(vec, expected, "Vec, {len} items");

            let mut bytes = BytesMut::from(&[9][..]);
            bytes.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(bytes, expected, "BytesMut, {len} items");

            // The staging default, through an output that only knows `put_slice`.
            let mut staged = BufMutOutput(vec![9]);
            staged.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(staged.0, expected, "staged, {len} items");

            // Transports forward to the `Vec` they write into.
            let mut transport = crate::transport::MemoryTransport::new(Vec::new());
            transport.put_u8(9);
            transport.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(transport.written(), expected, "transport, {len} items");

            let mut counter = SizeCounter(1);
            counter.put_each(&items, 4, i32::to_be_bytes);
            assert_eq!(counter.0, expected.len(), "SizeCounter, {len} items");
        }
    }

    #[test]
    fn size_counter_counts() {
        let mut c = SizeCounter::default();
        c.put_u8(1);
        c.put_array([0; 4]);
        c.put_slice(b"abc");
        assert_eq!(c.0, 8);
    }
}
