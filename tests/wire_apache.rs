//! Byte-for-byte cross-check against Apache's own `thrift` Python package, with code from
//! Debian's `thrift` compiler, in all three protocols: binary, compact and JSON (the one
//! protocol thriftpy2 has no compatible codec for, so this is its cross-check).
//!
//! The values of `tests/idl/values.thrift` are built here with the types `thrift!` generates
//! and in `tests/peers/apache_values.py` as Apache's generated classes; the encodings must be
//! identical, and each side must decode the other's bytes back to the same value.

mod support;

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use support::{hex, json_field, require_apache_python, run_python, unhex};
use thrift_core::encode::{from_slice, to_vec};
use thrift_core::{Binary, Compact, Json, MessageType, OutputProtocol, Protocol, ThriftType};

mod values {
    thrift_core::thrift!("tests/idl/values.thrift");
}

use values::{AllTypes, Color, Inner};

/// The same cases as `cases()` in the Python peer.
fn cases(protocol: &str) -> BTreeMap<&'static str, AllTypesOrInner> {
    let inner = |a: i32, b: &str| Inner {
        a: Some(a),
        b: Some(b.into()),
    };
    let mut doubles = vec![0.0, -0.0, 1.0, std::f64::consts::PI, 0.1, 1e-5, 1e17];
    if protocol != "json" {
        doubles.push(f64::INFINITY);
    }
    let all_types = AllTypes {
        flag_true: Some(true),
        flag_false: Some(false),
        b: Some(-128),
        small: Some(-12345),
        medium: Some(i32::MAX),
        big: Some(i64::MIN),
        real: Some(-1.5e300),
        text: Some("h\u{e9}llo \u{2713} \u{1F600} \"quoted\" back\\slash /slash\ttab\nline".into()),
        blob: Some((0..=255u8).collect::<Vec<_>>().into()),
        inner: Some(inner(-1, "")),
        ints: Some(vec![0, 1, -1, 63, -64, 64, 300, i32::MIN]),
        int_set: Some(BTreeSet::from([1, 2, 3])),
        counts: Some(BTreeMap::from([
            ("big".into(), 1 << 40),
            ("minus".into(), -1),
            ("one".into(), 1),
        ])),
        bools: Some(vec![true, false, true]),
        long_list: Some((0..20).map(|i| format!("item{i}")).collect()),
        nested: Some(BTreeMap::from([
            (-7, vec![]),
            (7, vec![inner(1, "x"), inner(2, "y")]),
        ])),
        color: Some(Color::BLUE),
        doubles: Some(doubles),
        far_field: Some(32767),
        empty_map: Some(BTreeMap::new()),
        empty_list: Some(vec![]),
        matrix: Some(vec![vec![1, 2], vec![], vec![3]]),
        late_flag: Some(true),
    };
    BTreeMap::from([
        ("all_types", AllTypesOrInner::All(Box::new(all_types))),
        (
            "sparse",
            AllTypesOrInner::All(Box::new(AllTypes {
                medium: Some(5),
                late_flag: Some(false),
                ..Default::default()
            })),
        ),
        ("empty", AllTypesOrInner::All(Box::default())),
        ("inner", AllTypesOrInner::Inner(inner(0, &"x".repeat(300)))),
        (
            "blob_sizes",
            AllTypesOrInner::All(Box::new(AllTypes {
                blob: Some(Bytes::from_static(b"a")),
                long_list: Some(vec![String::new(), "\u{e9}".into()]),
                empty_map: Some(BTreeMap::from([(String::new(), "\u{2713}".into())])),
                ..Default::default()
            })),
        ),
    ])
}

/// A case's value: the peer's cases are `AllTypes` but for `inner`.
#[derive(Debug, PartialEq)]
enum AllTypesOrInner {
    All(Box<AllTypes>),
    Inner(Inner),
}

fn encode<P: Protocol>(value: &AllTypesOrInner) -> Vec<u8> {
    match value {
        AllTypesOrInner::All(v) => to_vec::<P, AllTypes>(v),
        AllTypesOrInner::Inner(v) => to_vec::<P, _>(v),
    }
}

