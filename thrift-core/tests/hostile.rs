//! Hostile input, one named test per attack and protocol (the classes behind a decade of
//! Thrift CVEs): every case must end in an `Error` (or, for data from a newer schema, in a
//! value), without a panic, unbounded recursion, or a heap that grows past a few KiB plus a
//! small multiple of the input. A counting allocator measures the peak heap of each decode, per
//! thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::{Mutex, MutexGuard};

use thrift_core::io::{ReadInput, SliceInput};
use thrift_core::value::Value;
use thrift_core::{
    encode, Binary, Compact, Error, ErrorKind, InputProtocol, Limits, Protocol, TType, ThriftStruct,
};

struct Counting;

thread_local! {
    /// Each thread's own heap use and its peak: tests run on parallel threads, and a
    /// neighbour's allocations must not count against the decode being measured.
    static CURRENT: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn grew(by: usize) {
    let _ = CURRENT.try_with(|current| {
        let now = current.get() + by as isize;
        current.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn shrank(by: usize) {
    let _ = CURRENT.try_with(|current| current.set(current.get() - by as isize));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grew(new_size - layout.size());
        } else {
            shrank(layout.size() - new_size);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Tests that measure the heap also run one at a time, so that timing-sensitive ones do not
/// compete for the two cores.
fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f`, returning its result and the peak heap growth of this thread while it ran.
fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.with(Cell::get);
    PEAK.with(|peak| peak.set(base));
    let out = f();
    (out, (PEAK.with(Cell::get) - base).max(0) as usize)
}

/// The heap a decode of `input_len` bytes may use: a few KiB (a stream buffer, an error)
/// plus a small multiple of the input.
fn budget(input_len: usize) -> usize {
    32 * 1024 + 8 * input_len
}

/// Builds hostile bytes for one protocol: headers with whatever lengths and types we like.
trait Wire: Protocol {
    fn field(ttype: TType, id: i16) -> Vec<u8>;
    fn length(len: i32) -> Vec<u8>;
    fn list(element: TType, len: i32) -> Vec<u8>;
    fn map(key: TType, value: TType, len: i32) -> Vec<u8>;
}

impl Wire for Binary {
    fn field(ttype: TType, id: i16) -> Vec<u8> {
        let mut out = vec![ttype as u8];
        out.extend(id.to_be_bytes());
        out
    }
    fn length(len: i32) -> Vec<u8> {
        len.to_be_bytes().to_vec()
    }
    fn list(element: TType, len: i32) -> Vec<u8> {
        let mut out = vec![element as u8];
        out.extend(len.to_be_bytes());
        out
    }
    fn map(key: TType, value: TType, len: i32) -> Vec<u8> {
        let mut out = vec![key as u8, value as u8];
        out.extend(len.to_be_bytes());
        out
    }
}

fn compact_type(ttype: TType) -> u8 {
    match ttype {
        TType::Bool => 1,
        TType::I8 => 3,
        TType::I16 => 4,
        TType::I32 => 5,
        TType::I64 => 6,
        TType::Double => 7,
        TType::String => 8,
        TType::List => 9,
        TType::Set => 10,
        TType::Map => 11,
        TType::Struct => 12,
        TType::Uuid => 13,
        TType::Stop | TType::Void => 0,
    }
}

fn varint(mut value: u32) -> Vec<u8> {
    let mut out = Vec::new();
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
    out
}

impl Wire for Compact {
    fn field(ttype: TType, id: i16) -> Vec<u8> {
        assert!((1..=15).contains(&id));
        vec![(id as u8) << 4 | compact_type(ttype)]
    }
    fn length(len: i32) -> Vec<u8> {
        varint(len as u32)
    }
    fn list(element: TType, len: i32) -> Vec<u8> {
        let mut out = vec![0xf0 | compact_type(element)];
        out.extend(varint(len as u32));
        out
    }
    fn map(key: TType, value: TType, len: i32) -> Vec<u8> {
        let mut out = varint(len as u32);
        out.push(compact_type(key) << 4 | compact_type(value));
        out
    }
}

/// Decodes `bytes` as a dynamic struct from a slice and from a stream; both must fail
/// within the heap budget. Returns the slice's error for further checks.
fn rejects<P: Protocol>(bytes: &[u8]) -> Error {
    let (slice, slice_peak) =
        peak_heap(|| encode::read_all::<P, Value, _>(SliceInput::new(bytes), Limits::DEFAULT));
    let (stream, stream_peak) =
        peak_heap(|| encode::read_all::<P, Value, _>(ReadInput::new(bytes), Limits::DEFAULT));
    let budget = budget(bytes.len());
    let stream_error = stream.expect_err("hostile input must not decode from a stream");
    assert!(
        stream_peak <= budget,
        "stream: peak {stream_peak} > {budget}: {stream_error}"
    );
    let error = slice.expect_err("hostile input must not decode from a slice");
    assert!(
        slice_peak <= budget,
        "slice: peak {slice_peak} > {budget}: {error}"
    );
    error
}

fn struct_with<P: Wire>(ttype: TType, body: &[u8]) -> Vec<u8> {
    let mut out = P::field(ttype, 1);
    out.extend(body);
    out
}

/// Defines one test per protocol: `mod $name { fn binary(); fn compact(); }`.
macro_rules! both {
    ($(#[$doc:meta])* $name:ident, $body:ident) => {
        $(#[$doc])*
        mod $name {
            #[test]
            fn binary() {
                let _serial = super::serial();
                super::$body::<thrift_core::Binary>();
            }
            #[test]
            fn compact() {
                let _serial = super::serial();
                super::$body::<thrift_core::Compact>();
            }
        }
    };
}

fn negative_length_body<P: Wire>() {
    let err = rejects::<P>(&struct_with::<P>(TType::String, &P::length(-1)));
    assert_eq!(err.kind(), ErrorKind::NegativeSize, "{err}");
}
both!(
    /// `string` and `binary` share a wire type: one length of -1 covers both.
    negative_string_and_binary_lengths,
    negative_length_body
);

fn max_length_body<P: Wire>() {
    let mut bytes = struct_with::<P>(TType::String, &P::length(i32::MAX));
    bytes.extend(b"only a few bytes");
    let err = rejects::<P>(&bytes);
    assert!(
        matches!(err.kind(), ErrorKind::SizeLimit | ErrorKind::UnexpectedEof),
        "{err}"
    );
}
both!(i32_max_string_and_binary_lengths, max_length_body);

fn container_lengths_body<P: Wire>() {
    for len in [-1, i32::MAX] {
        let expected = if len < 0 {
            ErrorKind::NegativeSize
        } else {
            ErrorKind::SizeLimit
        };
        for (ttype, header) in [
            (TType::List, P::list(TType::I32, len)),
            (TType::Set, P::list(TType::I64, len)),
            (TType::Map, P::map(TType::String, TType::I32, len)),
        ] {
            let err = rejects::<P>(&struct_with::<P>(ttype, &header));
            assert_eq!(err.kind(), expected, "{ttype} of {len}: {err}");
        }
    }
}
both!(
    /// Lists, sets and maps declaring -1 and `i32::MAX` elements.
    negative_and_i32_max_container_lengths,
    container_lengths_body
);

fn larger_than_input_body<P: Wire>() {
    // 1,000 structs claimed, ten bytes present: the classic amplification (each element is
    // one byte on the wire but far more in memory).
    for (ttype, header) in [
        (TType::List, P::list(TType::Struct, 1000)),
        (TType::Set, P::list(TType::Struct, 1000)),
        (TType::Map, P::map(TType::I8, TType::Struct, 1000)),
    ] {
        let mut bytes = struct_with::<P>(ttype, &header);
        bytes.extend([0u8; 10]);
        let err = rejects::<P>(&bytes);
        assert!(
            matches!(err.kind(), ErrorKind::SizeLimit | ErrorKind::UnexpectedEof),
            "{ttype}: {err}"
        );
    }
}
both!(
    containers_declared_larger_than_the_input,
    larger_than_input_body
);

fn nested_lists<P: Wire>(depth: usize) -> Vec<u8> {
    let mut bytes = P::field(TType::List, 1);
    for _ in 0..depth {
        bytes.extend(P::list(TType::List, 1));
    }
    bytes
}

fn deep_read_body<P: Wire>() {
    let err = rejects::<P>(&nested_lists::<P>(100_000));
    assert_eq!(err.kind(), ErrorKind::DepthLimit, "{err}");
}
both!(hundred_thousand_levels_on_read, deep_read_body);

fn deep_skip_body<P: Wire>() {
    let bytes = nested_lists::<P>(100_000);
    let (result, peak) = peak_heap(|| {
        let mut reader = P::reader(SliceInput::new(&bytes), Limits::DEFAULT);
        reader.skip(TType::Struct)
    });
    assert_eq!(result.unwrap_err().kind(), ErrorKind::DepthLimit);
    assert!(peak <= budget(bytes.len()));
}
both!(hundred_thousand_levels_on_skip, deep_skip_body);

fn deep_write_body<P: Protocol>() {
    let mut value = Value::I32(1);
    for _ in 0..100_000 {
        let element = value.ttype();
        value = Value::List(element, vec![value]);
    }
    let value = Value::Struct(vec![(1, value)]);
    let result = encode::try_to_vec::<P, _>(&value);
    assert_eq!(result.unwrap_err().kind(), ErrorKind::DepthLimit);
    // Dropping a 100,000-deep value recurses; take it apart iteratively.
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Struct(fields) => stack.extend(fields.into_iter().map(|(_, v)| v)),
            Value::List(_, items) => stack.extend(items),
            _ => {}
        }
    }
}
both!(hundred_thousand_levels_on_write, deep_write_body);

fn unknown_type_ids_body<P: Wire>() {
    // Type ids no protocol assigns, as a field type and as a container element type.
    let field_types: &[u8] = if P::field(TType::I8, 1)[0] == TType::I8 as u8 {
        &[5, 7, 9, 17, 0x7f, 0xff]
    } else {
        &[0x1e, 0x1f]
    };
    for &raw in field_types {
        let mut bytes = if raw > 0x10 && raw < 0x20 {
            vec![raw]
        } else {
            vec![raw, 0, 1]
        };
        bytes.push(0);
        let err = rejects::<P>(&bytes);
        assert_eq!(err.kind(), ErrorKind::InvalidData, "{raw:#x}: {err}");
    }
    let mut list = P::field(TType::List, 1);
    list.extend(P::list(TType::Stop, 1));
    assert_eq!(rejects::<P>(&list).kind(), ErrorKind::InvalidData);
}
both!(unknown_and_invalid_type_ids, unknown_type_ids_body);

fn invalid_utf8_body<P: Wire>() {
    #[derive(ThriftStruct, Debug)]
    struct Text {
        #[thrift(id = 1)]
        text: Option<String>,
    }
    let mut bytes = struct_with::<P>(TType::String, &P::length(2));
    bytes.extend([0xc3, 0x28, 0]);
    let err = encode::from_slice::<P, Text>(&bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    assert!(
        err.to_string().contains("field `text` (id 1) of `Text`"),
        "{err}"
    );
    // A string validated where it lies (in the input's buffer) and one read out first
    // (longer than a small reader's buffer) fail alike, at the bad byte's offset.
    let mut text = vec![b'a'; 40];
    text[30] = 0xff;
    let mut bytes = struct_with::<P>(TType::String, &P::length(40));
    let start = bytes.len();
    bytes.extend(&text);
    bytes.push(0);
    let in_place = encode::from_slice::<P, Text>(&bytes).unwrap_err();
    let read_out =
        encode::read_all::<P, Text, _>(ReadInput::with_capacity(16, &bytes[..]), Limits::DEFAULT)
            .unwrap_err();
    assert_eq!(in_place.to_string(), read_out.to_string());
    assert!(
        in_place
            .to_string()
            .contains(&format!("at byte {}", start + 30)),
        "{in_place}"
    );
    // As an unknown field the same bytes are skipped without a look at their encoding.
    #[derive(ThriftStruct, Debug)]
    struct Empty {}
    encode::from_slice::<P, Empty>(&bytes).expect("skipped");
}
both!(invalid_utf8_in_a_string_field, invalid_utf8_body);

fn truncation_body<P: Wire>() {
    let row = |i: i64| {
        Value::Struct(vec![
            (1, Value::I64(i)),
            (2, Value::string(&format!("row number {i}"))),
            (
                3,
                Value::List(TType::Double, vec![Value::Double(i as f64); 3]),
            ),
            (
                4,
                Value::Map(
                    TType::String,
                    TType::Bool,
                    vec![(Value::string("k"), Value::Bool(i % 2 == 0))],
                ),
            ),
        ])
    };
    let value = Value::Struct(vec![
        (1, Value::List(TType::Struct, (0..60).map(row).collect())),
        (2, Value::Binary(vec![7u8; 300].into())),
    ]);
    let bytes = encode::to_vec::<P, _>(&value);
    assert!(bytes.len() > 3000, "a large message: {} bytes", bytes.len());
    for cut in 0..bytes.len() {
        let err = encode::from_slice::<P, Value>(&bytes[..cut]).expect_err("truncated");
        assert!(
            matches!(err.kind(), ErrorKind::UnexpectedEof | ErrorKind::SizeLimit),
            "cut at {cut}: {err}"
        );
    }
    assert_eq!(encode::from_slice::<P, Value>(&bytes).unwrap(), value);
}
both!(truncation_at_every_byte_offset, truncation_body);

#[derive(ThriftStruct, Debug, Clone, Copy, PartialEq)]
struct Level(i32);

#[derive(ThriftStruct, Debug, PartialEq)]
enum Choice {
    #[thrift(id = 1)]
    Number(i32),
    #[thrift(id = 2)]
    Text(String),
}

#[derive(ThriftStruct, Debug, PartialEq)]
struct Known {
    #[thrift(id = 1)]
    level: Option<Level>,
    #[thrift(id = 2)]
    choice: Option<Choice>,
}

fn newer_schema_body<P: Wire>() {
    // Unknown fields (of every type) are skipped; an unknown enum value is kept as a number.
    let value = Value::Struct(vec![
        (1, Value::I32(99)),
        (7, Value::Struct(vec![(1, Value::string("new"))])),
        (8, Value::Map(TType::I16, TType::Uuid, vec![])),
        (9, Value::Set(TType::Double, vec![Value::Double(1.0)])),
    ]);
    let bytes = encode::to_vec::<P, _>(&value);
    let known: Known = encode::from_slice::<P, _>(&bytes).unwrap();
    assert_eq!(
        known,
        Known {
            level: Some(Level(99)),
            choice: None
        }
    );
    // A union whose only field is unknown has no value this schema can hold: an error that
    // names the union, not a panic or a default.
    let union = Value::Struct(vec![(2, Value::Struct(vec![(9, Value::I8(1))]))]);
    let err = encode::from_slice::<P, Known>(&encode::to_vec::<P, _>(&union)).unwrap_err();
    assert!(
        err.to_string()
            .contains("union `Choice` has no known field set"),
        "{err}"
    );
    assert!(
        err.to_string().contains("field `choice` (id 2) of `Known`"),
        "{err}"
    );
}
both!(
    /// Data from a newer schema: unknown fields, enum values and union variants.
    unknown_fields_enum_values_and_union_variants,
    newer_schema_body
);

mod compact_only {
    use super::*;

    #[test]
    fn field_id_delta_overflow() {
        let _serial = serial();
        // Field 32767 in long form, then a delta of 1.
        let bytes = [0x03, 0xfe, 0xff, 0x03, 0x00, 0x13, 0x00, 0x00];
        let err = rejects::<Compact>(&bytes);
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        assert!(err.to_string().contains("overflows"), "{err}");
    }

    #[test]
    fn overlong_varints() {
        let _serial = serial();
        // An i32 whose varint runs six bytes; an i64 of eleven; a length of six.
        rejects::<Compact>(&[0x15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00]);
        let mut long = vec![0x16];
        long.extend([0xff; 10]);
        long.push(0x01);
        assert_eq!(rejects::<Compact>(&long).kind(), ErrorKind::InvalidData);
        let err = rejects::<Compact>(&[0x18, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
        assert_eq!(err.kind(), ErrorKind::InvalidData);
    }

    #[test]
    fn bad_varints_inside_number_lists() {
        let _serial = serial();
        // Lists of integers decode in bulk while ten bytes remain; a bad element must fail
        // there exactly as it does on its own. Twelve i32s: eleven good ones, then a six-byte
        // varint, then padding so the bulk loop is the one that meets it.
        let mut bytes = vec![0xc5];
        bytes.extend([0x02; 11]);
        bytes.extend([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
        bytes.extend([0x00; 12]);
        let err = thrift_core::compact::from_slice::<Vec<i32>>(&bytes).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        assert_eq!(err.offset(), Some(12), "{err}");
        assert!(err.to_string().contains("longer than 32 bits"), "{err}");
        // An i16 list whose third element is 40,000 (zigzag 80,000: 0x80 0xf1 0x04).
        let mut bytes = vec![0x34, 0x02, 0x04, 0x80, 0xf1, 0x04];
        bytes.extend([0x00; 12]);
        let err = thrift_core::compact::from_slice::<Vec<i16>>(&bytes).unwrap_err();
        assert_eq!(err.offset(), Some(3), "{err}");
        assert!(
            err.to_string().contains("i16 value 40000 out of range"),
            "{err}"
        );
    }

    #[test]
    fn field_id_out_of_i16_range() {
        let _serial = serial();
        // A long-form field id whose zigzag varint decodes past i16.
        assert_eq!(
            rejects::<Compact>(&[0x03, 0x80, 0x80, 0x04]).kind(),
            ErrorKind::InvalidData
        );
    }
}

mod streams {
    use super::*;
    use thrift_core::io::Input;
    use thrift_core::transport::{BufferedTransport, FramedTransport, Transport};

    /// Reads and writes nothing but `input`.
    struct Pipe(std::io::Cursor<Vec<u8>>);

    impl std::io::Read for Pipe {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.0.read(buf)
        }
    }

    impl std::io::Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn negative_and_i32_max_frame_sizes() {
        let _serial = serial();
        for (header, kind) in [
            ((-1i32).to_be_bytes(), ErrorKind::NegativeSize),
            (i32::MAX.to_be_bytes(), ErrorKind::SizeLimit),
        ] {
            let (result, peak) = peak_heap(|| {
                let mut t = FramedTransport::new(Pipe(std::io::Cursor::new(header.to_vec())));
                t.next_message()
            });
            assert_eq!(result.unwrap_err().kind(), kind);
            assert!(peak < 16 * 1024, "peak {peak}");
        }
    }

    #[test]
    fn frame_length_promising_more_than_arrives() {
        let _serial = serial();
        // 8 MiB declared (within the 16 MiB limit), 100 bytes sent: the receive buffer grows
        // with the bytes, not with the claim.
        let mut wire = (8i32 << 20).to_be_bytes().to_vec();
        wire.extend_from_slice(&[0xab; 100]);
        let (result, peak) = peak_heap(|| {
            let mut t = FramedTransport::new(Pipe(std::io::Cursor::new(wire)));
            t.next_message()
        });
        assert_eq!(result.unwrap_err().kind(), ErrorKind::UnexpectedEof);
        assert!(peak < 32 * 1024, "peak {peak}");
    }

    #[test]
    fn messages_larger_than_the_limit_on_a_stream() {
        let _serial = serial();
        // A 1 MiB string on an unframed stream with a 64 KiB message limit.
        let limits = Limits {
            max_message_size: 64 * 1024,
            ..Limits::DEFAULT
        };
        let mut bytes = Binary::field(TType::String, 1);
        bytes.extend(Binary::length(1 << 20));
        bytes.extend(vec![b'x'; 1 << 20]);
        let mut transport =
            BufferedTransport::with_limits(Pipe(std::io::Cursor::new(bytes)), limits);
        assert!(transport.next_message().unwrap());
        let err = Value::read_any(&mut Binary::reader(&mut transport, limits), TType::Struct)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::SizeLimit, "{err}");
        assert!(transport.position() <= 64 * 1024 + 8 * 1024);
    }
}

mod headers {
    use super::*;
    use thrift_core::binary::BinaryInputProtocol;
    use thrift_core::compact::CompactInputProtocol;

    #[test]
    fn bad_message_headers() {
        let _serial = serial();
        // Binary: a wrong version word, then an unknown message type.
        let mut reader = BinaryInputProtocol::new(SliceInput::new(&[0x80, 0x02, 0, 1]));
        assert_eq!(
            reader.read_message_begin().unwrap_err().kind(),
            ErrorKind::BadVersion
        );
        let mut reader = BinaryInputProtocol::new(SliceInput::new(&[0x80, 0x01, 0, 9]));
        assert_eq!(
            reader.read_message_begin().unwrap_err().kind(),
            ErrorKind::InvalidData
        );
        // Compact: a wrong protocol id, then a wrong version.
        let mut reader = CompactInputProtocol::new(SliceInput::new(&[0x81, 0x21]));
        assert_eq!(
            reader.read_message_begin().unwrap_err().kind(),
            ErrorKind::BadVersion
        );
        let mut reader = CompactInputProtocol::new(SliceInput::new(&[0x82, 0x22]));
        assert_eq!(
            reader.read_message_begin().unwrap_err().kind(),
            ErrorKind::BadVersion
        );
        // An old-style binary header whose name claims 2 GiB.
        let mut reader = BinaryInputProtocol::new(SliceInput::new(&[0x7f, 0xff, 0xff, 0xff, b'a']));
        assert!(reader.read_message_begin().is_err());
    }

    #[test]
    fn errors_name_the_byte_offset() {
        let _serial = serial();
        // Unknown type id 0x05 at byte 10, inside the nested struct of field 1.
        let bytes = [12, 0, 1, 8, 0, 1, 0, 0, 0, 7, 5];
        let err = thrift_core::binary::from_slice::<Value>(&bytes).unwrap_err();
        assert_eq!(err.offset(), Some(10));
        assert_eq!(
            err.to_string(),
            "invalid data: unknown type id 0x05 at byte 10"
        );
        // A container count checked against what remains says so.
        let mut list = Binary::field(TType::List, 1);
        list.extend(Binary::list(TType::I8, 1000));
        list.extend([0u8; 10]);
        let err = thrift_core::binary::from_slice::<Value>(&list).unwrap_err();
        assert!(
            err.to_string()
                .contains("list declares 1000 elements but only 10 bytes remain"),
            "{err}"
        );
    }
}

/// The JSON protocol has no length prefixes, but counts, nesting, numbers and strings of its
/// own to forge.
mod json_only {
    use super::*;
    use thrift_core::Json;

    /// `text` as the body of field 1, in a struct that is never closed unless `text` does.
    fn field(type_name: &str, text: &str) -> Vec<u8> {
        format!("{{\"1\":{{\"{type_name}\":{text}").into_bytes()
    }

    #[test]
    fn forged_container_counts() {
        let _serial = serial();
        for text in [
            field("lst", r#"["i8",2147483647,1]}}"#),
            field("set", r#"["i8",1000000,1,2]}}"#),
            field("map", r#"["i8","i8",2147483647,{"1":1}]}}"#),
        ] {
            assert_eq!(rejects::<Json>(&text).kind(), ErrorKind::SizeLimit);
        }
        // Past the container limit (and past i32) the count fails before any element.
        for count in ["16777217", "99999999999", "-1"] {
            let text = field("lst", &format!(r#"["i8",{count}]}}}}"#));
            let err = rejects::<Json>(&text);
            assert!(
                matches!(err.kind(), ErrorKind::SizeLimit | ErrorKind::NegativeSize),
                "{count}: {err}"
            );
        }
    }

    #[test]
    fn hundred_thousand_levels_on_read_and_skip() {
        let _serial = serial();
        for text in [
            field("lst", &r#"["lst",1,"#.repeat(100_000)),
            field("rec", &r#"{"1":{"rec":"#.repeat(100_000)),
            field("map", &r#"["i8","map",1,{"1":"#.repeat(100_000)),
        ] {
            assert_eq!(rejects::<Json>(&text).kind(), ErrorKind::DepthLimit);
            let (result, peak) = peak_heap(|| {
                let mut reader = Json::reader(SliceInput::new(&text), Limits::DEFAULT);
                reader.skip(TType::Struct)
            });
            assert_eq!(result.unwrap_err().kind(), ErrorKind::DepthLimit);
            assert!(peak <= budget(text.len()));
        }
    }

    #[test]
    fn hundred_thousand_levels_on_write() {
        let _serial = serial();
        deep_write_body::<Json>();
    }

    #[test]
    fn unterminated_strings_numbers_and_garbage() {
        let _serial = serial();
        let megabyte = 1 << 20;
        for text in [
            // A string, a base64 binary and an escape run that never end.
            field("str", &format!("\"{}", "x".repeat(megabyte))),
            field("str", &format!("\"{}", "\\u00e9".repeat(megabyte / 6))),
            // A number longer than any writer produces.
            field("i64", &"9".repeat(megabyte)),
            // Brackets and quotes with nothing in them.
            "[".repeat(megabyte).into_bytes(),
            "\"".repeat(megabyte).into_bytes(),
            field("tf", "tru}}"),
            field("dbl", "\"Infinityyy\"}}"),
            field("uid", "\"not-a-uuid\"}}"),
            field("i8", "-}}"),
            b"{\"1\":{\"i32\":5}\x00}".to_vec(),
        ] {
            let err = rejects::<Json>(&text);
            assert!(
                matches!(
                    err.kind(),
                    ErrorKind::InvalidData | ErrorKind::UnexpectedEof | ErrorKind::SizeLimit
                ),
                "{err}"
            );
        }
    }

    #[test]
    fn truncation_at_every_byte_offset() {
        let _serial = serial();
        let row = |i: i64| {
            Value::Struct(vec![
                (1, Value::I64(i)),
                (2, Value::Double(i as f64 / 3.0)),
                (
                    3,
                    Value::List(TType::Bool, vec![Value::Bool(i % 2 == 0); 3]),
                ),
                (
                    4,
                    Value::Map(
                        TType::I32,
                        TType::String,
                        vec![(Value::I32(-1), Value::Binary(vec![7u8; 5].into()))],
                    ),
                ),
            ])
        };
        let value = Value::Struct(vec![(
            1,
            Value::List(TType::Struct, (0..30).map(row).collect()),
        )]);
        let bytes = encode::to_vec::<Json, _>(&value);
        assert!(bytes.len() > 3000, "a large message: {} bytes", bytes.len());
        for cut in 0..bytes.len() {
            let err = encode::from_slice::<Json, Value>(&bytes[..cut]).expect_err("truncated");
            assert!(
                matches!(
                    err.kind(),
                    ErrorKind::UnexpectedEof | ErrorKind::SizeLimit | ErrorKind::InvalidData
                ),
                "cut at {cut}: {err}"
            );
        }
        assert_eq!(encode::from_slice::<Json, Value>(&bytes).unwrap(), value);
    }

    #[test]
    fn invalid_utf8_names_the_field() {
        let _serial = serial();
        #[derive(ThriftStruct, Debug)]
        struct Text {
            #[thrift(id = 1)]
            text: Option<String>,
        }
        let err = encode::from_slice::<Json, Text>(b"{\"1\":{\"str\":\"ok\xc3(\"}}").unwrap_err();
        assert!(err.to_string().contains("not valid UTF-8"), "{err}");
        assert!(
            err.to_string().contains("field `text` (id 1) of `Text`"),
            "{err}"
        );
        assert_eq!(err.offset(), Some(15), "{err}");
    }

    #[test]
    fn data_from_a_newer_schema() {
        let _serial = serial();
        let value = Value::Struct(vec![
            (1, Value::I32(99)),
            (7, Value::Struct(vec![(1, Value::string("new"))])),
            (8, Value::Map(TType::I16, TType::Uuid, vec![])),
            (9, Value::Set(TType::Double, vec![Value::Double(f64::NAN)])),
        ]);
        let bytes = encode::to_vec::<Json, _>(&value);
        let known: Known = encode::from_slice::<Json, _>(&bytes).unwrap();
        assert_eq!(known.level, Some(Level(99)));
    }
}
