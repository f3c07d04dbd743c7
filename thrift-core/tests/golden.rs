//! Golden byte vectors for every type, written by hand from the protocol specs
//! (Apache Thrift `doc/specs/thrift-binary-protocol.md` and `thrift-compact-protocol.md`).

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use thrift_core::value::Value;
use thrift_core::{binary, compact, MessageType, OutputProtocol, TType, ThriftType, Uuid};

/// A struct with one field `id` holding `value`.
fn field(id: i16, value: Value) -> Value {
    Value::Struct(vec![(id, value)])
}

fn check(value: &Value, binary_bytes: &[u8], compact_bytes: &[u8]) {
    assert_eq!(
        binary::to_vec(value),
        binary_bytes,
        "binary encoding of {value:?}"
    );
    assert_eq!(
        compact::to_vec(value),
        compact_bytes,
        "compact encoding of {value:?}"
    );
    let from_binary: Value = binary::from_slice(binary_bytes).unwrap();
    let from_compact: Value = compact::from_slice(compact_bytes).unwrap();
    assert_eq!(binary::to_vec(&from_binary), binary_bytes);
    assert_eq!(compact::to_vec(&from_compact), compact_bytes);
}

#[test]
fn bool_fields() {
    // Binary: type 2, id, one byte. Compact: the value is the field header's type nibble.
    check(&field(1, Value::Bool(true)), &[2, 0, 1, 1, 0], &[0x11, 0]);
    check(&field(1, Value::Bool(false)), &[2, 0, 1, 0, 0], &[0x12, 0]);
}

#[test]
fn byte_fields() {
    check(
        &field(1, Value::I8(-1)),
        &[3, 0, 1, 0xff, 0],
        &[0x13, 0xff, 0],
    );
}

#[test]
fn i16_fields() {
    // Compact: zigzag(-2) = 3.
    check(
        &field(2, Value::I16(-2)),
        &[6, 0, 2, 0xff, 0xfe, 0],
        &[0x24, 3, 0],
    );
    check(
        &field(1, Value::I16(i16::MAX)),
        &[6, 0, 1, 0x7f, 0xff, 0],
        &[0x14, 0xfe, 0xff, 0x03, 0],
    );
}

#[test]
fn i32_fields() {
    // Compact: zigzag(300) = 600 = varint d8 04.
    check(
        &field(1, Value::I32(300)),
        &[8, 0, 1, 0, 0, 1, 0x2c, 0],
        &[0x15, 0xd8, 0x04, 0],
    );
    check(
        &field(1, Value::I32(i32::MIN)),
        &[8, 0, 1, 0x80, 0, 0, 0, 0],
        &[0x15, 0xff, 0xff, 0xff, 0xff, 0x0f, 0],
    );
}

#[test]
fn i64_fields() {
    check(
        &field(1, Value::I64(-1)),
        &[10, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0],
        &[0x16, 0x01, 0],
    );
    check(
        &field(1, Value::I64(i64::MAX)),
        &[10, 0, 1, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0],
        &[
            0x16, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0,
        ],
    );
}

#[test]
fn double_fields() {
    // 1.5 = 0x3ff8000000000000: big-endian in binary, little-endian in compact.
    check(
        &field(1, Value::Double(1.5)),
        &[4, 0, 1, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0],
        &[0x17, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f, 0],
    );
}

#[test]
fn string_and_binary_fields() {
    check(
        &field(1, Value::string("hi")),
        &[11, 0, 1, 0, 0, 0, 2, b'h', b'i', 0],
        &[0x18, 2, b'h', b'i', 0],
    );
    check(
        &field(1, Value::string("")),
        &[11, 0, 1, 0, 0, 0, 0, 0],
        &[0x18, 0, 0],
    );
    let long = Value::Binary(Bytes::from(vec![7u8; 200]));
    let mut binary_bytes = vec![11, 0, 1, 0, 0, 0, 200];
    binary_bytes.extend([7; 200]);
    binary_bytes.push(0);
    let mut compact_bytes = vec![0x18, 0xc8, 0x01];
    compact_bytes.extend([7; 200]);
    compact_bytes.push(0);
    check(&field(1, long), &binary_bytes, &compact_bytes);
}

#[test]
fn uuid_fields() {
    let uuid: Uuid = "00112233-4455-6677-8899-aabbccddeeff".parse().unwrap();
    let raw = uuid.0;
    let mut binary_bytes = vec![16, 0, 1];
    binary_bytes.extend(raw);
    binary_bytes.push(0);
    let mut compact_bytes = vec![0x1d];
    compact_bytes.extend(raw);
    compact_bytes.push(0);
    check(&field(1, Value::Uuid(uuid)), &binary_bytes, &compact_bytes);
}

