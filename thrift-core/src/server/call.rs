//! One request as a processor sees it: read the arguments, run the handler, write the reply.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::application::{ApplicationException, ApplicationExceptionKind};
use crate::codec::{FieldTable, Slots, ThriftType, WriteFields};
use crate::encoding::{with_protocol, Protocol, ProtocolKind};
use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;
use crate::protocol::{
    DynReader, DynWriter, InputProtocol, MessageHeader, MessageType, OutputProtocol, TType,
};
use crate::transport::Transport;

/// A request whose header has been read, waiting for its processor.
#[derive(Debug)]
pub struct ServerCall<'a, T> {
    transport: &'a mut T,
    protocol: ProtocolKind,
    limits: Limits,
    header: MessageHeader,
}

impl<'a, T: Transport> ServerCall<'a, T> {
    /// Reads the next message header from `transport`. `Ok(None)` means the client closed
    /// the connection between messages.
    pub fn next(
        transport: &'a mut T,
        protocol: ProtocolKind,
        limits: Limits,
    ) -> Result<Option<Self>> {
        if !transport.next_message()? {
            return Ok(None);
        }
        Self::begin(transport, protocol, limits).map(Some)
    }

    /// Reads the header of a message whose first bytes [`Transport::next_message`] saw.
    pub fn begin(transport: &'a mut T, protocol: ProtocolKind, limits: Limits) -> Result<Self> {
        let header = with_protocol!(protocol, P => {
            P::reader(&mut *transport, limits).read_message_begin()?
        });
        Ok(ServerCall {
            transport,
            protocol,
            limits,
            header,
        })
    }

    /// The method called (without a multiplexing prefix once a multiplexer routed it).
    pub fn method(&self) -> &str {
        &self.header.name
    }

    /// The message header.
    pub fn header(&self) -> &MessageHeader {
        &self.header
    }

    /// Replaces the method name; the multiplexer strips its `service:` prefix this way.
    pub fn set_method(&mut self, name: String) {
        self.header.name = name;
    }

    /// Answers a call: decodes the arguments `A`, runs `handler` (catching panics) and
    /// writes its result struct `R`, or a `TApplicationException` if anything failed.
    pub fn reply<A, R>(&mut self, handler: impl FnOnce(A) -> Result<R>) -> Result<()>
    where
        A: ThriftType,
        R: ThriftType,
    {
        self.answer(|r| A::read(r), handler, |w, result: &R| result.write(w))
    }

    /// [`reply`](Self::reply) as generated processors make it: the arguments' fields are
    /// read into `slots` as `args` describes them, `build` turns the slots into the handler's
    /// arguments (a missing `required` argument fails here, as a decoding error), and the
    /// handler's result is the fields of the struct `result` describes. A service so needs
    /// no argument or result type per method.
    #[doc(hidden)]
    pub fn reply_fields<S: Slots, A, R: WriteFields>(
        &mut self,
        args: &FieldTable,
        slots: S,
        build: impl FnOnce(S) -> Result<A>,
        result: &FieldTable,
        handler: impl FnOnce(A) -> Result<R>,
    ) -> Result<()> {
        self.answer(
            |r| read_table_args(r, args, slots, build),
            handler,
            |w, values: &R| result.write(w, values),
        )
    }

    /// Runs a `oneway` call: decodes the arguments and runs `handler`; nothing is sent back,
    /// so failures are dropped.
    pub fn oneway<A: ThriftType>(&mut self, handler: impl FnOnce(A) -> Result<()>) -> Result<()> {
        self.run_oneway(|r| A::read(r), handler)
    }

    /// [`oneway`](Self::oneway) as generated processors make it (see
    /// [`reply_fields`](Self::reply_fields)).
    #[doc(hidden)]
    pub fn oneway_fields<S: Slots, A>(
        &mut self,
        args: &FieldTable,
        slots: S,
        build: impl FnOnce(S) -> Result<A>,
        handler: impl FnOnce(A) -> Result<()>,
    ) -> Result<()> {
        self.run_oneway(|r| read_table_args(r, args, slots, build), handler)
    }

