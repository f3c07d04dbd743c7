//! The sync client runtime behind generated `XClient` types.
//!
//! A [`Client`] owns a transport, writes each call as one message, and checks that the reply
//! belongs to it (message type, method name, sequence id). Generated clients wrap it and add
//! one typed method per IDL function.

use std::borrow::Cow;
use std::marker::PhantomData;
use std::net::ToSocketAddrs;
#[cfg(unix)]
use std::path::Path;
use std::time::Duration;

use crate::application::ApplicationException;
use crate::codec::{FieldTable, Slots, ThriftType, WriteFields};
use crate::encoding::{with_protocol, Protocol, ProtocolKind};
use crate::error::{Context, Error, ErrorKind, Result};
use crate::limits::Limits;
use crate::protocol::{DynReader, DynWriter, InputProtocol, MessageType, OutputProtocol};
use crate::transport::{Connection, Socket, SocketOptions, Transport, TransportKind};

/// A connection to a Thrift server that makes calls and checks their replies.
#[derive(Debug)]
pub struct Client<T = Connection> {
    transport: T,
    protocol: ProtocolKind,
    limits: Limits,
    seq: i32,
    service: Option<String>,
    broken: bool,
}

impl Client<Connection> {
    /// Connects over TCP with the binary protocol and the buffered transport, the defaults of
    /// Apache's and thriftpy2's servers.
    pub fn connect(addr: impl ToSocketAddrs) -> Result<Self> {
        ClientBuilder::new().connect_tcp(addr)
    }

    /// Configures protocol, transport, timeouts, limits or multiplexing before connecting.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }
}

impl<T: Transport> Client<T> {
    /// A client speaking `protocol` over an already connected `transport`.
    pub fn new(transport: T, protocol: ProtocolKind) -> Self {
        Client {
            transport,
            protocol,
            limits: Limits::DEFAULT,
            seq: 0,
            service: None,
            broken: false,
        }
    }

