//! The fuzz targets' logic, shared by the cargo-fuzz crate (`fuzz/`) and the test that
//! replays every committed corpus and regression input (`tests/fuzz_replay.rs`), so a crash
//! the fuzzer finds stays fixed in the normal test suite.
//!
//! Every target feeds arbitrary bytes to one entry point and checks what must hold for any
//! input: no panic, and where something decodes, that it re-encodes to bytes that decode
//! to the same encoding again.

use std::io::{Cursor, Read, Write};

use thrift_core::encode::{from_bytes, from_slice, read_all, to_vec, try_to_vec};
use thrift_core::io::{Input, ReadInput, SliceInput};
use thrift_core::server::{Processor, ServerCall};
use thrift_core::transport::{BufferedTransport, FramedTransport, Transport};
use thrift_core::value::Value;
use thrift_core::{
    Binary, Compact, InputProtocol, Json, Limits, Protocol, ProtocolKind, TType, ThriftType,
};

/// Decodes `data` as `T` with protocol `P`; what decodes must round-trip stably. `S` is the
/// same IDL with `string_type = "Str"`, decoded from a borrowed `Bytes` (inline short strings,
/// shared long ones) and from a stream through `ReadInput` (values that arrived whole in one
/// read shared, the rest copied): each must accept exactly the inputs `T` accepts, and encode
/// the same.
pub fn decode<P: Protocol, T: ThriftType + std::fmt::Debug, S: ThriftType + std::fmt::Debug>(
    data: &[u8],
) {
    let shared = bytes::Bytes::copy_from_slice(data);
    let with_str = from_bytes::<P, S>(&shared);
    // A stream cannot tell trailing bytes from the next message: the decode is only
    // accepted if it ends where the data does.
    let mut stream = ReadInput::with_capacity(48, data);
    let streamed = read_all::<P, S, _>(&mut stream, Limits::DEFAULT)
        .ok()
        .filter(|_| stream.position() == data.len());
    let Ok(value) = from_slice::<P, T>(data) else {
        assert!(with_str.is_err(), "decodes with Str but not with String");
        assert!(
            streamed.is_none(),
            "decodes from a stream but not from a slice"
        );
        return;
    };
    let with_str = with_str.expect("decodes with String but not with Str");
    let streamed = streamed.expect("decodes from a slice but not from a stream");
    let expected = try_to_vec::<P, _>(&value).ok();
    assert_eq!(
        try_to_vec::<P, _>(&with_str).ok(),
        expected,
        "String and Str encode differently"
    );
    assert_eq!(
        try_to_vec::<P, _>(&streamed).ok(),
        expected,
        "decoding from a stream gave a different value"
    );
    // Past the depth limit a value may decode but not encode; that is an error, not a bug.
    let Ok(bytes) = try_to_vec::<P, _>(&value) else {
        return;
    };
    let again: T = from_slice::<P, T>(&bytes)
        .unwrap_or_else(|e| panic!("re-decoding our own encoding failed: {e}\n{value:?}"));
    assert_eq!(to_vec::<P, _>(&again), bytes, "the encoding is not stable");
}

/// Skips `data` as a struct, and decodes it as a dynamic value, in every protocol.
pub fn skip(data: &[u8]) {
    fn one<P: Protocol>(data: &[u8]) {
        let mut reader = P::reader(SliceInput::new(data), Limits::DEFAULT);
        let skipped = reader.skip(TType::Struct).is_ok();
        let decoded = from_slice::<P, Value>(data);
        // Anything that decodes as a value could be skipped too (the converse fails only
        // for trailing bytes, which `from_slice` rejects and skipping ignores).
        if decoded.is_ok() {
            assert!(skipped, "decoded as a Value but could not be skipped");
        }
    }
    one::<Binary>(data);
    one::<Compact>(data);
    one::<Json>(data);
}

/// Reads message headers in every protocol, binary both strict and lenient.
pub fn message_headers(data: &[u8]) {
    let _ =
        thrift_core::binary::BinaryInputProtocol::new(SliceInput::new(data)).read_message_begin();
    let _ = thrift_core::binary::BinaryInputProtocol::new(SliceInput::new(data))
        .strict(true)
        .read_message_begin();
    let _ =
        thrift_core::compact::CompactInputProtocol::new(SliceInput::new(data)).read_message_begin();
    let _ = thrift_core::json::JsonInputProtocol::new(SliceInput::new(data)).read_message_begin();
}

/// A stream that reads `data` and swallows writes.
pub struct Script {
    input: Cursor<Vec<u8>>,
    /// Everything written back.
    pub output: Vec<u8>,
}

