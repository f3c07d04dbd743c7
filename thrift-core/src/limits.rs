//! Bounds on what a peer may make us allocate or recurse into.

/// Limits applied by every protocol reader, writer, transport and server.
///
/// The defaults are safe for untrusted input with no configuration: lengths read from the wire
/// are also checked against the bytes that actually remain where the input is a buffer, so a
/// few forged bytes can never make the decoder reserve gigabytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum nesting of structs and containers, on read, skip and write (Apache: 64).
    pub max_depth: usize,
    /// Maximum length in bytes of one `string` or `binary` value.
    pub max_string_len: usize,
    /// Maximum number of elements in one list, set or map.
    pub max_container_len: usize,
    /// Maximum size in bytes of one message read from a stream.
    pub max_message_size: usize,
    /// Maximum size in bytes of one frame of the framed transport (Apache: 16 MiB).
    pub max_frame_size: usize,
}

impl Limits {
    /// The defaults: depth 64, strings and messages up to 100 MiB, 16 Mi elements per
    /// container, frames up to 16 MiB.
    pub const DEFAULT: Limits = Limits {
        max_depth: 64,
        max_string_len: 100 * 1024 * 1024,
        max_container_len: 16 * 1024 * 1024,
        max_message_size: 100 * 1024 * 1024,
        max_frame_size: 16 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}
