//! The JSON protocol: golden text for every type, written by hand from Apache's
//! `TJSONProtocol` (the C++ library is the reference), what the reader tolerates, and the
//! errors it gives for broken input.

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use thrift_core::encode::read_all;
use thrift_core::io::ReadInput;
use thrift_core::value::Value;
use thrift_core::{
    json, ErrorKind, Json, Limits, MessageType, OutputProtocol, TType, ThriftType, Uuid,
};

/// A struct with one field `id` holding `value`.
fn field(id: i16, value: Value) -> Value {
    Value::Struct(vec![(id, value)])
}

/// `value` encodes to exactly `text`, and `text` decodes back to `value`, from a slice and
/// from a stream that hands out one byte at a time.
fn check<T: ThriftType + PartialEq + std::fmt::Debug>(value: &T, text: &str) {
    let encoded = json::to_vec(value);
    assert_eq!(
        std::str::from_utf8(&encoded).unwrap(),
        text,
        "JSON of {value:?}"
    );
    let decoded: T = json::from_slice(text.as_bytes()).unwrap();
    assert_eq!(&decoded, value, "decoding {text}");
    let stream = ReadInput::with_capacity(16, OneByte(text.as_bytes()));
    let streamed: T = read_all::<Json, _, _>(stream, Limits::DEFAULT).unwrap();
    assert_eq!(&streamed, value, "decoding {text} a byte at a time");
}

/// The types `thrift!` generates for the IDL of the Python cross-checks: JSON writes
/// `string` as text and `binary` as base64, so telling them apart needs the IDL (a dynamic
/// [`Value`] holds both as bytes, and writes them as `binary`).
mod values {
    thrift_core::thrift!("../tests/idl/values.thrift");
}

/// A reader that hands out one byte per call.
struct OneByte<'a>(&'a [u8]);

