//! A transport chosen at run time: buffered or framed over the same stream type.

use std::io::{Read, Write};

use bytes::Bytes;

use super::{BufferedTransport, FramedTransport, Socket, Transport};
use crate::error::Result;
use crate::io::{Input, Output};
use crate::limits::Limits;

/// Which transport a client or server speaks; both peers must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TransportKind {
    /// Messages back to back on the stream (Apache's `TBufferedTransport`).
    #[default]
    Buffered,
    /// Each message behind a 4-byte length (Apache's `TFramedTransport`).
    Framed,
}

impl std::str::FromStr for TransportKind {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "buffered" => Ok(TransportKind::Buffered),
            "framed" => Ok(TransportKind::Framed),
            _ => Err(crate::Error::invalid(format!(
                "unknown transport `{s}`; expected `buffered` or `framed`"
            ))),
        }
    }
}

/// A buffered or framed transport over `S`, picked at run time. The choice costs one
/// predictable branch per call into the transport.
#[derive(Debug)]
pub enum AnyTransport<S> {
    /// Unframed.
    Buffered(BufferedTransport<S>),
    /// Framed.
    Framed(FramedTransport<S>),
}

/// What clients and servers use by default: a buffered or framed socket.
pub type Connection = AnyTransport<Socket>;

impl<S: Read + Write> AnyTransport<S> {
    /// Wraps `stream` in the transport of `kind`.
    pub fn new(kind: TransportKind, stream: S, limits: Limits) -> Self {
        match kind {
            TransportKind::Buffered => {
                AnyTransport::Buffered(BufferedTransport::with_limits(stream, limits))
            }
            TransportKind::Framed => {
                AnyTransport::Framed(FramedTransport::with_limits(stream, limits))
            }
        }
    }

    /// The stream.
    pub fn get_ref(&self) -> &S {
        match self {
            AnyTransport::Buffered(t) => t.get_ref(),
            AnyTransport::Framed(t) => t.get_ref(),
        }
    }

    /// The stream, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        match self {
            AnyTransport::Buffered(t) => t.get_mut(),
            AnyTransport::Framed(t) => t.get_mut(),
        }
    }
}

/// Calls the same method on whichever transport is inside.
macro_rules! each {
    ($self:ident, $t:ident => $e:expr) => {
        match $self {
            AnyTransport::Buffered($t) => $e,
            AnyTransport::Framed($t) => $e,
        }
    };
}

impl<S: Read + Write> Input for AnyTransport<S> {
    #[inline]
    fn read_u8(&mut self) -> Result<u8> {
        each!(self, t => t.read_u8())
    }
    #[inline]
    fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        each!(self, t => t.read_array())
    }
    #[inline]
    fn read_vec(&mut self, len: usize) -> Result<Vec<u8>> {
        each!(self, t => t.read_vec(len))
    }
    #[inline]
    fn buffered(&self) -> &[u8] {
        each!(self, t => t.buffered())
    }
    #[inline]
    fn advance(&mut self, n: usize) {
        each!(self, t => t.advance(n))
    }
    #[inline]
    fn read_bytes(&mut self, len: usize) -> Result<Bytes> {
        each!(self, t => t.read_bytes(len))
    }
    #[inline]
    fn skip_bytes(&mut self, len: usize) -> Result<()> {
        each!(self, t => t.skip_bytes(len))
    }
    #[inline]
    fn remaining(&self) -> Option<usize> {
        each!(self, t => t.remaining())
    }
    #[inline]
    fn position(&self) -> usize {
        each!(self, t => t.position())
    }
}

impl<S: Read + Write> Output for AnyTransport<S> {
    #[inline]
    fn put_u8(&mut self, byte: u8) {
        each!(self, t => t.put_u8(byte))
    }
    #[inline]
    fn put_slice(&mut self, bytes: &[u8]) {
        each!(self, t => t.put_slice(bytes))
    }
    #[inline]
    fn put_array<const N: usize>(&mut self, bytes: [u8; N]) {
        each!(self, t => t.put_array(bytes))
    }
    #[inline]
    fn reserve(&mut self, additional: usize) {
        each!(self, t => t.reserve(additional))
    }
    #[inline]
    fn put_each<T: Copy, B: AsRef<[u8]>>(
        &mut self,
        items: &[T],
        size: usize,
        convert: impl Fn(T) -> B,
    ) {
        each!(self, t => t.put_each(items, size, convert))
    }
}

impl<S: Read + Write> Transport for AnyTransport<S> {
    #[inline]
    fn flush(&mut self) -> Result<()> {
        each!(self, t => t.flush())
    }
    #[inline]
    fn next_message(&mut self) -> Result<bool> {
        each!(self, t => t.next_message())
    }
    #[inline]
    fn wait_for_message(&mut self) -> Result<bool> {
        each!(self, t => t.wait_for_message())
    }
    #[inline]
    fn finish_message(&mut self) {
        each!(self, t => t.finish_message())
    }
    #[inline]
    fn is_framed(&self) -> bool {
        each!(self, t => t.is_framed())
    }
}