    /// Bounds what replies may make the client allocate or recurse into.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Prefixes method names with `service:` for a server behind a multiplexed processor.
    pub fn multiplexed(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The transport, mutably (e.g. to change socket timeouts).
    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// Unwraps the transport.
    pub fn into_transport(self) -> T {
        self.transport
    }

    /// Calls `method` with `args` and reads its result struct.
    ///
    /// Fails with [`ErrorKind::Application`] when the server answers with a
    /// `TApplicationException`, and with [`ErrorKind::BadReply`] when the reply is for another
    /// call. After a transport or protocol failure the connection may hold half a message, so
    /// every later call fails fast until the client is reconnected.
    pub fn call<A: ThriftType, R: ThriftType>(&mut self, method: &str, args: &A) -> Result<R> {
        self.guard(method, |client| {
            let seq = client.send(method, MessageType::Call, &mut |w| args.write(w))?;
            let mut result = None;
            client.receive(method, seq, &mut |r| R::read(r).map(|v| result = Some(v)))?;
            result.ok_or_else(|| bad_reply("the reply carried no result".into()))
        })
    }

    /// Sends a `oneway` call: nothing is read back.
    pub fn call_oneway<A: ThriftType>(&mut self, method: &str, args: &A) -> Result<()> {
        self.guard(method, |client| {
            client
                .send(method, MessageType::Oneway, &mut |w| args.write(w))
                .map(drop)
        })
    }

    /// [`call`](Self::call) as generated clients make it: the arguments are the fields
    /// `values` of the struct `args` describes, and the result's fields are read into
    /// `slots`, which come back. A service so needs no argument or result type per method.
    #[doc(hidden)]
    pub fn call_fields<A: WriteFields, S: Slots>(
        &mut self,
        method: &str,
        args: &FieldTable,
        values: A,
        result: &FieldTable,
        mut slots: S,
    ) -> Result<S> {
        self.guard(method, |client| {
            let seq = client.send(method, MessageType::Call, &mut |w| args.write(w, &values))?;
            client.receive(method, seq, &mut |r| result.read(r, &mut slots))?;
            Ok(slots)
        })
    }

    /// [`call_oneway`](Self::call_oneway) as generated clients make it (see
    /// [`call_fields`](Self::call_fields)).
    #[doc(hidden)]
    pub fn call_oneway_fields<A: WriteFields>(
        &mut self,
        method: &str,
        args: &FieldTable,
        values: A,
    ) -> Result<()> {
        self.guard(method, |client| {
            client
                .send(method, MessageType::Oneway, &mut |w| args.write(w, &values))
                .map(drop)
        })
    }

    /// Runs one call, naming the method in its error and marking the connection broken when
    /// the failure may have left it mid-message.
    fn guard<R>(&mut self, method: &str, call: impl FnOnce(&mut Self) -> Result<R>) -> Result<R> {
        if self.broken {
            return Err(Error::new(
                ErrorKind::Io,
                "the connection failed during an earlier call; reconnect",
            )
            .within(Context::Method(method.to_owned())));
        }
        call(self).map_err(|e| {
            if e.kind() != ErrorKind::Application {
                self.broken = true;
            }
            e.within(Context::Method(method.to_owned()))
        })
    }

    /// Sends one message whose body `args` writes. Not generic over the arguments: the
    /// protocol is picked here, once per transport type, and `args` sees it as a
    /// [`DynWriter`], so each argument type's codec is compiled once, not once per protocol.
    fn send(
        &mut self,
        method: &str,
        kind: MessageType,
        args: &mut dyn FnMut(&mut DynWriter<'_>) -> Result<()>,
    ) -> Result<i32> {
        self.seq = self.seq.wrapping_add(1);
        let name: Cow<'_, str> = match &self.service {
            Some(service) => Cow::Owned(format!("{service}:{method}")),
            None => Cow::Borrowed(method),
        };
        with_protocol!(self.protocol, P => {
            let mut writer = P::writer(&mut self.transport, self.limits);
            writer.write_message_begin(&name, kind, self.seq)?;
            args(&mut DynWriter::new(&mut writer))?;
            writer.write_message_end()?;
        });
        self.transport.flush()?;
        Ok(self.seq)
    }

    /// Reads the reply to call `seq`, its result struct through `result` (as [`send`](Self::send)
    /// writes arguments: through a [`DynReader`]).
    fn receive(
        &mut self,
        method: &str,
        seq: i32,
        result: &mut dyn FnMut(&mut DynReader<'_>) -> Result<()>,
    ) -> Result<()> {
        if !self.transport.next_message()? {
            return Err(Error::new(
                ErrorKind::Closed,
                "the server closed the connection instead of replying",
            ));
        }
        let outcome = with_protocol!(self.protocol, P => {
            self.read_reply::<P>(method, seq, result)
        });
        self.transport.finish_message();
        outcome
    }

    fn read_reply<P: Protocol>(
        &mut self,
        method: &str,
        seq: i32,
        result: &mut dyn FnMut(&mut DynReader<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut reader = P::reader(&mut self.transport, self.limits);
        let header = reader.read_message_begin()?;
        let same_method = header.name == method
            || header
                .name
                .strip_suffix(method)
                .is_some_and(|prefix| prefix.ends_with(':'));
        match header.kind {
            MessageType::Exception => {
                let exception = ApplicationException::read(&mut reader)?;
                reader.read_message_end()?;
                Err(Error::application(exception))
            }
            MessageType::Reply if header.seq != seq => Err(bad_reply(format!(
                "reply carries sequence id {}, the call had {seq}",
                header.seq
            ))),
            MessageType::Reply if !same_method => {
                Err(bad_reply(format!("reply is for method `{}`", header.name)))
            }
            MessageType::Reply => {
                result(&mut DynReader::new(&mut reader))?;
                reader.read_message_end()
            }
            other => Err(bad_reply(format!(
                "expected a reply, got a {other} message"
            ))),
        }
    }
}

#[cold]
fn bad_reply(message: String) -> Error {
    Error::new(ErrorKind::BadReply, message)
}

/// Configures and opens a client connection: `XClient::builder().compact().framed()
/// .read_timeout(..).connect_tcp(addr)`. `C` is what it builds: a [`Client`] or a generated
/// client type.
#[derive(Debug, Clone)]
pub struct ClientBuilder<C = Client> {
    protocol: ProtocolKind,
    transport: TransportKind,
    socket: SocketOptions,
    limits: Limits,
    service: Option<String>,
    target: PhantomData<fn() -> C>,
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder {
            protocol: ProtocolKind::default(),
            transport: TransportKind::default(),
            socket: SocketOptions::default(),
            limits: Limits::DEFAULT,
            service: None,
            target: PhantomData,
        }
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// Binary protocol, buffered transport, no timeouts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the protocol.
    pub fn protocol(mut self, protocol: ProtocolKind) -> Self {
        self.protocol = protocol;
        self
    }

    /// Uses the compact protocol.
    pub fn compact(self) -> Self {
        self.protocol(ProtocolKind::Compact)
    }

    /// Uses the JSON protocol.
    pub fn json(self) -> Self {
        self.protocol(ProtocolKind::Json)
    }

    /// Sets the transport.
    pub fn transport(mut self, transport: TransportKind) -> Self {
        self.transport = transport;
        self
    }

    /// Uses the framed transport.
    pub fn framed(self) -> Self {
        self.transport(TransportKind::Framed)
    }

    /// Bounds the time to establish a TCP connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.socket.connect_timeout = Some(timeout);
        self
    }

    /// Bounds each wait for reply bytes.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.socket.read_timeout = Some(timeout);
        self
    }

    /// Bounds each wait to send request bytes.
    pub fn write_timeout(mut self, timeout: Duration) -> Self {
        self.socket.write_timeout = Some(timeout);
        self
    }

    /// Sets all socket options at once.
    pub fn socket_options(mut self, options: SocketOptions) -> Self {
        self.socket = options;
        self
    }

    /// Bounds what replies may make the client allocate or recurse into.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Talks to `service` on a server with a multiplexed processor.
    pub fn multiplexed(mut self, service: impl Into<String>) -> Self {
        self.service = Some(service.into());
        self
    }

    /// Connects over TCP.
    pub fn connect_tcp(self, addr: impl ToSocketAddrs) -> Result<C> {
        let socket = Socket::connect_tcp(addr, &self.socket)?;
        Ok(self.finish(socket))
    }

    /// Connects to a Unix domain socket.
    #[cfg(unix)]
    pub fn connect_unix(self, path: impl AsRef<Path>) -> Result<C> {
        let socket = Socket::connect_unix(path, &self.socket)?;
        Ok(self.finish(socket))
    }

    fn finish(self, socket: Socket) -> C {
        let transport = Connection::new(self.transport, socket, self.limits);
        let mut client = Client::new(transport, self.protocol).with_limits(self.limits);
        client.service = self.service;
        C::from(client)
    }
}
