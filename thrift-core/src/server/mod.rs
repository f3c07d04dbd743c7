//! The server runtime: [`Processor`]s that turn requests into handler calls, the
//! [`ServerCall`] they work with, a thread-pool [`Server`], and a [`MultiplexedProcessor`]
//! that serves several services on one port.

mod call;
mod multiplex;
mod pool;

pub use self::call::ServerCall;
pub use self::multiplex::MultiplexedProcessor;
pub use self::pool::{serve, Server, ServerHandle, ShutdownTrigger};

use crate::error::Result;
use crate::transport::{Connection, Transport};

/// Dispatches one incoming message to a service's handler and writes the reply.
///
/// Generated `XProcessor` types implement this for every transport. It is object safe, so a
/// [`MultiplexedProcessor`] can hold processors of different services.
pub trait Processor<T: Transport = Connection>: Send + Sync + 'static {
    /// Handles the message whose header `call` holds. An `Err` means the connection can no
    /// longer be used (a transport failure, or a malformed message on an unframed stream);
    /// everything the client should hear about (unknown method, bad arguments, a failed or
    /// panicking handler) is sent to it as a `TApplicationException` instead.
    fn process(&self, call: &mut ServerCall<'_, T>) -> Result<()>;
}

impl<T: Transport, P: Processor<T> + ?Sized> Processor<T> for Box<P> {
    fn process(&self, call: &mut ServerCall<'_, T>) -> Result<()> {
        (**self).process(call)
    }
}

impl<T: Transport, P: Processor<T> + ?Sized> Processor<T> for std::sync::Arc<P> {
    fn process(&self, call: &mut ServerCall<'_, T>) -> Result<()> {
        (**self).process(call)
    }
}
