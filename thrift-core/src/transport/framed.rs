//! Messages with a 4-byte big-endian length prefix (Apache's `TFramedTransport`).

use std::io::{self, Read, Write};
use std::ops::Range;

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
/// Each flush sends length and body in a single write, and a frame that fits the receive
/// buffer arrives with its length in a single read.
#[derive(Debug)]
pub struct FramedTransport<S> {
    stream: S,
    max_frame_size: usize,
    /// Bytes received: the current frame at `frame`, then whatever followed it in the same
    /// reads (usually nothing, or the start of the next frame). Reads ask for as much as fits,
    /// so a small frame arrives with its length in one `recv`.
    input: Vec<u8>,
    /// How much of `input` holds received bytes.
    filled: usize,
    /// The current frame's body within `input`.
    frame: Range<usize>,
    /// The read position, relative to the frame's start.
    pos: usize,
    /// The frame being written, after [`HEADER`] bytes reserved for its length.
    output: Vec<u8>,
}

/// The receive buffer's size before any frame needs more; it grows (by doubling, as bytes
/// arrive) only for bigger frames.
const INITIAL_INPUT: usize = 4 * 1024;

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
            input: Vec::new(),
            filled: 0,
            frame: 0..0,
            pos: 0,
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

    /// The bytes received after the current frame.
    fn pending(&self) -> usize {
        self.filled - self.frame.end
    }

    /// Receives until `want` bytes follow the current frame, reading as much as the buffer
    /// holds each time. `Ok(false)`: the stream ended cleanly with nothing pending.
    fn receive(&mut self, want: usize) -> Result<bool> {
        if self.frame.end > 0 && self.pending() < want {
            // Move what is pending to the front, so the buffer is reused and not grown.
            self.input.copy_within(self.frame.end..self.filled, 0);
            self.filled -= self.frame.end;
            self.frame = 0..0;
            self.pos = 0;
        }
        while self.pending() < want {
            if self.filled == self.input.len() {
                // Full: at most double, so a forged length cannot make us allocate ahead of
                // the bytes that actually arrive.
                let needed = self.frame.end + want;
                let grown = needed.min(2 * self.input.len()).max(INITIAL_INPUT);
                self.input.resize(grown, 0);
            }
            match self.stream.read(&mut self.input[self.filled..]) {
                Ok(0) if self.pending() == 0 => return Ok(false),
                Ok(0) => {
                    return Err(Error::new(
                        ErrorKind::UnexpectedEof,
                        format!(
                            "stream ended after {} of the {want} bytes of a frame \
                             (length prefix included)",
                            self.pending()
                        ),
                    ))
                }
                Ok(n) => self.filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(true)
    }

    /// Reads the next frame. `Ok(false)` if the stream ended cleanly before its header.
    fn read_frame(&mut self) -> Result<bool> {
        if !self.receive(HEADER)? {
            return Ok(false);
        }
        let start = self.frame.end;
        let header: [u8; HEADER] = self.input[start..start + HEADER]
            .try_into()
            .expect("HEADER bytes");
        let len = i32::from_be_bytes(header);
        let len = crate::protocol::checked_len("frame size", len, self.max_frame_size, 0)?;
        // The length prefix is pending, so this cannot end cleanly: a short stream is an error.
        self.receive(HEADER + len)?;
        let start = self.frame.end + HEADER;
        self.frame = start..start + len;
        self.pos = 0;
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
        SliceInput::new(&self.input[self.frame.clone()]).advanced(self.pos)
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
        &self.input[self.frame.start + self.pos..self.frame.end]
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
        self.receive(1)
    }

    fn finish_message(&mut self) {
        self.pos = self.frame.len();
    }

    fn is_framed(&self) -> bool {
        true
    }
}
