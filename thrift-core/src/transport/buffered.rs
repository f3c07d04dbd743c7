//! Unframed messages over a stream, buffered in both directions.

use std::io::{Read, Write};

use bytes::Bytes;

use super::Transport;
use crate::error::Result;
use crate::io::{Input, Output, ReadInput};

/// Apache's `TBufferedTransport`: messages follow each other on the stream with nothing
/// around them. Reads go through a buffer (short reads are fine); writes collect in memory
/// until [`Transport::flush`].
#[derive(Debug)]
pub struct BufferedTransport<S> {
    input: ReadInput<S>,
    output: Vec<u8>,
}

impl<S: Read + Write> BufferedTransport<S> {
    /// Buffers `stream` with 8 KiB read and write buffers.
    pub fn new(stream: S) -> Self {
        Self::with_capacity(8 * 1024, 8 * 1024, stream)
    }

    /// Buffers `stream` with the given buffer sizes.
    pub fn with_capacity(read: usize, write: usize, stream: S) -> Self {
        BufferedTransport {
            input: ReadInput::with_capacity(read, stream),
            output: Vec::with_capacity(write),
        }
    }

    /// The stream.
    pub fn get_ref(&self) -> &S {
        self.input.get_ref()
    }

    /// The stream, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        self.input.get_mut()
    }

    /// Unwraps the stream; unsent and unread bytes are lost.
    pub fn into_inner(self) -> S {
        self.input.into_inner()
    }
}

impl<S: Read + Write> Input for BufferedTransport<S> {
    #[inline]
    fn read_u8(&mut self) -> Result<u8> {
        self.input.read_u8()
    }
    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.input.read_array()
    }
    #[inline]
    fn read_vec(&mut self, len: usize) -> Result<Vec<u8>> {
        self.input.read_vec(len)
    }
    #[inline]
    fn read_bytes(&mut self, len: usize) -> Result<Bytes> {
        self.input.read_bytes(len)
    }
    #[inline]
    fn skip_bytes(&mut self, len: usize) -> Result<()> {
        self.input.skip_bytes(len)
    }
    #[inline]
    fn remaining(&self) -> Option<usize> {
        None
    }
    #[inline]
    fn position(&self) -> usize {
        self.input.position()
    }
}

impl<S: Read + Write> Output for BufferedTransport<S> {
    #[inline]
    fn put_u8(&mut self, byte: u8) {
        self.output.push(byte)
    }
    #[inline]
    fn put_slice(&mut self, bytes: &[u8]) {
        self.output.extend_from_slice(bytes)
    }
    #[inline]
    fn reserve(&mut self, additional: usize) {
        self.output.reserve(additional)
    }
}

impl<S: Read + Write> Transport for BufferedTransport<S> {
    fn flush(&mut self) -> Result<()> {
        let stream = self.input.get_mut();
        let sent = stream.write_all(&self.output).and_then(|()| stream.flush());
        self.output.clear();
        sent.map_err(Into::into)
    }

    fn next_message(&mut self) -> Result<bool> {
        let more = self.input.peek_message_start()?.is_some();
        self.input.reset_position();
        Ok(more)
    }
}
