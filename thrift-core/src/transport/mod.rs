//! Sync transports: how bytes move between peers.
//!
//! A [`Transport`] is an [`Input`] for a protocol reader and an [`Output`] for a protocol
//! writer at once. Writes collect in memory and [`Transport::flush`] sends them in one system
//! call (one frame for the framed transport), so a message never leaves half-written and
//! Nagle's algorithm never delays a request behind its own length prefix.
//!
//! - [`MemoryTransport`]: reads from and writes to memory (tests, captures).
//! - [`BufferedTransport`]: unframed messages over any `Read + Write` stream.
//! - [`FramedTransport`]: messages with a 4-byte big-endian length prefix.
//! - [`Socket`] and [`Listener`]: TCP and Unix domain sockets with timeouts.

mod any;
mod buffered;
mod framed;
mod memory;
mod socket;

pub use self::any::{AnyTransport, Connection, TransportKind};
pub use self::buffered::BufferedTransport;
pub use self::framed::FramedTransport;
pub use self::memory::MemoryTransport;
pub use self::socket::{Listener, Socket, SocketOptions};

use crate::error::Result;
use crate::io::{Input, Output};

/// A bidirectional message channel for protocol readers and writers.
pub trait Transport: Input + Output {
    /// Sends everything written since the last flush.
    fn flush(&mut self) -> Result<()>;

    /// Waits for the next incoming message. Returns `false` when the peer closed the
    /// connection cleanly before sending any byte of it, which is how a server tells a
    /// finished client from a broken one. Also restarts error offsets at zero.
    fn next_message(&mut self) -> Result<bool>;

    /// Waits until the first byte of the next message has arrived, without reading the
    /// message itself; `false` as for [`Transport::next_message`]. A server starts a
    /// request's clock here, so a client cannot trickle a frame in under the radar.
    fn wait_for_message(&mut self) -> Result<bool> {
        self.next_message()
    }

    /// Ends the message just read. The framed transport drops whatever its frame still holds,
    /// so trailing bytes of one message can never be taken for the start of the next.
    fn finish_message(&mut self) {}

    /// Whether message boundaries survive a message that could not be parsed: true for the
    /// framed transport, false for a plain stream, which must then be closed.
    fn is_framed(&self) -> bool {
        false
    }
}

impl<T: Transport + ?Sized> Transport for &mut T {
    #[inline]
    fn flush(&mut self) -> Result<()> {
        (**self).flush()
    }

    #[inline]
    fn next_message(&mut self) -> Result<bool> {
        (**self).next_message()
    }

    #[inline]
    fn wait_for_message(&mut self) -> Result<bool> {
        (**self).wait_for_message()
    }

    #[inline]
    fn finish_message(&mut self) {
        (**self).finish_message()
    }

    #[inline]
    fn is_framed(&self) -> bool {
        (**self).is_framed()
    }
}
