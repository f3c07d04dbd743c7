//! Wire type ids and message types, with the numbers the binary protocol uses.

use std::fmt;

use crate::error::{Error, Result};

/// A Thrift wire type. The discriminants are the binary protocol's type ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum TType {
    /// End of a struct's fields.
    Stop = 0,
    /// No value (only meaningful as a function's return type).
    Void = 1,
    /// `bool`
    Bool = 2,
    /// `byte` / `i8`
    I8 = 3,
    /// `double`
    Double = 4,
    /// `i16`
    I16 = 6,
    /// `i32` (and enums)
    I32 = 8,
    /// `i64`
    I64 = 10,
    /// `string` and `binary`
    String = 11,
    /// `struct`, `union` and `exception`
    Struct = 12,
    /// `map`
    Map = 13,
    /// `set`
    Set = 14,
    /// `list`
    List = 15,
    /// `uuid`
    Uuid = 16,
}

impl TType {
    /// Parses a binary-protocol type id.
    #[inline]
    pub fn from_u8(id: u8) -> Result<TType> {
        Ok(match id {
            0 => TType::Stop,
            1 => TType::Void,
            2 => TType::Bool,
            3 => TType::I8,
            4 => TType::Double,
            6 => TType::I16,
            8 => TType::I32,
            10 => TType::I64,
            11 => TType::String,
            12 => TType::Struct,
            13 => TType::Map,
            14 => TType::Set,
            15 => TType::List,
            16 => TType::Uuid,
            _ => return Err(unknown_type(id)),
        })
    }

    /// Parses a type id that must describe a value (not `Stop` or `Void`), e.g. a container's
    /// element type.
    #[inline]
    pub fn value_type(id: u8) -> Result<TType> {
        match TType::from_u8(id)? {
            TType::Stop | TType::Void => Err(unknown_type(id)),
            t => Ok(t),
        }
    }

    /// The IDL name of the type.
    pub fn name(self) -> &'static str {
        match self {
            TType::Stop => "stop",
            TType::Void => "void",
            TType::Bool => "bool",
            TType::I8 => "i8",
            TType::Double => "double",
            TType::I16 => "i16",
            TType::I32 => "i32",
            TType::I64 => "i64",
            TType::String => "string",
            TType::Struct => "struct",
            TType::Map => "map",
            TType::Set => "set",
            TType::List => "list",
            TType::Uuid => "uuid",
        }
    }
}

#[cold]
fn unknown_type(id: u8) -> Error {
    Error::invalid(format!("unknown type id {id:#04x}"))
}

impl fmt::Display for TType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a message is: the four kinds the protocols carry in their headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum MessageType {
    /// A request that expects a reply.
    Call = 1,
    /// A normal reply (which may carry a declared exception).
    Reply = 2,
    /// A `TApplicationException` instead of a reply.
    Exception = 3,
    /// A request that expects no reply.
    Oneway = 4,
}

impl MessageType {
    /// Parses a message type number.
    pub fn from_u8(id: u8) -> Result<MessageType> {
        Ok(match id {
            1 => MessageType::Call,
            2 => MessageType::Reply,
            3 => MessageType::Exception,
            4 => MessageType::Oneway,
            _ => return Err(Error::invalid(format!("unknown message type {id}"))),
        })
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MessageType::Call => "call",
            MessageType::Reply => "reply",
            MessageType::Exception => "exception",
            MessageType::Oneway => "oneway",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_its_id() {
        for id in 0..=255u8 {
            if let Ok(t) = TType::from_u8(id) {
                assert_eq!(t as u8, id);
            }
        }
        assert!(TType::from_u8(5).is_err());
        assert!(TType::from_u8(17).is_err());
        assert!(TType::value_type(0).is_err());
    }
}
