//! The one error type of the crate.
//!
//! `Error` is a single pointer wide so that `Result<T, Error>` stays small on the hot decode path;
//! everything that describes the failure lives behind that pointer and is only built when
//! something actually goes wrong.

use std::borrow::Cow;
use std::fmt;
use std::io;

use crate::application::ApplicationException;

/// Shorthand used throughout the crate and by generated code.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What class of failure an [`Error`] is; stable enough to `match` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The underlying transport failed (see [`Error::io_error`]).
    Io,
    /// A read or write did not finish in time.
    TimedOut,
    /// The input ended in the middle of a value or message.
    UnexpectedEof,
    /// The peer closed the connection cleanly between two messages.
    Closed,
    /// The bytes do not follow the protocol: a bad type id, varint, UTF-8, bool, ...
    InvalidData,
    /// A length or count on the wire is negative.
    NegativeSize,
    /// A length, count, frame or message exceeds a configured [`Limits`](crate::Limits) value
    /// or the bytes that remain in the input.
    SizeLimit,
    /// Values are nested deeper than [`Limits::max_depth`](crate::Limits::max_depth).
    DepthLimit,
    /// A message header carries an unknown protocol id or version.
    BadVersion,
    /// A `required` field was absent while decoding a struct.
    MissingField,
    /// The peer answered with a `TApplicationException` (see [`Error::application_exception`]).
    Application,
    /// A reply did not match the call (wrong name, sequence id or message type).
    BadReply,
    /// A buffer supplied by the caller is too small for the encoded value.
    BufferTooSmall,
}

impl ErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ErrorKind::Io => "transport error",
            ErrorKind::TimedOut => "timed out",
            ErrorKind::UnexpectedEof => "unexpected end of input",
            ErrorKind::Closed => "connection closed",
            ErrorKind::InvalidData => "invalid data",
            ErrorKind::NegativeSize => "negative size",
            ErrorKind::SizeLimit => "size limit exceeded",
            ErrorKind::DepthLimit => "nesting depth limit exceeded",
            ErrorKind::BadVersion => "bad protocol version",
            ErrorKind::MissingField => "missing required field",
            ErrorKind::Application => "application exception",
            ErrorKind::BadReply => "bad reply",
            ErrorKind::BufferTooSmall => "buffer too small",
        }
    }
}

/// Where in a value an error happened, innermost first.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Context {
    /// Inside the field `field` (wire id `id`) of the struct, union or exception `strukt`.
    Field {
        /// The Thrift name of the struct, union or exception.
        strukt: &'static str,
        /// The Thrift name of the field.
        field: &'static str,
        /// The field id.
        id: i16,
    },
    /// Inside the struct, union or exception `strukt` (before any field was identified).
    Struct(&'static str),
    /// While handling the RPC method `name`.
    Method(String),
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Context::Field { strukt, field, id } => {
                write!(f, "field `{field}` (id {id}) of `{strukt}`")
            }
            Context::Struct(name) => write!(f, "`{name}`"),
            Context::Method(name) => write!(f, "method `{name}`"),
        }
    }
}

/// Every failure in this crate: transport, protocol, limits, missing fields, and exceptions sent
/// by a peer.
///
/// The message names what failed and, where known, the byte offset into the message and the
/// struct fields that were being decoded, e.g.
/// `invalid data: unknown type id 0x13 at byte 17 (in field `text` (id 2) of `Message`)`.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    message: Cow<'static, str>,
    offset: Option<usize>,
    context: Vec<Context>,
    io: Option<io::Error>,
    application: Option<ApplicationException>,
}