#[test]
fn nested_structs_restart_field_deltas() {
    // Compact deltas are per struct: the inner field 1 is a delta of 1 from 0, and after the
    // inner struct ends, field 3 is a delta of 1 from the outer field 2.
    let value = Value::Struct(vec![
        (2, Value::Struct(vec![(1, Value::I8(5))])),
        (3, Value::I8(6)),
    ]);
    check(
        &value,
        &[12, 0, 2, 3, 0, 1, 5, 0, 3, 0, 3, 6, 0],
        &[0x2c, 0x13, 5, 0, 0x13, 6, 0],
    );
}

#[test]
fn long_field_jumps_and_negative_ids() {
    // Deltas above 15, backwards jumps and negative ids use a full zigzag i16 id.
    let value = Value::Struct(vec![
        (100, Value::I8(1)),
        (1, Value::I8(2)),
        (-1, Value::I8(3)),
    ]);
    check(
        &value,
        &[3, 0, 100, 1, 3, 0, 1, 2, 3, 0xff, 0xff, 3, 0],
        &[0x03, 0xc8, 0x01, 1, 0x03, 0x02, 2, 0x03, 0x01, 3, 0],
    );
}

#[test]
fn lists() {
    let ints = Value::List(TType::I32, vec![Value::I32(1), Value::I32(2)]);
    check(
        &field(1, ints),
        &[15, 0, 1, 8, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0],
        &[0x19, 0x25, 2, 4, 0],
    );
    // Bools in containers are one byte each: 1 for true, 2 for false in compact.
    let bools = Value::List(TType::Bool, vec![Value::Bool(true), Value::Bool(false)]);
    check(
        &field(1, bools),
        &[15, 0, 1, 2, 0, 0, 0, 2, 1, 0, 0],
        &[0x19, 0x21, 1, 2, 0],
    );
    // 15 or more elements: size nibble 0xf, then a varint size.
    let long = Value::List(TType::I8, vec![Value::I8(0); 15]);
    let mut binary_bytes = vec![15, 0, 1, 3, 0, 0, 0, 15];
    binary_bytes.extend([0; 15]);
    binary_bytes.push(0);
    let mut compact_bytes = vec![0x19, 0xf3, 15];
    compact_bytes.extend([0; 15]);
    compact_bytes.push(0);
    check(&field(1, long), &binary_bytes, &compact_bytes);
    let empty = Value::List(TType::String, vec![]);
    check(
        &field(1, empty),
        &[15, 0, 1, 11, 0, 0, 0, 0, 0],
        &[0x19, 0x08, 0],
    );
}

#[test]
fn sets() {
    let set = Value::Set(TType::I16, vec![Value::I16(1)]);
    check(
        &field(1, set),
        &[14, 0, 1, 6, 0, 0, 0, 1, 0, 1, 0],
        &[0x1a, 0x14, 2, 0],
    );
}

#[test]
fn maps() {
    let map = Value::Map(
        TType::String,
        TType::I32,
        vec![(Value::string("a"), Value::I32(1))],
    );
    check(
        &field(1, map),
        &[13, 0, 1, 11, 8, 0, 0, 0, 1, 0, 0, 0, 1, b'a', 0, 0, 0, 1, 0],
        &[0x1b, 1, 0x85, 1, b'a', 2, 0],
    );
    // An empty compact map is a single zero byte with no types.
    let empty = Value::Map(TType::I32, TType::I32, vec![]);
    assert_eq!(
        binary::to_vec(&field(1, empty.clone())),
        [13, 0, 1, 8, 8, 0, 0, 0, 0, 0]
    );
    assert_eq!(compact::to_vec(&field(1, empty)), [0x1b, 0, 0]);
}

fn header<W: OutputProtocol>(mut writer: W, kind: MessageType) -> W {
    writer.write_message_begin("ping", kind, 1).unwrap();
    writer.write_message_end().unwrap();
    writer
}

