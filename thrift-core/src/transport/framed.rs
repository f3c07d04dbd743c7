//! Messages with a 4-byte big-endian length prefix (Apache's `TFramedTransport`).

use std::io::{self, Read, Write};

use bytes::Bytes;

use super::Transport;
use crate::error::{Error, ErrorKind, Result};
use crate::io::{Input, SliceInput};
use crate::limits::Limits;

const HEADER: usize = 4;

/// Frames each flushed message with its length.
///
/// A frame's length is checked against [`Limits::max_frame_size`] (16 MiB by default) before
/// anything is allocated for it, and its body grows only as bytes arrive, so a forged length
/// costs nothing. The bytes left in the current frame bound every length read inside it.
/// Each flush sends length and body in a single write.
#[derive(Debug)]
pub struct FramedTransport<S> {
    stream: S,
    max_frame_size: usize,
    frame: Vec<u8>,
    pos: usize,
    /// The length prefix of the next frame, as far as it has arrived.
    header: [u8; HEADER],
    header_len: usize,
    /// The frame being written, after [`HEADER`] bytes reserved for its length.
    output: Vec<u8>,
}

impl<S: Read + Write> FramedTransport<S> {
    /// Frames `stream` with the default frame size limit.
    pub fn new(stream: S) -> Self {
        Self::with_limits(stream, Limits::DEFAULT)
    }

    /// Frames `stream`, accepting frames up to `limits.max_frame_size` in both directions.
    pub fn with_limits(stream: S, limits: Limits) -> Self {
        let mut output = Vec::with_capacity(8 * 1024);
        output.extend_from_slice(&[0; HEADER]);
        FramedTransport {
            stream,
            max_frame_size: limits.max_frame_size,
            frame: Vec::new(),
            pos: 0,
            header: [0; HEADER],
            header_len: 0,
            output,
        }
    }

    /// The stream.
    pub fn get_ref(&self) -> &S {
        &self.stream
    }

    /// The stream, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.stream
    }

    /// Unwraps the stream; unsent and unread bytes are lost.
    pub fn into_inner(self) -> S {
        self.stream
    }

    /// Reads header bytes until `want` of them are here. `Ok(false)`: the stream ended
    /// cleanly before the first one.
    fn read_header(&mut self, want: usize) -> Result<bool> {
        while self.header_len < want {
            match self.stream.read(&mut self.header[self.header_len..]) {
                Ok(0) if self.header_len == 0 => return Ok(false),
                Ok(0) => return Err(Error::eof().at(self.header_len)),
                Ok(n) => self.header_len += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(true)
    }

    /// Reads the next frame. `Ok(false)` if the stream ended cleanly before its header.
    fn read_frame(&mut self) -> Result<bool> {
        if !self.read_header(HEADER)? {
            return Ok(false);
        }
        self.header_len = 0;
        let len = i32::from_be_bytes(self.header);
        let len = crate::protocol::checked_len("frame size", len, self.max_frame_size, 0)?;
        self.frame.clear();
        self.pos = 0;
        let read = (&mut self.stream)
            .take(len as u64)
            .read_to_end(&mut self.frame)?;
        if read < len {
            return Err(Error::new(
                ErrorKind::UnexpectedEof,
                format!("frame ended after {read} of {len} bytes"),
            ));
        }
        Ok(true)
    }

    /// The unread part of the current frame, loading the next frame if this one is used up.
    #[inline]
    fn current(&mut self) -> Result<SliceInput<'_>> {
        if self.pos == self.frame.len() && !self.read_frame()? {
            return Err(Error::new(ErrorKind::Closed, "connection closed"));
        }
        Ok(self.view())
    }

    #[inline]
    fn view(&self) -> SliceInput<'_> {
        SliceInput::new(&self.frame).advanced(self.pos)
    }

    #[inline]
    fn read_with<T>(&mut self, f: impl FnOnce(&mut SliceInput<'_>) -> Result<T>) -> Result<T> {
        let mut view = self.current()?;
        let value = f(&mut view);
        self.pos = view.position();
        value
    }
}

impl<S: Read + Write> Input for FramedTransport<S> {
    #[inline]
    fn read_u8(&mut self) -> Result<u8> {
        self.read_with(|s| s.read_u8())
    }
    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.read_with(|s| s.read_array())
    }
    #[inline]
    fn read_vec(&mut self, len: usize) -> Result<Vec<u8>> {
        self.read_with(|s| s.read_vec(len))
    }
    #[inline]
    fn buffered(&self) -> &[u8] {
        &self.frame[self.pos..]
    }
    #[inline]
    fn advance(&mut self, n: usize) {
        assert!(
            n <= self.frame.len() - self.pos,
            "advance past the buffered bytes"
        );
        self.pos += n;
    }
    #[inline]
    fn read_bytes(&mut self, len: usize) -> Result<Bytes> {
        self.read_vec(len).map(Bytes::from)
    }
    #[inline]
    fn skip_bytes(&mut self, len: usize) -> Result<()> {
        self.read_with(|s| s.skip_bytes(len))
    }
    #[inline]
    fn remaining(&self) -> Option<usize> {
        Some(self.frame.len() - self.pos)
    }
    #[inline]
    fn position(&self) -> usize {
        self.pos
    }
}

crate::io::forward_output!(@[S: Read + Write] FramedTransport<S>, output);

impl<S: Read + Write> Transport for FramedTransport<S> {
    fn flush(&mut self) -> Result<()> {
        let len = self.output.len() - HEADER;
        if len == 0 {
            return Ok(());
        }
        if len > self.max_frame_size {
            self.output.truncate(HEADER);
            return Err(Error::size_limit("frame size", len, self.max_frame_size));
        }
        self.output[..HEADER].copy_from_slice(&(len as u32).to_be_bytes());
        let sent = self
            .stream
            .write_all(&self.output)
            .and_then(|()| self.stream.flush());
        self.output.truncate(HEADER);
        sent.map_err(Into::into)
    }

    fn next_message(&mut self) -> Result<bool> {
        if self.pos < self.frame.len() {
            return Ok(true);
        }
        self.read_frame()
    }

    fn wait_for_message(&mut self) -> Result<bool> {
        if self.pos < self.frame.len() {
            return Ok(true);
        }
        self.read_header(1)
    }

    fn finish_message(&mut self) {
        self.pos = self.frame.len();
    }

    fn is_framed(&self) -> bool {
        true
    }
}
