//! `TApplicationException`: the error a server sends instead of a reply when the call itself
//! failed (unknown method, bad arguments, handler crash), as opposed to an IDL-declared
//! exception.

use std::fmt;

use crate::codec::{read_field, write_field, ThriftType};
use crate::error::Result;
use crate::protocol::{InputProtocol, OutputProtocol, TType};

/// The standard `TApplicationException` type codes, plus any other code a peer sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ApplicationExceptionKind {
    /// 0: unknown failure.
    #[default]
    Unknown,
    /// 1: the server has no such method.
    UnknownMethod,
    /// 2: the message type was not a call.
    InvalidMessageType,
    /// 3: the reply names a different method.
    WrongMethodName,
    /// 4: the reply carries a different sequence id.
    BadSequenceId,
    /// 5: the reply has neither a result nor a declared exception.
    MissingResult,
    /// 6: the handler failed (e.g. panicked).
    InternalError,
    /// 7: the arguments could not be decoded.
    ProtocolError,
    /// 8: a transform (e.g. compression) failed.
    InvalidTransform,
    /// 9: the protocol is not supported.
    InvalidProtocol,
    /// 10: the client type is not supported.
    UnsupportedClientType,
    /// A code this library does not know, kept as sent.
    Other(i32),
}

impl ApplicationExceptionKind {
    /// The wire code.
    pub fn code(self) -> i32 {
        match self {
            Self::Unknown => 0,
            Self::UnknownMethod => 1,
            Self::InvalidMessageType => 2,
            Self::WrongMethodName => 3,
            Self::BadSequenceId => 4,
            Self::MissingResult => 5,
            Self::InternalError => 6,
            Self::ProtocolError => 7,
            Self::InvalidTransform => 8,
            Self::InvalidProtocol => 9,
            Self::UnsupportedClientType => 10,
            Self::Other(code) => code,
        }
    }

    /// The kind for a wire code; unknown codes are kept as [`Self::Other`].
    pub fn from_code(code: i32) -> Self {
        match code {
            0 => Self::Unknown,
            1 => Self::UnknownMethod,
            2 => Self::InvalidMessageType,
            3 => Self::WrongMethodName,
            4 => Self::BadSequenceId,
            5 => Self::MissingResult,
            6 => Self::InternalError,
            7 => Self::ProtocolError,
            8 => Self::InvalidTransform,
            9 => Self::InvalidProtocol,
            10 => Self::UnsupportedClientType,
            other => Self::Other(other),
        }
    }
}

/// Thrift's `TApplicationException { 1: string message, 2: i32 type }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ApplicationException {
    /// What went wrong, in words.
    pub message: String,
    /// What went wrong, as a code.
    pub kind: ApplicationExceptionKind,
}

impl ApplicationException {
    /// An exception of `kind` with `message`.
    pub fn new(kind: ApplicationExceptionKind, message: impl Into<String>) -> Self {
        ApplicationException {
            message: message.into(),
            kind,
        }
    }
}

impl fmt::Display for ApplicationException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} (type {})", self.kind, self.kind.code())?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApplicationException {}

const STRUCT_NAME: &str = "TApplicationException";

impl ThriftType for ApplicationException {
    const TTYPE: TType = TType::Struct;

    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_struct_begin(STRUCT_NAME)?;
        if !self.message.is_empty() {
            write_field(p, "message", 1, &self.message)?;
        }
        write_field(p, "type", 2, &self.kind.code())?;
        p.write_field_stop()?;
        p.write_struct_end()
    }

    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        let mut exception = ApplicationException::default();
        p.read_struct_begin()?;
        loop {
            let field = p.read_field_begin()?;
            match (field.ttype, field.id) {
                (TType::Stop, _) => break,
                (ttype, 1) => {
                    if let Some(message) =
                        read_field(p, ttype).map_err(|e| e.in_field(STRUCT_NAME, "message", 1))?
                    {
                        exception.message = message;
                    }
                }
                (ttype, 2) => {
                    if let Some(code) =
                        read_field(p, ttype).map_err(|e| e.in_field(STRUCT_NAME, "type", 2))?
                    {
                        exception.kind = ApplicationExceptionKind::from_code(code);
                    }
                }
                (ttype, _) => p.skip(ttype)?,
            }
            p.read_field_end()?;
        }
        p.read_struct_end()?;
        Ok(exception)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in -1..12 {
            assert_eq!(ApplicationExceptionKind::from_code(code).code(), code);
        }
    }

    #[test]
    fn binary_bytes_match_apache() {
        let e = ApplicationException::new(ApplicationExceptionKind::UnknownMethod, "no");
        let bytes = crate::binary::to_vec(&e);
        assert_eq!(
            bytes,
            [11, 0, 1, 0, 0, 0, 2, b'n', b'o', 8, 0, 2, 0, 0, 0, 1, 0]
        );
        assert_eq!(
            crate::binary::from_slice::<ApplicationException>(&bytes).unwrap(),
            e
        );
    }
}