impl Error {
    /// Builds an error of `kind` with a human-readable message.
    #[cold]
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Error(Box::new(Inner {
            kind,
            message: message.into(),
            offset: None,
            context: Vec::new(),
            io: None,
            application: None,
        }))
    }

    /// The class of failure.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The message without offset and context.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Byte offset into the message (or input) where decoding failed, when known.
    pub fn offset(&self) -> Option<usize> {
        self.0.offset
    }

    /// The chain of fields being decoded when the error happened, innermost first.
    pub fn context(&self) -> &[Context] {
        &self.0.context
    }

    /// The transport error behind an [`ErrorKind::Io`] or [`ErrorKind::TimedOut`] error.
    pub fn io_error(&self) -> Option<&io::Error> {
        self.0.io.as_ref()
    }

    /// The exception a peer sent, for [`ErrorKind::Application`] errors.
    pub fn application_exception(&self) -> Option<&ApplicationException> {
        self.0.application.as_ref()
    }

    /// True for errors that mean "the peer went away", as opposed to "the peer misbehaved".
    pub fn is_disconnect(&self) -> bool {
        match self.0.kind {
            ErrorKind::Closed | ErrorKind::UnexpectedEof => true,
            ErrorKind::Io => self.0.io.as_ref().is_some_and(|e| {
                matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionReset
                        | io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::BrokenPipe
                        | io::ErrorKind::UnexpectedEof
                )
            }),
            _ => false,
        }
    }

    /// Records the byte offset where the failure was detected, unless one is already set.
    #[cold]
    pub fn at(mut self, offset: usize) -> Self {
        self.0.offset.get_or_insert(offset);
        self
    }

    /// Adds an enclosing context (outer frames are pushed after inner ones).
    #[cold]
    pub fn within(mut self, context: Context) -> Self {
        self.0.context.push(context);
        self
    }

    /// Adds "in field `field` (id `id`) of `strukt`" to the error; used by generated decoders.
    #[cold]
    pub fn in_field(self, strukt: &'static str, field: &'static str, id: i16) -> Self {
        self.within(Context::Field { strukt, field, id })
    }

    // Constructors for the common cases, kept here so messages are worded the same everywhere.

    #[cold]
    pub(crate) fn eof() -> Self {
        Error::new(
            ErrorKind::UnexpectedEof,
            "input ended in the middle of a value",
        )
    }

    #[cold]
    pub(crate) fn invalid(message: impl Into<Cow<'static, str>>) -> Self {
        Error::new(ErrorKind::InvalidData, message)
    }

    #[cold]
    pub(crate) fn size_limit(what: &str, len: usize, limit: usize) -> Self {
        Error::new(
            ErrorKind::SizeLimit,
            format!("{what} of {len} exceeds the limit of {limit}"),
        )
    }

    #[cold]
    pub(crate) fn negative_size(what: &str, len: i64) -> Self {
        Error::new(
            ErrorKind::NegativeSize,
            format!("{what} is negative ({len})"),
        )
    }

    /// A `required` field was not present in the input.
    #[cold]
    pub fn missing_field(strukt: &'static str, field: &'static str, id: i16) -> Self {
        Error::new(
            ErrorKind::MissingField,
            format!("`{field}` (id {id}) of `{strukt}`"),
        )
    }

    /// Wraps an exception received from a peer.
    #[cold]
    pub fn application(exception: ApplicationException) -> Self {
        let mut error = Error::new(ErrorKind::Application, exception.to_string());
        error.0.application = Some(exception);
        error
    }
}

impl From<io::Error> for Error {
    #[cold]
    fn from(e: io::Error) -> Self {
        let kind = match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => ErrorKind::TimedOut,
            io::ErrorKind::UnexpectedEof => ErrorKind::UnexpectedEof,
            _ => ErrorKind::Io,
        };
        let mut error = Error::new(kind, e.to_string());
        error.0.io = Some(e);
        error
    }
}

impl From<ApplicationException> for Error {
    fn from(e: ApplicationException) -> Self {
        Error::application(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.0;
        write!(f, "{}", inner.kind.describe())?;
        if !inner.message.is_empty() {
            write!(f, ": {}", inner.message)?;
        }
        if let Some(offset) = inner.offset {
            write!(f, " at byte {offset}")?;
        }
        for (i, context) in inner.context.iter().enumerate() {
            f.write_str(if i == 0 { " (in " } else { ", in " })?;
            write!(f, "{context}")?;
        }
        if !inner.context.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.0;
        let mut s = f.debug_struct("Error");
        s.field("kind", &inner.kind)
            .field("message", &inner.message);
        if let Some(offset) = inner.offset {
            s.field("offset", &offset);
        }
        if !inner.context.is_empty() {
            s.field("context", &inner.context);
        }
        if let Some(app) = &inner.application {
            s.field("application", app);
        }
        s.finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.io {
            Some(e) => Some(e),
            None => self
                .0
                .application
                .as_ref()
                .map(|e| e as &(dyn std::error::Error + 'static)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_pointer() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn display_names_offset_and_fields() {
        let e = Error::invalid("unknown type id 0x13")
            .at(17)
            .in_field("Message", "text", 2)
            .in_field("Envelope", "message", 1);
        assert_eq!(
            e.to_string(),
            "invalid data: unknown type id 0x13 at byte 17 \
             (in field `text` (id 2) of `Message`, in field `message` (id 1) of `Envelope`)"
        );
    }

    #[test]
    fn first_offset_wins() {
        assert_eq!(Error::eof().at(3).at(9).offset(), Some(3));
    }

    #[test]
    fn io_timeouts_are_classified() {
        let e = Error::from(io::Error::new(io::ErrorKind::WouldBlock, "slow"));
        assert_eq!(e.kind(), ErrorKind::TimedOut);
        assert!(e.io_error().is_some());
    }
}