impl std::io::Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&byte, rest)), Some(slot)) => {
                *slot = byte;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

#[test]
fn scalars() {
    check(&field(1, Value::Bool(true)), r#"{"1":{"tf":1}}"#);
    check(&field(1, Value::Bool(false)), r#"{"1":{"tf":0}}"#);
    check(&field(2, Value::I8(-128)), r#"{"2":{"i8":-128}}"#);
    check(&field(3, Value::I16(i16::MAX)), r#"{"3":{"i16":32767}}"#);
    check(
        &field(-4, Value::I32(i32::MIN)),
        r#"{"-4":{"i32":-2147483648}}"#,
    );
    check(
        &field(5, Value::I64(i64::MIN)),
        r#"{"5":{"i64":-9223372036854775808}}"#,
    );
    check(
        &field(
            6,
            Value::Uuid(Uuid([
                0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd,
                0xee, 0xff,
            ])),
        ),
        r#"{"6":{"uid":"00112233-4455-6677-8899-aabbccddeeff"}}"#,
    );
}

#[test]
fn doubles_have_17_significant_digits_and_quoted_specials() {
    check(&field(1, Value::Double(0.5)), r#"{"1":{"dbl":0.5}}"#);
    check(&field(1, Value::Double(1.0)), r#"{"1":{"dbl":1}}"#);
    check(&field(1, Value::Double(-0.0)), r#"{"1":{"dbl":-0}}"#);
    check(
        &field(1, Value::Double(0.1)),
        r#"{"1":{"dbl":0.10000000000000001}}"#,
    );
    check(
        &field(1, Value::Double(-1.5e300)),
        r#"{"1":{"dbl":-1.5000000000000001e+300}}"#,
    );
    check(
        &field(1, Value::Double(f64::INFINITY)),
        r#"{"1":{"dbl":"Infinity"}}"#,
    );
    check(
        &field(1, Value::Double(f64::NEG_INFINITY)),
        r#"{"1":{"dbl":"-Infinity"}}"#,
    );
    let nan = json::to_vec(&field(1, Value::Double(f64::NAN)));
    assert_eq!(nan, br#"{"1":{"dbl":"NaN"}}"#);
    match json::from_slice::<Value>(&nan).unwrap() {
        Value::Struct(fields) => {
            assert!(matches!(fields[..], [(1, Value::Double(d))] if d.is_nan()))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn strings_escape_what_cpp_escapes() {
    // Quote, backslash and control characters are escaped; `/`, DEL and non-ASCII are not.
    check(
        &"a\"b\\c/\u{7f}\n\t\r\u{8}\u{c}\u{1}\u{1f} h\u{e9}llo \u{1F600}".to_owned(),
        "\"a\\\"b\\\\c/\u{7f}\\n\\t\\r\\b\\f\\u0001\\u001f h\u{e9}llo \u{1F600}\"",
    );
    check(&String::new(), r#""""#);
    check(&thrift_core::Str::from("short"), r#""short""#);
}

#[test]
fn binaries_are_padded_base64() {
    let binary = |bytes: &'static [u8]| Bytes::from_static(bytes);
    check(&binary(b""), r#""""#);
    check(&binary(b"\xff"), r#""/w==""#);
    check(&binary(b"\xff\xfe"), r#""//4=""#);
    check(&binary(b"\x00\x01\x02"), r#""AAEC""#);
    check(&binary(b"Thrift!"), r#""VGhyaWZ0IQ==""#);
    check(&b"Thrift!".to_vec(), r#""VGhyaWZ0IQ==""#);
    // A dynamic value holds strings and binaries alike as bytes: it writes base64.
    check(
        &field(1, Value::Binary(binary(b"\xff"))),
        r#"{"1":{"str":"/w=="}}"#,
    );
}

#[test]
fn structs_nest_as_objects_keyed_by_field_id() {
    check(&Value::Struct(vec![]), "{}");
    check(
        &Value::Struct(vec![
            (1, Value::I32(5)),
            (2, Value::Struct(vec![(1, Value::I64(-1))])),
            (300, Value::Bool(true)),
        ]),
        r#"{"1":{"i32":5},"2":{"rec":{"1":{"i64":-1}}},"300":{"tf":1}}"#,
    );
    let all = values::AllTypes {
        text: Some("x".into()),
        inner: Some(values::Inner {
            a: Some(-1),
            b: Some("y".into()),
        }),
        late_flag: Some(false),
        ..Default::default()
    };
    check(
        &all,
        r#"{"8":{"str":"x"},"10":{"rec":{"1":{"i32":-1},"2":{"str":"y"}}},"300":{"tf":0}}"#,
    );
}

#[test]
fn lists_and_sets_lead_with_type_and_count() {
    let ints = |v: &[i32]| v.iter().copied().map(Value::I32).collect::<Vec<_>>();
    check(
        &field(1, Value::List(TType::I32, ints(&[1, -2, 3]))),
        r#"{"1":{"lst":["i32",3,1,-2,3]}}"#,
    );
    check(
        &field(1, Value::List(TType::I64, vec![])),
        r#"{"1":{"lst":["i64",0]}}"#,
    );
    check(
        &BTreeSet::from(["a".to_owned(), "b".to_owned()]),
        r#"["str",2,"a","b"]"#,
    );
    check(
        &field(
            1,
            Value::List(
                TType::List,
                vec![
                    Value::List(TType::Bool, vec![Value::Bool(true)]),
                    Value::List(TType::Bool, vec![]),
                ],
            ),
        ),
        r#"{"1":{"lst":["lst",2,["tf",1,1],["tf",0]]}}"#,
    );
    check(
        &field(
            1,
            Value::List(
                TType::Struct,
                vec![Value::Struct(vec![]), field(2, Value::I8(1))],
            ),
        ),
        r#"{"1":{"lst":["rec",2,{},{"2":{"i8":1}}]}}"#,
    );
}

#[test]
fn map_keys_are_strings_so_numbers_are_quoted() {
    check(
        &BTreeMap::from([("a".to_owned(), 1i32), ("b".to_owned(), -2)]),
        r#"["str","i32",2,{"a":1,"b":-2}]"#,
    );
    check(
        &BTreeMap::from([(-7i64, "x".to_owned()), (8, "y".to_owned())]),
        r#"["i64","str",2,{"-7":"x","8":"y"}]"#,
    );
    check(
        &field(
            1,
            Value::Map(
                TType::Double,
                TType::Bool,
                vec![
                    (Value::Double(1.5), Value::Bool(true)),
                    (Value::Double(f64::INFINITY), Value::Bool(false)),
                ],
            ),
        ),
        r#"{"1":{"map":["dbl","tf",2,{"1.5":1,"Infinity":0}]}}"#,
    );
    check(
        &field(
            1,
            Value::Map(
                TType::Bool,
                TType::List,
                vec![(
                    Value::Bool(true),
                    Value::List(TType::I16, vec![Value::I16(1), Value::I16(2)]),
                )],
            ),
        ),
        r#"{"1":{"map":["tf","lst",1,{"1":["i16",2,1,2]}]}}"#,
    );
    check(
        &field(1, Value::Map(TType::String, TType::I32, vec![])),
        r#"{"1":{"map":["str","i32",0,{}]}}"#,
    );
}

#[test]
fn typed_values_use_the_same_text() {
    let map = BTreeMap::from([(1i32, "one".to_owned()), (2, "two".to_owned())]);
    assert_eq!(
        json::to_vec(&map),
        br#"["i32","str",2,{"1":"one","2":"two"}]"#
    );
    assert_eq!(
        json::from_slice::<BTreeMap<i32, String>>(&json::to_vec(&map)).unwrap(),
        map
    );
    let set = BTreeSet::from([3i8, 1]);
    assert_eq!(json::to_vec(&set), br#"["i8",2,1,3]"#);
    assert_eq!(json::to_vec(&-5i64), b"-5");
    assert_eq!(json::from_slice::<i64>(b"-5").unwrap(), -5);
    assert_eq!(json::to_vec(&"x".to_owned()), br#""x""#);
}

#[test]
fn messages_are_arrays_with_the_body_last() {
    let mut out = Vec::new();
    {
        let mut p = thrift_core::json::JsonOutputProtocol::new(&mut out);
        p.write_message_begin("send\"it", MessageType::Call, -7)
            .unwrap();
        p.write_struct_begin("args").unwrap();
        p.write_field_begin("x", TType::I32, 1).unwrap();
        p.write_i32(5).unwrap();
        p.write_field_end().unwrap();
        p.write_field_stop().unwrap();
        p.write_struct_end().unwrap();
        p.write_message_end().unwrap();
    }
    assert_eq!(
        std::str::from_utf8(&out).unwrap(),
        r#"[1,"send\"it",1,-7,{"1":{"i32":5}}]"#
    );
    use thrift_core::InputProtocol;
    let mut p = thrift_core::json::JsonInputProtocol::new(thrift_core::io::SliceInput::new(&out));
    let header = p.read_message_begin().unwrap();
    assert_eq!(
        (header.name.as_str(), header.kind, header.seq),
        ("send\"it", MessageType::Call, -7)
    );
    let body = <Value as thrift_core::ThriftType>::read(&mut p).unwrap();
    assert_eq!(body, field(1, Value::I32(5)));
    p.read_message_end().unwrap();
}

#[test]
fn the_reader_accepts_what_other_writers_produce() {
    let decode = |text: &str| json::from_slice::<values::AllTypes>(text.as_bytes()).unwrap();
    // Whitespace between tokens, as a pretty-printer leaves it.
    let spaced =
        decode(" {\n  \"11\" : { \"lst\" : [ \"i32\" , 2 , 1 , 2 ] } ,\t\"1\":{\"tf\":1}\r\n}");
    assert_eq!(
        (spaced.ints, spaced.flag_true),
        (Some(vec![1, 2]), Some(true))
    );
    // `\u` escapes (as Python's json module writes non-ASCII), surrogate pairs, `\/`.
    let escaped = decode(r#"{"8":{"str":"h\u00e9llo \ud83d\ude00 \/ \u00E9"}}"#);
    assert_eq!(
        escaped.text.as_deref(),
        Some("h\u{e9}llo \u{1F600} / \u{e9}")
    );
    // Base64 without padding (as C++ and Java write it).
    let unpadded = decode(r#"{"9":{"str":"/w"}}"#);
    assert_eq!(unpadded.blob.as_deref(), Some(&b"\xff"[..]));
    // Bools as JSON literals; numbers quoted where they need not be; exponents.
    let loose = decode(r#"{"1":{"tf":true},"2":{"tf":false},"5":{"i32":"7"},"7":{"dbl":1E2}}"#);
    assert_eq!(
        (loose.flag_true, loose.flag_false, loose.medium, loose.real),
        (Some(true), Some(false), Some(7), Some(100.0))
    );
}

/// The error decoding `text` as a `Value`, with its kind and offset.
fn error(text: &str) -> thrift_core::Error {
    json::from_slice::<Value>(text.as_bytes()).expect_err(text)
}

#[test]
fn broken_input_is_an_error_with_an_offset() {
    let cases: &[(&str, ErrorKind, usize)] = &[
        ("", ErrorKind::UnexpectedEof, 0),
        ("{\"1\":{\"i32\":5}", ErrorKind::UnexpectedEof, 14),
        ("{\"1\":{\"i32\":5]}", ErrorKind::InvalidData, 13),
        ("{\"1\":{\"int\":5}}", ErrorKind::InvalidData, 7),
        ("{\"1\":{\"i32\":5.5}}", ErrorKind::InvalidData, 12),
        ("{\"1\":{\"i8\":300}}", ErrorKind::InvalidData, 11),
        ("{\"99999\":{\"i8\":1}}", ErrorKind::InvalidData, 2),
        ("{\"1\":{\"dbl\":\"nan\"}}", ErrorKind::InvalidData, 13),
        (
            "{\"1\":{\"lst\":[\"i32\",-1]}}",
            ErrorKind::NegativeSize,
            19,
        ),
        (
            "{\"1\":{\"lst\":[\"i32\",2,1]}}",
            ErrorKind::InvalidData,
            22,
        ),
        ("{\"1\":{\"tf\":yes}}", ErrorKind::InvalidData, 11),
    ];
    for &(text, kind, offset) in cases {
        let e = error(text);
        assert_eq!((e.kind(), e.offset()), (kind, Some(offset)), "{text}: {e}");
    }
    // Broken escapes, reported at their backslash.
    for (text, offset) in [
        (r#""a\x""#, 2),
        (r#""\ud83d""#, 1),
        (r#""\ud83d\u0041""#, 1),
        (r#""\ude00""#, 1),
        (r#""ab\u12""#, 3),
    ] {
        let e = json::from_slice::<String>(text.as_bytes()).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (ErrorKind::InvalidData, Some(offset)),
            "{text}: {e}"
        );
    }
    // Invalid UTF-8 in a string is refused where it starts; a binary must be base64.
    let e = json::from_slice::<String>(b"\"ok\xc3\"").unwrap_err();
    assert_eq!(e.offset(), Some(3), "{e}");
    assert!(e.to_string().contains("UTF-8"), "{e}");
    let e = json::from_slice::<Bytes>(br#""not base64!""#).unwrap_err();
    assert!(e.to_string().contains("base64"), "{e}");
    // A wrong message version.
    let mut p = thrift_core::json::JsonInputProtocol::new(thrift_core::io::SliceInput::new(
        br#"[2,"x",1,0,{}]"#,
    ));
    use thrift_core::InputProtocol;
    assert_eq!(
        p.read_message_begin().unwrap_err().kind(),
        ErrorKind::BadVersion
    );
}

#[test]
fn forged_counts_and_deep_nesting_fail_fast() {
    // A list claiming a billion elements in a few bytes: refused before anything is
    // reserved, as the count cannot fit in what remains.
    let e = error(r#"{"1":{"lst":["i32",1000000000,1]}}"#);
    assert_eq!(e.kind(), ErrorKind::SizeLimit, "{e}");
    let e = error(r#"{"1":{"map":["i32","i32",100,{"1":1}]}}"#);
    assert_eq!(e.kind(), ErrorKind::SizeLimit, "{e}");
    // 10,000 nested lists stop at the depth limit.
    let mut text = String::from("{\"1\":{\"lst\":");
    for _ in 0..10_000 {
        text.push_str("[\"lst\",1,");
    }
    let e = error(&text);
    assert_eq!(e.kind(), ErrorKind::DepthLimit, "{e}");
    // A string past the limit fails once it passes it, whatever the input still holds.
    let limits = Limits {
        max_string_len: 8,
        ..Limits::DEFAULT
    };
    let text = br#""0123456789""#;
    let e =
        read_all::<Json, String, _>(thrift_core::io::SliceInput::new(text), limits).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::SizeLimit, "{e}");
    // A number longer than any writer produces.
    let e = error(&format!("{{\"1\":{{\"i64\":{}}}}}", "1".repeat(100)));
    assert_eq!(e.kind(), ErrorKind::InvalidData, "{e}");
}

#[test]
fn unknown_fields_are_skipped_whatever_they_hold() {
    thrift_core::thrift!("../tests/idl/values.thrift");
    let text = br#"{"1":{"i32":3},"2":{"str":"ab"},"7":{"map":["str","lst",1,{"k":["rec",1,{"1":{"dbl":"NaN"}}]}]},"8":{"str":"not base64 at all!"}}"#;
    let inner: Inner = json::from_slice(text).unwrap();
    assert_eq!((inner.a, inner.b.as_deref()), (Some(3), Some("ab")));
}
