//! A transport over memory, for tests and for handling captured bytes.

use bytes::Bytes;

use super::Transport;
use crate::error::Result;
use crate::io::{BytesInput, Input};

/// Reads from a fixed buffer and collects what is written.
#[derive(Debug, Clone)]
pub struct MemoryTransport {
    input: BytesInput,
    output: Vec<u8>,
    flushed: usize,
}

impl MemoryTransport {
    /// A transport that will read `incoming`.
    pub fn new(incoming: impl Into<Bytes>) -> Self {
        MemoryTransport {
            input: BytesInput::new(incoming.into()),
            output: Vec::new(),
            flushed: 0,
        }
    }

    /// Everything written so far, flushed or not.
    pub fn written(&self) -> &[u8] {
        &self.output
    }

    /// Everything that was flushed so far.
    pub fn flushed(&self) -> &[u8] {
        &self.output[..self.flushed]
    }

    /// Takes the written bytes, leaving the output empty.
    pub fn take_written(&mut self) -> Vec<u8> {
        self.flushed = 0;
        std::mem::take(&mut self.output)
    }

    /// Replaces the bytes left to read.
    pub fn set_incoming(&mut self, incoming: impl Into<Bytes>) {
        self.input = BytesInput::new(incoming.into());
    }
}

crate::io::forward_input!(MemoryTransport, input);
crate::io::forward_output!(MemoryTransport, output);

impl Transport for MemoryTransport {
    fn flush(&mut self) -> Result<()> {
        self.flushed = self.output.len();
        Ok(())
    }

    fn next_message(&mut self) -> Result<bool> {
        Ok(self.input.remaining() != Some(0))
    }
}
