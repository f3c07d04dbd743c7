//! Hostile input: every case must fail with an `Error` quickly, without panicking, recursing
//! without bound, or allocating more than the input justifies. A counting allocator measures
//! the peak heap of each decode.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use thrift_core::io::{ReadInput, SliceInput};
use thrift_core::value::Value;
use thrift_core::{
    binary, compact, Binary, Compact, ErrorKind, InputProtocol, Limits, Protocol, TType,
};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::SeqCst) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Tests share the counters, so each holds this lock while it runs.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` and returns its result with the peak heap growth while it ran.
fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let out = f();
    (out, PEAK.load(Ordering::SeqCst).saturating_sub(base))
}

/// Decodes `bytes` as a `Value` from a slice and from a stream, with protocol `P`; both must
/// fail with `kind` within the heap budget (a few KiB plus 8x the input).
fn rejects<P: Protocol>(bytes: &[u8], kind: ErrorKind) {
    let budget = 32 * 1024 + 8 * bytes.len();
    let (slice, slice_peak) = peak_heap(|| {
        thrift_core::encode::read_all::<P, Value, _>(SliceInput::new(bytes), Limits::DEFAULT)
    });
    let (stream, stream_peak) = peak_heap(|| {
        thrift_core::encode::read_all::<P, Value, _>(ReadInput::new(bytes), Limits::DEFAULT)
    });
    for (how, result, peak) in [
        ("slice", slice, slice_peak),
        ("stream", stream, stream_peak),
    ] {
        let err = result.expect_err("hostile input must not decode");
        assert_eq!(err.kind(), kind, "{how}: {err}");
        assert!(
            peak <= budget,
            "{how}: peak heap {peak} > budget {budget} for {err}"
        );
    }
}

fn field_header_binary(ttype: u8) -> Vec<u8> {
    vec![ttype, 0, 1]
}

#[test]
fn truncation_at_every_offset_is_an_error() {
    let _serial = serial();
    let value = Value::Struct(vec![
        (1, Value::string("hello")),
        (
            2,
            Value::List(TType::I64, vec![Value::I64(1), Value::I64(-1)]),
        ),
        (
            3,
            Value::Map(
                TType::I32,
                TType::Struct,
                vec![(Value::I32(1), Value::Struct(vec![(1, Value::Bool(true))]))],
            ),
        ),
        (4, Value::Double(2.5)),
    ]);
    for (name, bytes) in [
        ("binary", binary::to_vec(&value)),
        ("compact", compact::to_vec(&value)),
    ] {
        for cut in 0..bytes.len() {
            let prefix = &bytes[..cut];
            let result = if name == "binary" {
                binary::from_slice::<Value>(prefix)
            } else {
                compact::from_slice::<Value>(prefix)
            };
            let err = result.expect_err("a truncated message must not decode");
            // A cut inside a container body can also be caught earlier, by the check of its
            // declared size against the bytes that remain.
            assert!(
                matches!(err.kind(), ErrorKind::UnexpectedEof | ErrorKind::SizeLimit),
                "{name} cut at {cut}: {err}"
            );
        }
    }
}

#[test]
fn unknown_type_ids() {
    let _serial = serial();
    for bad in [5u8, 7, 9, 17, 0xff] {
        rejects::<Binary>(&field_header_binary(bad), ErrorKind::InvalidData);
    }
    // Compact: type nibbles 14 and 15 are unassigned.
    rejects::<Compact>(&[0x1e], ErrorKind::InvalidData);
    rejects::<Compact>(&[0x1f], ErrorKind::InvalidData);
    // List element types: binary 0 (stop), compact 0.
    rejects::<Binary>(&[15, 0, 1, 0, 0, 0, 0, 1], ErrorKind::InvalidData);
    rejects::<Compact>(&[0x19, 0x10], ErrorKind::InvalidData);
}

#[test]
fn negative_sizes() {
    let _serial = serial();
    let minus_one = [0xff, 0xff, 0xff, 0xff];
    let mut string = field_header_binary(11);
    string.extend(minus_one);
    rejects::<Binary>(&string, ErrorKind::NegativeSize);
    let mut list = field_header_binary(15);
    list.push(8);
    list.extend(minus_one);
    rejects::<Binary>(&list, ErrorKind::NegativeSize);
    let mut map = field_header_binary(13);
    map.extend([8, 8]);
    map.extend(minus_one);
    rejects::<Binary>(&map, ErrorKind::NegativeSize);
    // Compact: lengths are unsigned varints read as i32; 0xffffffff is -1.
    let varint_minus_one = [0xff, 0xff, 0xff, 0xff, 0x0f];
    let mut string = vec![0x18];
    string.extend(varint_minus_one);
    rejects::<Compact>(&string, ErrorKind::NegativeSize);
    let mut list = vec![0x19, 0xf5];
    list.extend(varint_minus_one);
    rejects::<Compact>(&list, ErrorKind::NegativeSize);
    let mut map = vec![0x1b];
    map.extend(varint_minus_one);
    rejects::<Compact>(&map, ErrorKind::NegativeSize);
}

#[test]
fn huge_declared_sizes() {
    let _serial = serial();
    // A list of 2^31 - 1 i32s, a string of 2^31 - 1 bytes, a map of 2^31 - 1 entries:
    // rejected before any allocation (the slice knows what remains; the stream limits).
    let max = [0x7f, 0xff, 0xff, 0xff];
    let mut list = field_header_binary(15);
    list.push(8);
    list.extend(max);
    rejects::<Binary>(&list, ErrorKind::SizeLimit);
    let mut string = field_header_binary(11);
    string.extend(max);
    string.extend(b"abc");
    let (result, peak) = peak_heap(|| binary::from_slice::<Value>(&string));
    assert!(matches!(
        result.unwrap_err().kind(),
        ErrorKind::SizeLimit | ErrorKind::UnexpectedEof
    ));
    assert!(peak < 16 * 1024, "peak {peak}");
    let mut map = field_header_binary(13);
    map.extend([8, 8]);
    map.extend(max);
    rejects::<Binary>(&map, ErrorKind::SizeLimit);
    let mut compact_list = vec![0x19, 0xf5];
    compact_list.extend([0xfe, 0xff, 0xff, 0xff, 0x07]);
    rejects::<Compact>(&compact_list, ErrorKind::SizeLimit);
}

#[test]
fn lists_claiming_more_than_the_input_holds() {
    let _serial = serial();
    // 1,000 one-byte elements claimed, 10 present: a slice rejects at once, a stream at EOF.
    let mut bytes = field_header_binary(15);
    bytes.push(3);
    bytes.extend(1000i32.to_be_bytes());
    bytes.extend([0; 10]);
    let err = binary::from_slice::<Value>(&bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SizeLimit);
    assert!(err.to_string().contains("1000 elements"), "{err}");
    let err = thrift_core::encode::read_all::<Binary, Value, _>(
        ReadInput::new(&bytes[..]),
        Limits::DEFAULT,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
}

fn nested_lists_binary(depth: usize) -> Vec<u8> {
    let mut bytes = field_header_binary(15);
    for _ in 0..depth {
        bytes.extend([15, 0, 0, 0, 1]);
    }
    bytes
}

fn nested_lists_compact(depth: usize) -> Vec<u8> {
    let mut bytes = vec![0x19];
    bytes.extend(std::iter::repeat_n(0x19, depth));
    bytes
}

#[test]
fn ten_thousand_nested_lists() {
    let _serial = serial();
    rejects::<Binary>(&nested_lists_binary(10_000), ErrorKind::DepthLimit);
    rejects::<Compact>(&nested_lists_compact(10_000), ErrorKind::DepthLimit);
    // Skipping goes through the same depth accounting.
    let bytes = nested_lists_binary(10_000);
    let mut reader = binary::BinaryInputProtocol::new(SliceInput::new(&bytes));
    let err = reader.skip(TType::Struct).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DepthLimit);
    let bytes = nested_lists_compact(10_000);
    let mut reader = compact::CompactInputProtocol::new(SliceInput::new(&bytes));
    assert_eq!(
        reader.skip(TType::Struct).unwrap_err().kind(),
        ErrorKind::DepthLimit
    );
}

#[test]
fn deep_values_are_refused_on_write() {
    let _serial = serial();
    let mut value = Value::I32(1);
    for _ in 0..10_000 {
        value = Value::List(TType::I32, vec![value]);
        value = match value {
            Value::List(_, items) => Value::List(TType::List, items),
            other => other,
        };
    }
    let value = Value::Struct(vec![(1, value)]);
    for result in [binary::try_to_vec(&value), compact::try_to_vec(&value)] {
        assert_eq!(result.unwrap_err().kind(), ErrorKind::DepthLimit);
    }
    // Dropping a 10,000-deep value recurses in Drop; unwind it iteratively instead.
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Struct(fields) => stack.extend(fields.into_iter().map(|(_, v)| v)),
            Value::List(_, items) => stack.extend(items),
            _ => {}
        }
    }
}

#[test]
fn invalid_utf8_is_an_error_but_skips_fine() {
    let _serial = serial();
    let mut bytes = field_header_binary(11);
    bytes.extend(2i32.to_be_bytes());
    bytes.extend([0xc3, 0x28]);
    bytes.push(0);
    let mut reader = binary::BinaryInputProtocol::new(SliceInput::new(&bytes[3..]));
    let err = reader.read_string().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert!(err.to_string().contains("UTF-8"), "{err}");
    // As an unknown field, the same bytes are skipped without looking at them.
    let mut reader = binary::BinaryInputProtocol::new(SliceInput::new(&bytes));
    reader.skip(TType::Struct).unwrap();
}

#[test]
fn compact_field_id_delta_overflow() {
    let _serial = serial();
    // Field 32767 (long form), then a delta of 1 would overflow i16.
    let bytes = [0x03, 0xfe, 0xff, 0x03, 0x00, 0x13, 0x00, 0x00];
    let err = compact::from_slice::<Value>(&bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert!(err.to_string().contains("overflows"), "{err}");
}

#[test]
fn overlong_varints() {
    let _serial = serial();
    // An i32 field whose varint runs six bytes.
    rejects::<Compact>(
        &[0x15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00],
        ErrorKind::InvalidData,
    );
    // An i16 field id out of range.
    rejects::<Compact>(
        &[0x03, 0x80, 0x80, 0x04, 0x00, 0x00],
        ErrorKind::InvalidData,
    );
}

#[test]
fn bad_message_headers() {
    let _serial = serial();
    let mut reader = binary::BinaryInputProtocol::new(SliceInput::new(&[0x80, 0x02, 0, 1]));
    assert_eq!(
        reader.read_message_begin().unwrap_err().kind(),
        ErrorKind::BadVersion
    );
    let mut reader = compact::CompactInputProtocol::new(SliceInput::new(&[0x81, 0x21]));
    assert_eq!(
        reader.read_message_begin().unwrap_err().kind(),
        ErrorKind::BadVersion
    );
    let mut reader = compact::CompactInputProtocol::new(SliceInput::new(&[0x82, 0x22]));
    assert_eq!(
        reader.read_message_begin().unwrap_err().kind(),
        ErrorKind::BadVersion
    );
    let mut reader = binary::BinaryInputProtocol::new(SliceInput::new(&[0x80, 0x01, 0, 9]));
    assert_eq!(
        reader.read_message_begin().unwrap_err().kind(),
        ErrorKind::InvalidData
    );
}

#[test]
fn errors_name_the_offset() {
    let _serial = serial();
    // Unknown type id 0x05 at byte 10 (inside the nested struct of field 1).
    let bytes = [12, 0, 1, 8, 0, 1, 0, 0, 0, 7, 5];
    let err = binary::from_slice::<Value>(&bytes).unwrap_err();
    assert_eq!(err.offset(), Some(10));
    assert_eq!(
        err.to_string(),
        "invalid data: unknown type id 0x05 at byte 10"
    );
}