impl Script {
    /// Reads `data`.
    pub fn new(data: &[u8]) -> Self {
        Script {
            input: Cursor::new(data.to_vec()),
            output: Vec::new(),
        }
    }
}

impl Read for Script {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Short reads on purpose: at most 7 bytes a call.
        let n = buf.len().min(7);
        self.input.read(&mut buf[..n])
    }
}

impl Write for Script {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.output.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Reads frames from `data` with a small frame limit, reading and skipping inside them.
pub fn framed(data: &[u8]) {
    let limits = Limits {
        max_frame_size: 4096,
        ..Limits::DEFAULT
    };
    let mut transport = FramedTransport::with_limits(Script::new(data), limits);
    for _ in 0..64 {
        match transport.next_message() {
            Ok(true) => {}
            Ok(false) | Err(_) => return,
        }
        let mut reader = Binary::reader(&mut transport, limits);
        let _ = reader.skip(TType::Struct);
        transport.finish_message();
    }
}

/// Serves `data` as a sequence of requests to `processor`, as the server would, over a
/// framed and an unframed transport in every protocol.
pub fn server_request<P>(data: &[u8], processor: &P)
where
    P: Processor<FramedTransport<Script>> + Processor<BufferedTransport<Script>>,
{
    fn serve<T: Transport, P: Processor<T>>(
        mut transport: T,
        processor: &P,
        protocol: ProtocolKind,
    ) {
        for _ in 0..64 {
            let call = ServerCall::next(&mut transport, protocol, Limits::DEFAULT);
            let Ok(Some(mut call)) = call else {
                return;
            };
            if processor.process(&mut call).is_err() {
                return;
            }
        }
    }
    for protocol in [
        ProtocolKind::Binary,
        ProtocolKind::Compact,
        ProtocolKind::Json,
    ] {
        serve(FramedTransport::new(Script::new(data)), processor, protocol);
        serve(
            BufferedTransport::new(Script::new(data)),
            processor,
            protocol,
        );
    }
}

/// Parses and resolves `data` as an IDL file.
pub fn idl(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let loaded = thrift_idl::load_str("fuzz.thrift", &text);
    // Rendering touches every span against the source: it must not panic either.
    let _ = loaded.render_diagnostics();
}

/// The generated types the targets decode and serve. The paths are literals relative to
/// the including crate's manifest (the repository root for the tests, `fuzz/` for the
/// fuzzers), which is why this is a macro.
macro_rules! generated_types {
    ($everything:literal, $include_dir:literal, $rpc:literal) => {
        /// Every IDL construct; `Everything` holds them all.
        pub mod everything {
            thrift_core::thrift!($everything, include_dirs = [$include_dir]);
        }

        /// The same, with `Str` for every string.
        pub mod everything_str {
            thrift_core::thrift!(
                $everything,
                include_dirs = [$include_dir],
                string_type = "Str"
            );
        }

        /// A service hierarchy to serve requests with.
        pub mod rpc {
            thrift_core::thrift!($rpc);

            /// Answers every call with a plain value; `crash` fails. (It must not panic:
            /// libFuzzer's panic hook aborts even on panics the server catches.)
            pub struct Handler;

            impl rpc_base::BaseService for Handler {
                fn name(&self) -> Result<String, thrift_core::Error> {
                    Ok("fuzz".into())
                }
                fn add(&self, a: i32, b: i32) -> Result<i32, thrift_core::Error> {
                    Ok(a.wrapping_add(b))
                }
            }

            impl Store for Handler {
                fn get(&self, id: i64) -> Result<Item, store::GetError> {
                    Ok(Item { id, label: None })
                }
                fn put(&self, _item: Item) -> Result<(), store::PutError> {
                    Ok(())
                }
                fn all(&self) -> Result<Vec<Item>, thrift_core::Error> {
                    Ok(Vec::new())
                }
                fn forget(&self, _id: i64) -> Result<(), thrift_core::Error> {
                    Ok(())
                }
                fn echo(&self, text: String, times: i32) -> Result<String, thrift_core::Error> {
                    Ok(text.repeat(times.clamp(0, 4) as usize))
                }
                fn crash(&self, how: String) -> Result<i32, thrift_core::Error> {
                    Err(thrift_core::Error::new(
                        thrift_core::ErrorKind::InvalidData,
                        how,
                    ))
                }
                fn slow(&self, _millis: i32) -> Result<(), thrift_core::Error> {
                    Ok(())
                }
            }
        }
    };
}
