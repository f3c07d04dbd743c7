//! The only door generated code uses into this crate (`::thrift_core::__private::...`).
//!
//! Keeping every path generated code names in one hidden module means a user's own `Result`,
//! `Option` or `Vec` can never shadow ours, and the public API can evolve without breaking
//! expansions. Nothing here is for hand-written code.

pub use core::clone::Clone;
pub use core::default::Default;
pub use core::fmt;
pub use core::option::Option::{self, None, Some};
pub use core::result::Result;
pub use std::boxed::Box;
pub use std::collections::{BTreeMap, BTreeSet};
pub use std::error::Error as StdError;
pub use std::string::String;
pub use std::sync::LazyLock;
pub use std::vec::Vec;

pub use bytes::Bytes;

pub use std::net::ToSocketAddrs;
pub use std::ops::{Deref, DerefMut};
pub use std::sync::Arc;

pub use crate::client::{Client, ClientBuilder};
pub use crate::codec::{
    always, defaulted_field, if_set, optional_field, optional_field_with_default, read_default,
    read_elements_in_place, read_field, read_struct, read_struct_in_place, required_field,
    write_field, write_struct, FieldTable, OrderedFloat, Str, ThriftType, Uuid, VecMap, VecSet,
};
pub use crate::error::Error;
pub use crate::protocol::{InputProtocol, OutputProtocol, TType};
pub use crate::server::{Processor, ServerCall};
pub use crate::transport::{Connection, Transport};

/// Reads a field's value into `slot`, skipping it if its wire type is not `T`'s, and names
/// the struct and field in any error. Always inlined: as a call per field, its arguments
/// and the slot went through memory, which cost small structs 10-14% of their decode time.
#[inline(always)]
pub fn read_field_into<T: ThriftType, P: InputProtocol>(
    p: &mut P,
    ttype: TType,
    slot: &mut Option<T>,
    strukt: &'static str,
    field: &'static str,
    id: i16,
) -> Result<(), Error> {
    // `read_field`'s logic, but storing the value straight into its slot: going through
    // `Result<Option<T>>` cost big structs an extra `memcpy`.
    crate::codec::read_into(p, ttype, slot).map_err(|e| e.in_field(strukt, field, id))
}

/// Unwraps a `required` field, or reports which one is missing.
#[inline]
pub fn required<T>(
    slot: Option<T>,
    strukt: &'static str,
    field: &'static str,
    id: i16,
) -> Result<T, Error> {
    match slot {
        Some(value) => Ok(value),
        None => Err(Error::missing_field(strukt, field, id)),
    }
}

/// A closed enum received a value it does not declare.
#[cold]
pub fn unknown_enum_value(name: &'static str, value: i32) -> Error {
    Error::invalid(format!("{value} is not a value of enum `{name}`"))
}

/// A union arrived with no field it knows, or with more than one.
#[cold]
pub fn bad_union(name: &'static str, fields_set: usize) -> Error {
    if fields_set == 0 {
        Error::invalid(format!("union `{name}` has no known field set"))
    } else {
        Error::invalid(format!(
            "union `{name}` has {fields_set} fields set, expected one"
        ))
    }
}

/// A reply that set neither the result nor a declared exception.
#[cold]
pub fn missing_result(method: &'static str) -> Error {
    Error::application(crate::ApplicationException::new(
        crate::ApplicationExceptionKind::MissingResult,
        format!("`{method}` replied with neither a result nor a declared exception"),
    ))
}