    /// Decodes the arguments with `read`, runs `handler` (catching panics) and writes its
    /// result with `write`, or a `TApplicationException` if anything failed.
    fn answer<A, R>(
        &mut self,
        read: impl FnOnce(&mut DynReader<'_>) -> Result<A>,
        handler: impl FnOnce(A) -> Result<R>,
        write: impl Fn(&mut DynWriter<'_>, &R) -> Result<()>,
    ) -> Result<()> {
        if let Some(outcome) = self.reject_non_call() {
            return outcome;
        }
        let args = match self.read_args(read)? {
            Ok(args) => args,
            Err(reported) => return reported,
        };
        match run(handler, args) {
            Ok(result) => self.write_message(MessageType::Reply, &mut |w| write(w, &result)),
            Err(exception) => self.write_exception(&exception),
        }
    }

    fn run_oneway<A>(
        &mut self,
        read: impl FnOnce(&mut DynReader<'_>) -> Result<A>,
        handler: impl FnOnce(A) -> Result<()>,
    ) -> Result<()> {
        match self.read_args(read)? {
            Ok(args) => {
                let _ = run(handler, args);
                Ok(())
            }
            Err(reported) => reported,
        }
    }

    /// Answers a call to a method no processor knows with `UNKNOWN_METHOD`.
    pub fn unknown_method(&mut self) -> Result<()> {
        let message = format!("unknown method `{}`", self.header.name);
        self.skip_args()?;
        self.write_exception(&ApplicationException::new(
            ApplicationExceptionKind::UnknownMethod,
            message,
        ))
    }

    /// Answers with `exception` after skipping the arguments.
    pub fn fail(&mut self, exception: ApplicationException) -> Result<()> {
        self.skip_args()?;
        self.write_exception(&exception)
    }

    /// A reply or exception sent *to* a server is answered with `INVALID_MESSAGE_TYPE`.
    fn reject_non_call(&mut self) -> Option<Result<()>> {
        match self.header.kind {
            MessageType::Call | MessageType::Oneway => None,
            kind => {
                let exception = ApplicationException::new(
                    ApplicationExceptionKind::InvalidMessageType,
                    format!("a server expects calls, not a {kind} message"),
                );
                Some(self.fail(exception))
            }
        }
    }

    fn skip_args(&mut self) -> Result<()> {
        let skipped = with_protocol!(self.protocol, P => {
            let mut reader = P::reader(&mut *self.transport, self.limits);
            reader.skip(TType::Struct).and_then(|()| reader.read_message_end())
        });
        self.transport.finish_message();
        self.check_resync(skipped)
    }

    /// Decodes the arguments with `read`. The outer error closes the connection; the inner
    /// one means the client was sent `PROTOCOL_ERROR` and the connection may go on.
    fn read_args<A>(
        &mut self,
        read: impl FnOnce(&mut DynReader<'_>) -> Result<A>,
    ) -> Result<std::result::Result<A, Result<()>>> {
        let (mut read, mut args) = (Some(read), None);
        let decoded = self.read_body(&mut |r| match read.take() {
            Some(read) => read(r).map(|a| args = Some(a)),
            None => Ok(()),
        })?;
        Ok(decoded.and_then(|()| {
            args.ok_or_else(|| Err(Error::invalid("the arguments decoded to nothing")))
        }))
    }

    /// Decodes the message body through `body`, as [`read_args`](Self::read_args) reports
    /// it. Not generic over the arguments: the protocol is picked here, and `body` sees it as
    /// a [`DynReader`], so each argument type's codec is compiled once, not once per protocol
    /// and transport.
    fn read_body(
        &mut self,
        body: &mut dyn FnMut(&mut DynReader<'_>) -> Result<()>,
    ) -> Result<std::result::Result<(), Result<()>>> {
        let decoded = with_protocol!(self.protocol, P => {
            let mut reader = P::reader(&mut *self.transport, self.limits);
            body(&mut DynReader::new(&mut reader)).and_then(|()| reader.read_message_end())
        });
        self.transport.finish_message();
        match decoded {
            Ok(()) => Ok(Ok(())),
            Err(e) if self.is_fatal(&e) => Err(e),
            Err(e) => {
                let exception = ApplicationException::new(
                    ApplicationExceptionKind::ProtocolError,
                    format!("cannot decode the arguments of `{}`: {e}", self.header.name),
                );
                let sent = self.write_exception(&exception);
                Ok(Err(sent.and_then(|()| self.check_resync(Err(e)))))
            }
        }
    }

    /// Whether `e` leaves the connection unusable: a transport failure, or anything that went
    /// wrong on an unframed stream, where the next message's start is now unknown. (Inside a
    /// frame, even running out of bytes is only a malformed message.)
    fn is_fatal(&self, e: &Error) -> bool {
        let transport = matches!(
            e.kind(),
            ErrorKind::Io | ErrorKind::TimedOut | ErrorKind::Closed
        );
        transport || (e.kind() == ErrorKind::UnexpectedEof && !self.transport.is_framed())
    }

    /// After a malformed message, only a framed transport knows where the next one starts.
    fn check_resync(&self, outcome: Result<()>) -> Result<()> {
        match outcome {
            Err(e) if self.is_fatal(&e) || !self.transport.is_framed() => Err(e),
            _ => Ok(()),
        }
    }

    fn write_exception(&mut self, exception: &ApplicationException) -> Result<()> {
        self.write_message(MessageType::Exception, &mut |w| exception.write(w))
    }

    /// Sends a message whose body `body` writes, through a [`DynWriter`] (see
    /// [`read_body`](Self::read_body) for why).
    fn write_message(
        &mut self,
        kind: MessageType,
        body: &mut dyn FnMut(&mut DynWriter<'_>) -> Result<()>,
    ) -> Result<()> {
        with_protocol!(self.protocol, P => {
            let mut writer = P::writer(&mut *self.transport, self.limits);
            writer.write_message_begin(&self.header.name, kind, self.header.seq)?;
            body(&mut DynWriter::new(&mut writer))?;
            writer.write_message_end()?;
        });
        self.transport.flush()
    }
}

/// Reads arguments described by a table into `slots` and builds the handler's arguments.
fn read_table_args<S: Slots, A>(
    r: &mut DynReader<'_>,
    args: &FieldTable,
    mut slots: S,
    build: impl FnOnce(S) -> Result<A>,
) -> Result<A> {
    args.read(r, &mut slots)?;
    build(slots)
}

/// Runs a handler, turning its errors and panics into the exception the client receives.
fn run<A, R>(handler: impl FnOnce(A) -> Result<R>, args: A) -> Result<R, ApplicationException> {
    match catch_unwind(AssertUnwindSafe(|| handler(args))) {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(e)) => Err(match e.application_exception() {
            Some(exception) => exception.clone(),
            None => {
                ApplicationException::new(ApplicationExceptionKind::InternalError, e.to_string())
            }
        }),
        Err(panic) => Err(ApplicationException::new(
            ApplicationExceptionKind::InternalError,
            format!("the handler panicked: {}", panic_message(&*panic)),
        )),
    }
}

fn panic_message(panic: &(dyn Any + Send)) -> &str {
    if let Some(message) = panic.downcast_ref::<&str>() {
        message
    } else if let Some(message) = panic.downcast_ref::<String>() {
        message
    } else {
        "(no message)"
    }
}
