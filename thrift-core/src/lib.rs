//! Thrift for Rust: wire protocols, transports and the runtime behind `thrift!`.
//!
//! ```
//! use thrift_core::ApplicationException;
//!
//! let e = ApplicationException::new(thrift_core::ApplicationExceptionKind::UnknownMethod, "no");
//! let bytes = thrift_core::binary::to_vec(&e);
//! let back: ApplicationException = thrift_core::binary::from_slice(&bytes)?;
//! assert_eq!(back, e);
//! # Ok::<(), thrift_core::Error>(())
//! ```
//!
//! The pieces, bottom up:
//! - [`io`]: [`Input`](io::Input) and [`Output`](io::Output), the byte edges protocols read
//!   and write (slices, [`Bytes`](bytes::Bytes) without copying, sockets).
//! - [`protocol`]: [`InputProtocol`] / [`OutputProtocol`] with the binary, compact and JSON
//!   implementations.
//! - [`ThriftType`]: what a type implements to be encoded; generated code implements it.
//! - [`binary`] / [`compact`] / [`json`]: one-liners in the spirit of `serde_json::to_vec`.
//! - [`transport`]: memory, buffered and framed transports over TCP and Unix sockets.
//! - [`client`] and [`server`]: the RPC runtime behind generated clients and processors.

#![warn(missing_docs)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod application;
pub mod client;
mod codec;
mod encoding;
mod error;
pub mod io;
mod limits;
pub mod protocol;
pub mod server;
pub mod transport;
pub mod value;

pub use crate::application::{ApplicationException, ApplicationExceptionKind};
pub use crate::codec::{
    read_field, read_list_begin, write_field, OrderedFloat, Str, ThriftType, Uuid, VecMap, VecSet,
};
pub use crate::encoding::{Binary, Compact, Json, Protocol, ProtocolKind};
pub use crate::error::{Context, Error, ErrorKind, Result};
pub use crate::limits::Limits;
pub use crate::protocol::{
    FieldHeader, InputProtocol, ListHeader, MapHeader, MessageHeader, MessageType, OutputProtocol,
    TType,
};
pub use crate::transport::TransportKind;

#[cfg(feature = "macros")]
pub use thrift_macros::{thrift, ThriftStruct};

/// Generic forms of the one-liners, for code that is itself generic over the protocol.
pub mod encode {
    pub use crate::encoding::{
        encode, encoded_len, from_bytes, from_slice, read_all, to_vec, try_to_vec, write_to,
    };
}

macro_rules! one_liners {
    ($(#[$doc:meta])* $module:ident, $protocol:ident, $input:ident, $output:ident) => {
        $(#[$doc])*
        pub mod $module {
            use bytes::{BufMut, Bytes};

            use crate::encoding::{self, $protocol};
            use crate::{Result, ThriftType};

            pub use crate::protocol::$module::{$input, $output};

            /// Encodes `value` into a new vector. The vector starts at 512 bytes and grows
            /// as needed, so it may have spare capacity; [`encoded_len`] gives the exact
            /// size for a buffer of your own.
            ///
            /// # Panics
            ///
            /// Only for values nested deeper than the default depth limit (64) or holding a
            /// string, binary or container longer than `i32::MAX`; use [`try_to_vec`] for
            /// values built from untrusted data.
            #[inline]
            #[track_caller]
            pub fn to_vec<T: ThriftType>(value: &T) -> Vec<u8> {
                encoding::to_vec::<$protocol, T>(value)
            }

            /// Encodes `value` into a new vector, reporting the errors [`to_vec`] panics on.
            #[inline]
            pub fn try_to_vec<T: ThriftType>(value: &T) -> Result<Vec<u8>> {
                encoding::try_to_vec::<$protocol, T>(value)
            }

            /// Appends the encoding of `value` to a caller's buffer (a `Vec<u8>`, a
            /// `BytesMut`, a fixed `&mut [u8]`, ...); fails if it does not fit.
            #[inline]
            pub fn encode<T: ThriftType, B: BufMut>(value: &T, buf: &mut B) -> Result<()> {
                encoding::encode::<$protocol, T, B>(value, buf)
            }

            /// The exact number of bytes `value` encodes to.
            #[inline]
            pub fn encoded_len<T: ThriftType>(value: &T) -> Result<usize> {
                encoding::encoded_len::<$protocol, T>(value)
            }

            /// Decodes a `T` from `bytes`, which must hold exactly one value.
            #[inline]
            pub fn from_slice<T: ThriftType>(bytes: &[u8]) -> Result<T> {
                encoding::from_slice::<$protocol, T>(bytes)
            }

            /// Decodes a `T` from `bytes` (a `Bytes` or a `&Bytes`); `binary` fields typed
            /// as [`Bytes`] and [`Str`](crate::Str) fields share its memory instead of being
            /// copied.
            #[inline]
            pub fn from_bytes<T: ThriftType>(bytes: impl ::std::borrow::Borrow<Bytes>) -> Result<T> {
                encoding::from_bytes::<$protocol, T>(bytes)
            }
        }
    };
}

one_liners!(
    /// The binary protocol in one line: `to_vec`, `from_slice`, and friends.
    binary,
    Binary,
    BinaryInputProtocol,
    BinaryOutputProtocol
);
one_liners!(
    /// The compact protocol in one line: `to_vec`, `from_slice`, and friends.
    compact,
    Compact,
    CompactInputProtocol,
    CompactOutputProtocol
);
one_liners!(
    /// The JSON protocol (Apache's `TJSONProtocol`) in one line: `to_vec`, `from_slice`,
    /// and friends.
    json,
    Json,
    JsonInputProtocol,
    JsonOutputProtocol
);
