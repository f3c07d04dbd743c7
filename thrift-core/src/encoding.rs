//! The one-line API (`thrift_core::binary::to_vec`, `thrift_core::compact::from_slice`, ...)
//! and the [`Protocol`] trait that lets clients, servers and these helpers pick a protocol
//! by type.

use std::borrow::Borrow;

use bytes::{BufMut, Bytes};

use crate::codec::ThriftType;
use crate::error::{Error, ErrorKind, Result};
use crate::io::{BufMutOutput, BytesRefInput, Input, Output, SizeCounter, SliceInput};
use crate::limits::Limits;
use crate::protocol::binary::{BinaryInputProtocol, BinaryOutputProtocol};
use crate::protocol::compact::{CompactInputProtocol, CompactOutputProtocol};
use crate::protocol::json::{JsonInputProtocol, JsonOutputProtocol};
use crate::protocol::{InputProtocol, OutputProtocol};

/// A wire protocol, as a type: builds its reader and writer over any input or output.
pub trait Protocol {
    /// The reader over an input `I`.
    type Reader<I: Input>: InputProtocol;
    /// The writer over an output `O`.
    type Writer<O: Output>: OutputProtocol;

    /// A reader over `input` enforcing `limits`.
    fn reader<I: Input>(input: I, limits: Limits) -> Self::Reader<I>;
    /// A writer over `output` bounding depth by `limits`.
    fn writer<O: Output>(output: O, limits: Limits) -> Self::Writer<O>;

    /// Unwraps a reader, giving back its input.
    fn into_input<I: Input>(reader: Self::Reader<I>) -> I;
    /// Unwraps a writer, giving back its output.
    fn into_output<O: Output>(writer: Self::Writer<O>) -> O;
}

/// A protocol chosen at run time (from a flag, a config file); clients and servers turn it
/// into the static [`Binary`] or [`Compact`] once per message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProtocolKind {
    /// [`Binary`].
    #[default]
    Binary,
    /// [`Compact`].
    Compact,
    /// [`Json`].
    Json,
}

impl std::str::FromStr for ProtocolKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "binary" => Ok(ProtocolKind::Binary),
            "compact" => Ok(ProtocolKind::Compact),
            "json" => Ok(ProtocolKind::Json),
            _ => Err(Error::invalid(format!(
                "unknown protocol `{s}`; expected `binary`, `compact` or `json`"
            ))),
        }
    }
}

/// Runs `$body` with `$P` bound to the static protocol type for a [`ProtocolKind`].
macro_rules! with_protocol {
    ($kind:expr, $P:ident => $body:expr) => {
        match $kind {
            $crate::encoding::ProtocolKind::Binary => {
                type $P = $crate::encoding::Binary;
                $body
            }
            $crate::encoding::ProtocolKind::Compact => {
                type $P = $crate::encoding::Compact;
                $body
            }
            $crate::encoding::ProtocolKind::Json => {
                type $P = $crate::encoding::Json;
                $body
            }
        }
    };
}
pub(crate) use with_protocol;

