//! Byte-for-byte cross-check of both protocols against thriftpy2 (a real, independent peer).
//!
//! The values in `tests/idl/values.thrift` are built here as dynamic `Value`s and as the
//! types `thrift!` generates from the same IDL, and in `tests/peers/thriftpy2_values.py` as
//! thriftpy2 objects; the encodings must be identical, and each side must decode the other's
//! bytes back to the same value. (Maps are written in key order on both sides: the generated
//! types keep maps sorted, so only then can a re-encoding be byte-identical.)

mod support;

use std::collections::BTreeMap;

use support::{hex, json_field, require_python_module, run_python, unhex};
use thrift_core::encode::{from_slice, to_vec};
use thrift_core::value::Value;
use thrift_core::{Binary, Compact, MessageType, OutputProtocol, Protocol, TType};

fn s(text: &str) -> Value {
    Value::string(text)
}

fn inner(a: i32, b: &str) -> Value {
    Value::Struct(vec![(1, Value::I32(a)), (2, s(b))])
}

/// The same cases as `cases()` in the Python peer, fields in declaration order.
fn cases() -> BTreeMap<&'static str, Value> {
    let all_types = Value::Struct(vec![
        (1, Value::Bool(true)),
        (2, Value::Bool(false)),
        (3, Value::I8(-128)),
        (4, Value::I16(-12345)),
        (5, Value::I32(i32::MAX)),
        (6, Value::I64(i64::MIN)),
        (7, Value::Double(-1.5e300)),
        (8, s("h\u{e9}llo \u{2713} \u{1F600}")),
        (9, Value::Binary((0..=255u8).collect::<Vec<_>>().into())),
        (10, inner(-1, "")),
        (
            11,
            Value::List(
                TType::I32,
                [0, 1, -1, 63, -64, 64, 300, i32::MIN]
                    .map(Value::I32)
                    .to_vec(),
            ),
        ),
        (
            12,
            Value::Set(TType::I32, [1, 2, 3].map(Value::I32).to_vec()),
        ),
        (
            13,
            Value::Map(
                TType::String,
                TType::I64,
                vec![
                    (s("big"), Value::I64(1 << 40)),
                    (s("minus"), Value::I64(-1)),
                    (s("one"), Value::I64(1)),
                ],
            ),
        ),
        (
            14,
            Value::List(TType::Bool, [true, false, true].map(Value::Bool).to_vec()),
        ),
        (
            15,
            Value::List(
                TType::String,
                (0..20).map(|i| s(&format!("item{i}"))).collect(),
            ),
        ),
        (
            16,
            Value::Map(
                TType::I32,
                TType::List,
                vec![
                    (Value::I32(-7), Value::List(TType::Struct, vec![])),
                    (
                        Value::I32(7),
                        Value::List(TType::Struct, vec![inner(1, "x"), inner(2, "y")]),
                    ),
                ],
            ),
        ),
        (17, Value::I32(42)),
        (
            18,
            Value::List(
                TType::Double,
                [0.0, -0.0, 1.0, std::f64::consts::PI, f64::INFINITY]
                    .map(Value::Double)
                    .to_vec(),
            ),
        ),
        (40, Value::I16(32767)),
        (41, Value::Map(TType::String, TType::String, vec![])),
        (42, Value::List(TType::I8, vec![])),
        (
            43,
            Value::List(
                TType::List,
                vec![
                    Value::List(TType::I64, vec![Value::I64(1), Value::I64(2)]),
                    Value::List(TType::I64, vec![]),
                    Value::List(TType::I64, vec![Value::I64(3)]),
                ],
            ),
        ),
        (300, Value::Bool(true)),
    ]);
    BTreeMap::from([
        ("all_types", all_types),
        (
            "sparse",
            Value::Struct(vec![(5, Value::I32(5)), (300, Value::Bool(false))]),
        ),
        ("empty", Value::Struct(vec![])),
        ("inner", inner(0, &"x".repeat(300))),
    ])
}

/// The types `thrift!` generates from the IDL thriftpy2 loads.
mod generated {
    thrift_core::thrift!("tests/idl/values.thrift");
}

fn messages() -> BTreeMap<&'static str, (&'static str, MessageType, i32)> {
    BTreeMap::from([
        ("call_ping_1", ("ping", MessageType::Call, 1)),
        ("reply_history_300", ("history", MessageType::Reply, 300)),
        ("exception_x_max", ("x", MessageType::Exception, i32::MAX)),
        ("oneway_ping_0", ("ping", MessageType::Oneway, 0)),
    ])
}

fn encode_value(protocol: &str, value: &Value) -> Vec<u8> {
    match protocol {
        "compact" => to_vec::<Compact, _>(value),
        _ => to_vec::<Binary, _>(value),
    }
}

