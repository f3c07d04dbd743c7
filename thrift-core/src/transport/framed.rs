//! Messages with a 4-byte big-endian length prefix (Apache's `TFramedTransport`).

use std::io::{self, Read, Write};

use bytes::{Buf, Bytes, BytesMut};

use super::Transport;
use crate::error::{Error, ErrorKind, Result};
use crate::io::{BytesInput, Input};
use crate::limits::Limits;

const HEADER: usize = 4;

/// Frames each flushed message with its length.
///
/// A frame's length is checked against [`Limits::max_frame_size`] (16 MiB by default) before
/// anything is allocated for it, and its body grows only as bytes arrive, so a forged length
/// costs nothing. The bytes left in the current frame bound every length read inside it.
/// Each flush sends length and body in a single write, and a frame that fits the receive
/// buffer arrives with its length in a single read.
///
/// Each frame is split off the receive buffer as [`Bytes`], so `binary` fields typed as
/// `Bytes` and long [`Str`](crate::Str)s read from it share its memory instead of being
/// copied. The buffer is reused for the next frame once nothing holds on to the last one; a
/// value kept from a frame keeps the buffer it arrived in alive, so copy out what you keep
/// for long.
#[derive(Debug)]
pub struct FramedTransport<S> {
    stream: S,
    max_frame_size: usize,
    /// Bytes received after the current frame: usually nothing, or the start of the next
    /// frame. Reads ask for as much as fits, so a small frame arrives with its length in one
    /// `recv`.
    pending: BytesMut,
    /// The current frame's body and the read position in it.
    frame: BytesInput,
    /// Whether `frame` holds the message being read: reads past its end are then an error,
    /// not a wait for the next frame, since a message never continues into another frame.
    in_frame: bool,
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
            pending: BytesMut::new(),
            frame: BytesInput::new(Bytes::new()),
            in_frame: false,
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

    /// Whether the current frame has been read to its end.
    fn frame_done(&self) -> bool {
        self.frame.remaining() == Some(0)
    }

    /// Lets go of the current frame, so that its memory can take the next one unless a
    /// decoded value still shares it.
    fn release_frame(&mut self) {
        self.frame = BytesInput::new(Bytes::new());
        self.in_frame = false;
    }

    /// Receives until `want` bytes follow the current frame, reading as much as the buffer
    /// holds each time. `Ok(false)`: the stream ended cleanly with nothing pending.
    fn receive(&mut self, want: usize) -> Result<bool> {
        while self.pending.len() < want {
            let filled = self.pending.len();
            // Room for what is still wanted, at least a small frame's worth: zeroing all of
            // a buffer grown for one big frame on every later read would cost more than it
            // saves in `recv`s.
            let room = (want - filled).max(INITIAL_INPUT);
            if self.pending.capacity() - filled < room {
                // Earlier frames used up the buffer's tail. Unless a decoded value still
                // shares the buffer, take it back whole (this moves the pending bytes to its
                // front), so that a small frame still arrives with its length in one read.
                let _ = self
                    .pending
                    .try_reclaim(INITIAL_INPUT.saturating_sub(filled));
            }
            if filled == self.pending.capacity() {
                // Full: at most double, so a forged length cannot make us allocate ahead of
                // the bytes that actually arrive.
                let grown = want.min(2 * filled).max(INITIAL_INPUT);
                self.pending.reserve(grown - filled);
            }
            let end = self.pending.capacity().min(filled + room);
            self.pending.resize(end, 0);
            let read = self.stream.read(&mut self.pending[filled..]);
            let n = *read.as_ref().unwrap_or(&0);
            self.pending.truncate(filled + n);
            match read {
                Ok(0) if filled == 0 => return Ok(false),
                Ok(0) => {
                    return Err(Error::new(
                        ErrorKind::UnexpectedEof,
                        format!(
                            "stream ended after {filled} of the {want} bytes of a frame \
                             (length prefix included)"
                        ),
                    ))
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(true)
    }

    /// Reads the next frame. `Ok(false)` if the stream ended cleanly before its header.
    fn read_frame(&mut self) -> Result<bool> {
        self.release_frame();
        if !self.receive(HEADER)? {
            return Ok(false);
        }
        let header: [u8; HEADER] = self.pending[..HEADER].try_into().expect("HEADER bytes");
        let len = i32::from_be_bytes(header);
        let len = crate::protocol::checked_len("frame size", len, self.max_frame_size, 0)?;
        // The length prefix is pending, so this cannot end cleanly: a short stream is an error.
        self.receive(HEADER + len)?;
        self.pending.advance(HEADER);
        self.frame = BytesInput::new(self.pending.split_to(len).freeze());
        self.in_frame = true;
        Ok(true)
    }

    /// The frame of the message being read, loading it on the message's first read. A
    /// message that reads past its frame's end is cut short: waiting for the next frame
    /// would stall a server on a truncated request until its timeout, then misread.
    #[inline]
    fn current(&mut self) -> Result<&mut BytesInput> {
        if self.frame_done() {
            if self.in_frame {
                return Err(past_frame_end(self.frame.position()));
            }
            if !self.read_frame()? {
                return Err(Error::new(ErrorKind::Closed, "connection closed"));
            }
        }
        Ok(&mut self.frame)
    }
}

#[cold]
fn past_frame_end(position: usize) -> Error {
    Error::new(
        ErrorKind::UnexpectedEof,
        "the message runs past the end of its frame",
    )
    .at(position)
}

impl<S: Read + Write> Input for FramedTransport<S> {
    #[inline]
    fn read_u8(&mut self) -> Result<u8> {
        self.current()?.read_u8()
    }
    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.current()?.read_array()
    }
    #[inline]
    fn read_vec(&mut self, len: usize) -> Result<Vec<u8>> {
        self.current()?.read_vec(len)
    }
    #[inline]
    fn buffered(&self) -> &[u8] {
        self.frame.buffered()
    }
    #[inline]
    fn advance(&mut self, n: usize) {
        self.frame.advance(n)
    }
    #[inline]
    fn read_bytes(&mut self, len: usize) -> Result<Bytes> {
        self.current()?.read_bytes(len)
    }
    #[inline]
    fn skip_bytes(&mut self, len: usize) -> Result<()> {
        self.current()?.skip_bytes(len)
    }
    #[inline]
    fn remaining(&self) -> Option<usize> {
        self.frame.remaining()
    }
    #[inline]
    fn position(&self) -> usize {
        self.frame.position()
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
        if !self.frame_done() {
            return Ok(true);
        }
        self.read_frame()
    }

    fn wait_for_message(&mut self) -> Result<bool> {
        if !self.frame_done() {
            return Ok(true);
        }
        self.release_frame();
        self.receive(1)
    }

    fn finish_message(&mut self) {
        self.release_frame();
    }

    fn is_framed(&self) -> bool {
        true
    }
}
