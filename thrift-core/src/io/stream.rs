//! An input over any `Read`, through a buffer of its own.

use std::io::{self, Read};

use bytes::{Buf, Bytes, BytesMut};

use super::{eof_at, Input};
use crate::error::{Error, Result};

/// Reads from any [`Read`] through an internal buffer, coping with short reads and
/// interrupted system calls. Lengths from the wire are never trusted for allocation: a
/// `binary` that claims 1 GiB only grows as fast as bytes actually arrive.
///
/// A `binary` typed as [`Bytes`] or a long [`Str`](crate::Str) that arrived whole in one
/// read shares the buffer instead of being copied out of it. The buffer is taken back for
/// the next read once no value shares it, and a new one is allocated while any does; keep
/// such a value for long and it keeps its buffer alive, so copy out what you keep.
#[derive(Debug)]
pub struct ReadInput<R> {
    inner: R,
    /// What the last read brought: `buf[pos..filled]` is not consumed yet. Its length is
    /// `capacity`, zeroed once, unless a shared value took its front (see `read_bytes`).
    buf: BytesMut,
    pos: usize,
    filled: usize,
    /// How many bytes each read asks for.
    capacity: usize,
    /// Bytes consumed before `buf[0]`, counted from the last `reset_position`.
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
        let capacity = capacity.max(16);
        ReadInput {
            inner,
            buf: BytesMut::zeroed(capacity),
            pos: 0,
            filled: 0,
            capacity,
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
        if self.buf.len() < self.capacity {
            // Shared values took the buffer's front. This takes the memory back if none is
            // still alive, or else allocates a new buffer; either way it is zeroed again.
            self.buf.clear();
            self.buf.resize(self.capacity, 0);
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

    fn read_bytes(&mut self, len: usize) -> Result<Bytes> {
        if len == 0 {
            return Ok(Bytes::new());
        }
        if self.pos == self.filled {
            // The last read ended where this value starts: read on, so that it can arrive
            // whole.
            self.available()?;
        }
        if len > self.filled - self.pos {
            return self.read_vec(len).map(Bytes::from);
        }
        // Split the value off the buffer's front, consumed bytes first.
        let taken = self.pos + len;
        self.buf.advance(self.pos);
        let value = self.buf.split_to(len).freeze();
        self.consumed = self.consumed.wrapping_add(taken);
        self.filled -= taken;
        self.pos = 0;
        Ok(value)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    /// A reader that hands out at most `step` bytes per call, like a slow socket.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    /// A 16-byte `ReadInput` over `data`, handed out `step` bytes per read.
    fn trickle(data: &[u8], step: usize) -> ReadInput<Trickle<'_>> {
        ReadInput::with_capacity(16, Trickle { data, step })
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
    fn read_input_copes_with_short_reads() {
        let data: Vec<u8> = (0..=255).collect();
        let mut input = trickle(&data, 3);
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
    fn read_bytes_shares_what_arrived_whole_and_copies_the_rest() {
        let data: Vec<u8> = (0..64).collect();
        let mut input = trickle(&data, 16);
        assert_eq!(input.read_u8().unwrap(), 0);
        let a = input.read_bytes(4).unwrap();
        let b = input.read_bytes(5).unwrap();
        assert_eq!((&a[..], &b[..]), (&data[1..5], &data[5..10]));
        // Both are slices of the one buffer, side by side.
        assert_eq!(a.as_ptr().wrapping_add(4), b.as_ptr());
        assert_eq!(input.position(), 10);
        // Six bytes are left in this read: a value of 8 straddles the next one, and is copied.
        let c = input.read_bytes(8).unwrap();
        assert_eq!(&c[..], &data[10..18]);
        assert_eq!(input.position(), 18);
        // `a` and `b` keep the first buffer alive, so the refill went to a new one; the
        // values still hold their bytes.
        let d = input.read_bytes(6).unwrap();
        assert_eq!(&d[..], &data[18..24]);
        assert_eq!((&a[..], &b[..]), (&data[1..5], &data[5..10]));
        let err = input.read_bytes(100).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
        assert_eq!(err.offset(), Some(64));
    }

    #[test]
    fn read_bytes_gives_the_buffer_back_once_values_are_dropped() {
        let data: Vec<u8> = (0..32).collect();
        let mut input = trickle(&data, 16);
        let first = input.read_bytes(16).unwrap();
        let memory = first.as_ptr();
        drop(first);
        // The next read lands in the same memory: nothing shares it any more.
        let second = input.read_bytes(16).unwrap();
        assert_eq!(second.as_ptr(), memory);
        assert_eq!(&second[..], &data[16..]);
        assert_eq!(input.position(), 32);
    }

    #[test]
    fn read_input_does_not_trust_lengths() {
        let mut input = ReadInput::new(&[1u8, 2, 3][..]);
        // Claims far more than arrives: fails with EOF instead of reserving the claim.
        let err = input.read_vec(usize::MAX).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
    }
}