/// Declares a protocol marker type and its [`Protocol`] impl over its reader and writer.
macro_rules! protocol {
    ($(#[$doc:meta])* $name:ident, $reader:ident, $writer:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $name;

        impl Protocol for $name {
            type Reader<I: Input> = $reader<I>;
            type Writer<O: Output> = $writer<O>;

            #[inline]
            fn reader<I: Input>(input: I, limits: Limits) -> Self::Reader<I> {
                $reader::with_limits(input, limits)
            }

            #[inline]
            fn writer<O: Output>(output: O, limits: Limits) -> Self::Writer<O> {
                $writer::with_limits(output, limits)
            }

            #[inline]
            fn into_input<I: Input>(reader: Self::Reader<I>) -> I {
                reader.into_inner()
            }

            #[inline]
            fn into_output<O: Output>(writer: Self::Writer<O>) -> O {
                writer.into_inner()
            }
        }
    };
}

protocol!(
    /// The binary protocol.
    Binary,
    BinaryInputProtocol,
    BinaryOutputProtocol
);
protocol!(
    /// The compact protocol.
    Compact,
    CompactInputProtocol,
    CompactOutputProtocol
);
protocol!(
    /// The JSON protocol (Apache's `TJSONProtocol`).
    Json,
    JsonInputProtocol,
    JsonOutputProtocol
);

/// Writes `value` to `output` with protocol `P`.
#[inline]
pub fn write_to<P: Protocol, T: ThriftType, O: Output>(value: &T, output: O) -> Result<()> {
    value.write(&mut P::writer(output, Limits::DEFAULT))
}

/// The exact number of bytes `value` encodes to with protocol `P`.
#[inline]
pub fn encoded_len<P: Protocol, T: ThriftType>(value: &T) -> Result<usize> {
    let mut counter = SizeCounter::default();
    write_to::<P, T, _>(value, &mut counter)?;
    Ok(counter.0)
}

/// How many bytes [`try_to_vec`] reserves before it writes.
const INITIAL_CAPACITY: usize = 512;

/// Encodes `value` into a new vector; fails only past the depth limit or for a string,
/// binary or container longer than `i32::MAX`. The vector may have spare capacity.
#[inline]
pub fn try_to_vec<P: Protocol, T: ThriftType>(value: &T) -> Result<Vec<u8>> {
    // No counting pass to size the vector exactly: it cost more than the growth it saved
    // (compact must size every varint twice) and instantiated every `write` a second time,
    // over `SizeCounter`. Starting at 512 bytes, small values never regrow and 1 KB ones
    // regrow once; `encoded_len` plus `write_to` give an exact buffer when that matters.
    let out = Vec::with_capacity(INITIAL_CAPACITY);
    // The vector moves into the writer, so writes reach it without a pointer to chase.
    let mut writer = P::writer(out, Limits::DEFAULT);
    value.write(&mut writer)?;
    Ok(P::into_output(writer))
}

/// Encodes `value` into a new vector; see [`try_to_vec`] for the only ways this can fail.
#[inline]
#[track_caller]
pub fn to_vec<P: Protocol, T: ThriftType>(value: &T) -> Vec<u8> {
    match try_to_vec::<P, T>(value) {
        Ok(out) => out,
        Err(e) => encode_failed(e),
    }
}

/// `to_vec`'s panic, out of line so each encoded type does not instantiate its formatting.
#[cold]
#[inline(never)]
#[track_caller]
fn encode_failed(e: Error) -> ! {
    panic!("cannot encode value: {e}")
}

/// Appends the encoding of `value` to `buf`, after checking that it fits (a fixed-size
/// `BufMut` would otherwise panic when full).
pub fn encode<P: Protocol, T: ThriftType, B: BufMut>(value: &T, buf: &mut B) -> Result<()> {
    let len = encoded_len::<P, T>(value)?;
    if len > buf.remaining_mut() {
        return Err(Error::new(
            ErrorKind::BufferTooSmall,
            format!(
                "value needs {len} bytes, the buffer has room for {}",
                buf.remaining_mut()
            ),
        ));
    }
    write_to::<P, T, _>(value, BufMutOutput(buf))
}

/// Decodes a `T` from `input`, which must hold exactly one value: trailing bytes are an
/// error, since they usually mean the wrong type or protocol was assumed.
#[inline]
pub fn read_all<P: Protocol, T: ThriftType, I: Input>(input: I, limits: Limits) -> Result<T> {
    // The input moves into the reader, so reads reach it without a pointer to chase.
    let mut reader = P::reader(input, limits);
    let value = T::read(&mut reader)?;
    expect_end(&P::into_input(reader))?;
    Ok(value)
}

/// Fails if `input` has bytes left. Kept apart from [`read_all`] so that each decoded type
/// instantiates only its own read, not this check and its error.
#[inline]
fn expect_end<I: Input>(input: &I) -> Result<()> {
    match input.remaining() {
        Some(extra) if extra > 0 => Err(trailing_bytes(extra, input.position())),
        _ => Ok(()),
    }
}

#[cold]
#[inline(never)]
fn trailing_bytes(extra: usize, position: usize) -> Error {
    Error::invalid(format!("{extra} trailing bytes after the value")).at(position)
}

/// Decodes a `T` from `bytes`, which must hold exactly one value.
#[inline]
pub fn from_slice<P: Protocol, T: ThriftType>(bytes: &[u8]) -> Result<T> {
    read_all::<P, T, _>(SliceInput::new(bytes), Limits::DEFAULT)
}

/// Decodes a `T` from `bytes` (a `Bytes` or a `&Bytes`), which must hold exactly one value;
/// `binary` fields typed as [`Bytes`] and [`Str`](crate::Str) fields share its memory instead
/// of being copied. Pass `&bytes` to keep the buffer: the decode then touches its reference
/// count only for the fields that share it.
#[inline]
pub fn from_bytes<P: Protocol, T: ThriftType>(bytes: impl Borrow<Bytes>) -> Result<T> {
    read_all::<P, T, _>(BytesRefInput::new(bytes.borrow()), Limits::DEFAULT)
}