#[test]
fn message_headers() {
    use thrift_core::binary::{BinaryInputProtocol, BinaryOutputProtocol};
    use thrift_core::compact::{CompactInputProtocol, CompactOutputProtocol};
    use thrift_core::io::SliceInput;
    use thrift_core::InputProtocol;

    for (kind, code) in [
        (MessageType::Call, 1u8),
        (MessageType::Reply, 2),
        (MessageType::Exception, 3),
        (MessageType::Oneway, 4),
    ] {
        let strict = header(BinaryOutputProtocol::new(Vec::new()), kind).into_inner();
        let mut expected = vec![0x80, 0x01, 0x00, code, 0, 0, 0, 4];
        expected.extend(b"ping");
        expected.extend([0, 0, 0, 1]);
        assert_eq!(strict, expected);

        let old = header(BinaryOutputProtocol::new(Vec::new()).strict(false), kind).into_inner();
        let mut expected_old = vec![0, 0, 0, 4];
        expected_old.extend(b"ping");
        expected_old.extend([code, 0, 0, 0, 1]);
        assert_eq!(old, expected_old);

        let compact_bytes = header(CompactOutputProtocol::new(Vec::new()), kind).into_inner();
        let mut expected_compact = vec![0x82, (code << 5) | 1, 1, 4];
        expected_compact.extend(b"ping");
        assert_eq!(compact_bytes, expected_compact);

        // Both binary header styles read back, unless strict reading is asked for.
        for bytes in [&strict, &old] {
            let mut reader = BinaryInputProtocol::new(SliceInput::new(bytes));
            let h = reader.read_message_begin().unwrap();
            assert_eq!((h.name.as_str(), h.kind, h.seq), ("ping", kind, 1));
        }
        let mut strict_reader = BinaryInputProtocol::new(SliceInput::new(&old)).strict(true);
        assert!(strict_reader.read_message_begin().is_err());
        let mut reader = CompactInputProtocol::new(SliceInput::new(&compact_bytes));
        let h = reader.read_message_begin().unwrap();
        assert_eq!((h.name.as_str(), h.kind, h.seq), ("ping", kind, 1));
    }
}

#[test]
fn typed_containers_match_dynamic_values() {
    // The static impls for std types produce the same bytes as the dynamic values above.
    fn both<T: ThriftType>(value: &T, dynamic: &Value) {
        struct Wrap<'a, T>(&'a T);
        impl<T: ThriftType> ThriftType for Wrap<'_, T> {
            const TTYPE: TType = TType::Struct;
            fn write<P: OutputProtocol>(&self, p: &mut P) -> thrift_core::Result<()> {
                p.write_struct_begin("Wrap")?;
                thrift_core::write_field(p, "v", 1, self.0)?;
                p.write_field_stop()?;
                p.write_struct_end()
            }
            fn read<P: thrift_core::InputProtocol>(_: &mut P) -> thrift_core::Result<Self> {
                unreachable!("write-only test helper")
            }
        }
        assert_eq!(
            binary::to_vec(&Wrap(value)),
            binary::to_vec(&field(1, dynamic.clone()))
        );
        assert_eq!(
            compact::to_vec(&Wrap(value)),
            compact::to_vec(&field(1, dynamic.clone()))
        );
    }
    both(
        &vec![1i32, 2],
        &Value::List(TType::I32, vec![Value::I32(1), Value::I32(2)]),
    );
    both(
        &BTreeSet::from([3i64]),
        &Value::Set(TType::I64, vec![Value::I64(3)]),
    );
    both(
        &BTreeMap::from([("k".to_string(), vec![true])]),
        &Value::Map(
            TType::String,
            TType::List,
            vec![(
                Value::string("k"),
                Value::List(TType::Bool, vec![Value::Bool(true)]),
            )],
        ),
    );
    both(&b"raw".to_vec(), &Value::Binary(Bytes::from_static(b"raw")));
    both(
        &Bytes::from_static(b"raw"),
        &Value::Binary(Bytes::from_static(b"raw")),
    );
    both(&Box::new(7i8), &Value::I8(7));
    // Number lists are encoded and decoded in bulk; the bytes must not change. 600 elements
    // cross the bulk writer's 128-byte chunk boundary for every width.
    let n = 600;
    let i8s: Vec<i8> = (0..n).map(|i| (i * 7) as i8).collect();
    let i16s: Vec<i16> = (0..n).map(|i| (i * 331 - 9000) as i16).collect();
    let i32s: Vec<i32> = (0..n).map(|i: i32| i.wrapping_mul(-7_654_321)).collect();
    let i64s: Vec<i64> = (0..n).map(|i| i64::from(i) * -98_765_432_109).collect();
    let f64s: Vec<f64> = (0..n).map(|i| f64::from(i) * -1.25e-3).collect();
    both(
        &i8s,
        &Value::List(TType::I8, i8s.iter().map(|&v| Value::I8(v)).collect()),
    );
    both(
        &i16s,
        &Value::List(TType::I16, i16s.iter().map(|&v| Value::I16(v)).collect()),
    );
    both(
        &i32s,
        &Value::List(TType::I32, i32s.iter().map(|&v| Value::I32(v)).collect()),
    );
    both(
        &i64s,
        &Value::List(TType::I64, i64s.iter().map(|&v| Value::I64(v)).collect()),
    );
    both(
        &f64s,
        &Value::List(
            TType::Double,
            f64s.iter().map(|&v| Value::Double(v)).collect(),
        ),
    );
}