fn decode<P: Protocol>(like: &AllTypesOrInner, bytes: &[u8]) -> AllTypesOrInner {
    let what = "decoding Apache's bytes";
    match like {
        AllTypesOrInner::All(_) => {
            AllTypesOrInner::All(Box::new(from_slice::<P, _>(bytes).expect(what)))
        }
        AllTypesOrInner::Inner(_) => AllTypesOrInner::Inner(from_slice::<P, _>(bytes).expect(what)),
    }
}

/// `fun` instantiated for the protocol named `protocol`.
macro_rules! by_protocol {
    ($protocol:expr, $fun:ident($($arg:expr),*)) => {
        match $protocol {
            "binary" => $fun::<Binary>($($arg),*),
            "compact" => $fun::<Compact>($($arg),*),
            "json" => $fun::<Json>($($arg),*),
            other => panic!("unknown protocol {other}"),
        }
    };
}

/// A message header around an empty `AllTypes`, as the peer writes it.
fn message<P: Protocol>(name: &str, kind: MessageType, seq: i32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = P::writer(&mut out, thrift_core::Limits::DEFAULT);
        writer.write_message_begin(name, kind, seq).unwrap();
        AllTypes::default().write(&mut writer).unwrap();
        writer.write_message_end().unwrap();
    }
    out
}

fn messages() -> BTreeMap<&'static str, (&'static str, MessageType, i32)> {
    BTreeMap::from([
        ("call_ping_1", ("ping", MessageType::Call, 1)),
        ("reply_history_300", ("history", MessageType::Reply, 300)),
        ("exception_x_max", ("x", MessageType::Exception, i32::MAX)),
        ("oneway_ping_0", ("ping", MessageType::Oneway, 0)),
    ])
}

#[test]
fn our_bytes_equal_apache_python_bytes_and_decode_back() {
    if !require_apache_python() {
        return;
    }
    let output = run_python("apache_values.py", &["encode"], "");
    let mut checked = BTreeMap::<&str, usize>::new();
    for line in output.lines() {
        let case = json_field(line, "case");
        let protocol = json_field(line, "protocol");
        let theirs = unhex(json_field(line, "hex"));
        let show = |bytes: &[u8]| match protocol {
            "json" => String::from_utf8_lossy(bytes).into_owned(),
            _ => hex(bytes),
        };
        if let Some(name) = case.strip_prefix("message:") {
            let (method, kind, seq) = messages()[name];
            let ours = by_protocol!(protocol, message(method, kind, seq));
            assert_eq!(show(&ours), show(&theirs), "message {name} ({protocol})");
        } else {
            let value = &cases(protocol)[case];
            let ours = by_protocol!(protocol, encode(value));
            assert_eq!(show(&ours), show(&theirs), "{case} ({protocol})");
            let decoded = by_protocol!(protocol, decode(value, &theirs));
            assert_eq!(&decoded, value, "{case} ({protocol}) decoded");
        }
        *checked.entry(protocol).or_default() += 1;
    }
    let per_protocol = cases("json").len() + messages().len();
    assert_eq!(
        checked,
        BTreeMap::from([
            ("binary", per_protocol),
            ("compact", per_protocol),
            ("json", per_protocol)
        ])
    );
}

#[test]
fn apache_python_decodes_our_bytes() {
    if !require_apache_python() {
        return;
    }
    let mut input = String::new();
    let mut expected = Vec::new();
    for protocol in ["binary", "compact", "json"] {
        for (case, value) in cases(protocol) {
            let bytes = by_protocol!(protocol, encode(&value));
            input.push_str(&format!(
                "{{\"case\": \"{case}\", \"protocol\": \"{protocol}\", \"hex\": \"{}\"}}\n",
                hex(&bytes)
            ));
            expected.push(format!("ok {case} {protocol}"));
        }
    }
    let output = run_python("apache_values.py", &["decode"], &input);
    assert_eq!(output.lines().collect::<Vec<_>>(), expected);
}
