//! Unframed messages over a stream, buffered in both directions.

use std::io::{Read, Write};

use super::Transport;
use crate::error::Result;
use crate::io::ReadInput;
use crate::limits::Limits;

/// Apache's `TBufferedTransport`: messages follow each other on the stream with nothing
/// around them. Reads go through a buffer (short reads are fine); writes collect in memory
/// until [`Transport::flush`].
///
/// `binary` fields typed as `Bytes` and long [`Str`](crate::Str)s that arrived whole in one
/// read share the receive buffer instead of being copied; see [`ReadInput`] for what that
/// means for values you keep.
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

    /// Buffers `stream`, failing any incoming message longer than `limits.max_message_size`.
    pub fn with_limits(stream: S, limits: Limits) -> Self {
        let mut transport = Self::new(stream);
        transport.input = transport
            .input
            .with_max_message_size(limits.max_message_size);
        transport
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

crate::io::forward_input!(@[S: Read + Write] BufferedTransport<S>, input);
crate::io::forward_output!(@[S: Read + Write] BufferedTransport<S>, output);

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