fn decode_value(protocol: &str, bytes: &[u8]) -> Value {
    match protocol {
        "compact" => from_slice::<Compact, Value>(bytes),
        _ => from_slice::<Binary, Value>(bytes),
    }
    .unwrap_or_else(|e| panic!("decoding thriftpy2's {protocol} bytes: {e}"))
}

fn message_header<P: Protocol>(name: &str, kind: MessageType, seq: i32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = P::writer(&mut out, thrift_core::Limits::DEFAULT);
        writer.write_message_begin(name, kind, seq).unwrap();
        writer.write_message_end().unwrap();
    }
    out
}

#[test]
fn our_bytes_equal_thriftpy2_bytes_and_decode_back() {
    if !require_python_module("thriftpy2") {
        return;
    }
    let cases = cases();
    let messages = messages();
    let output = run_python("thriftpy2_values.py", &["encode"], "");
    let mut checked = 0;
    for line in output.lines() {
        let case = json_field(line, "case");
        let protocol = json_field(line, "protocol");
        let theirs = unhex(json_field(line, "hex"));
        if let Some(message) = case.strip_prefix("message:") {
            let (name, kind, seq) = messages[message];
            let ours = match protocol {
                "compact" => message_header::<Compact>(name, kind, seq),
                _ => message_header::<Binary>(name, kind, seq),
            };
            assert_eq!(
                hex(&ours),
                hex(&theirs),
                "message header {message} ({protocol})"
            );
        } else {
            let value = &cases[case];
            let ours = encode_value(protocol, value);
            assert_eq!(hex(&ours), hex(&theirs), "{case} ({protocol})");
            let decoded = decode_value(protocol, &theirs);
            assert_eq!(
                hex(&encode_value(protocol, &decoded)),
                hex(&theirs),
                "{case} ({protocol}) re-encoded after decoding"
            );
            if protocol != "compact" {
                assert_eq!(&decoded, value, "{case} ({protocol}) decoded");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, cases.len() * 3 + messages.len() * 2);
}

#[test]
fn thriftpy2_decodes_our_bytes() {
    if !require_python_module("thriftpy2") {
        return;
    }
    let mut input = String::new();
    let mut expected = Vec::new();
    for (case, value) in cases() {
        for protocol in ["binary", "binary-cython", "compact"] {
            let bytes = encode_value(protocol, &value);
            input.push_str(&format!(
                "{{\"case\": \"{case}\", \"protocol\": \"{protocol}\", \"hex\": \"{}\"}}\n",
                hex(&bytes)
            ));
            expected.push(format!("ok {case} {protocol}"));
        }
    }
    let output = run_python("thriftpy2_values.py", &["decode"], &input);
    assert_eq!(output.lines().collect::<Vec<_>>(), expected);
}

/// Decodes thriftpy2's bytes with the generated types and re-encodes them.
fn generated_round_trip<T: thrift_core::ThriftType>(protocol: &str, theirs: &[u8]) -> Vec<u8> {
    let value: T = match protocol {
        "compact" => from_slice::<Compact, T>(theirs),
        _ => from_slice::<Binary, T>(theirs),
    }
    .unwrap_or_else(|e| panic!("generated types decoding thriftpy2's {protocol} bytes: {e}"));
    match protocol {
        "compact" => to_vec::<Compact, _>(&value),
        _ => to_vec::<Binary, _>(&value),
    }
}

#[test]
fn generated_types_decode_and_re_encode_thriftpy2_bytes() {
    if !require_python_module("thriftpy2") {
        return;
    }
    let output = run_python("thriftpy2_values.py", &["encode"], "");
    let mut checked = 0;
    for line in output.lines() {
        let case = json_field(line, "case");
        let protocol = json_field(line, "protocol");
        let theirs = unhex(json_field(line, "hex"));
        let again = match case {
            "inner" => generated_round_trip::<generated::Inner>(protocol, &theirs),
            "all_types" | "sparse" | "empty" => {
                generated_round_trip::<generated::AllTypes>(protocol, &theirs)
            }
            _ => continue,
        };
        assert_eq!(hex(&again), hex(&theirs), "{case} ({protocol})");
        checked += 1;
    }
    assert_eq!(checked, cases().len() * 3);
    // And values built in Rust encode exactly as thriftpy2 encodes the same values.
    let sparse = generated::AllTypes {
        medium: Some(5),
        late_flag: Some(false),
        ..Default::default()
    };
    let expected = cases()["sparse"].clone();
    assert_eq!(to_vec::<Binary, _>(&sparse), to_vec::<Binary, _>(&expected));
    assert_eq!(
        to_vec::<Compact, _>(&sparse),
        to_vec::<Compact, _>(&expected)
    );
    assert_eq!(generated::Color::BLUE.0, 42);
}
