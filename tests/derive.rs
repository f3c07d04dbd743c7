//! `#[derive(ThriftStruct)]` on hand-written types: wire bytes, presence, unions, enums,
//! newtypes, generics, recursion and hygiene.

#![deny(warnings)]

use std::collections::{BTreeMap, HashSet};

use bytes::Bytes;
use thrift_core::value::Value;
use thrift_core::{binary, compact, ErrorKind, TType, ThriftStruct};

#[derive(ThriftStruct, Debug, Clone, PartialEq, Default)]
struct Message {
    #[thrift(id = 1, required)]
    id: i64,
    #[thrift(id = 2, required)]
    text: String,
    #[thrift(id = 3)]
    tags: Option<Vec<String>>,
}

#[derive(ThriftStruct, Debug, Clone, PartialEq)]
#[thrift(name = "Settings")]
struct Config {
    #[thrift(id = 1, default = 9090)]
    port: i32,
    #[thrift(id = 2, default = String::from("127.0.0.1"))]
    host: String,
    #[thrift(id = 3)]
    verbose: bool,
    #[thrift(id = 4, name = "type")]
    r#type: Option<Kind>,
    #[thrift(id = 5)]
    blob: Bytes,
    #[thrift(id = 6)]
    limits: BTreeMap<String, i64>,
    #[thrift(id = 7)]
    ids: HashSet<i16>,
}

#[derive(ThriftStruct, Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Plain = 1,
    Fancy = 2,
    Negative = -5,
}

#[derive(ThriftStruct, Debug, Clone, PartialEq)]
enum Shape {
    #[thrift(id = 1)]
    Circle(f64),
    #[thrift(id = 2, name = "label")]
    Label(String),
    #[thrift(id = 3)]
    Nested(Box<Shape>),
}

#[derive(ThriftStruct, Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct UserId(i64);

/// More fields than one slot tuple holds (15), twice over: the decoder nests the rest.
#[derive(ThriftStruct, Debug, Clone, PartialEq, Default)]
struct Wide {
    #[thrift(id = 1, required)]
    f0: String,
    #[thrift(id = 199)]
    f1: i32,
    #[thrift(id = 3)]
    f2: i32,
    #[thrift(id = 197)]
    f3: Option<String>,
    #[thrift(id = 5)]
    f4: i32,
    #[thrift(id = 195)]
    f5: i32,
    #[thrift(id = 7)]
    f6: Option<String>,
    #[thrift(id = 193)]
    f7: i32,
    #[thrift(id = 9)]
    f8: i32,
    #[thrift(id = 191)]
    f9: Option<String>,
    #[thrift(id = 11)]
    f10: i32,
    #[thrift(id = 189)]
    f11: i32,
    #[thrift(id = 13)]
    f12: Option<String>,
    #[thrift(id = 187)]
    f13: i32,
    #[thrift(id = 15)]
    f14: i32,
    #[thrift(id = 185)]
    f15: Option<String>,
    #[thrift(id = 17, required)]
    f16: String,
    #[thrift(id = 183)]
    f17: i32,
    #[thrift(id = 19)]
    f18: Option<String>,
    #[thrift(id = 181)]
    f19: i32,
    #[thrift(id = 21)]
    f20: i32,
    #[thrift(id = 179)]
    f21: Option<String>,
    #[thrift(id = 23)]
    f22: i32,
    #[thrift(id = 177)]
    f23: i32,
    #[thrift(id = 25)]
    f24: Option<String>,
    #[thrift(id = 175)]
    f25: i32,
    #[thrift(id = 27)]
    f26: i32,
    #[thrift(id = 173)]
    f27: Option<String>,
    #[thrift(id = 29)]
    f28: i32,
    #[thrift(id = 171)]
    f29: i32,
    #[thrift(id = 31)]
    f30: Option<String>,
    #[thrift(id = 169)]
    f31: i32,
    #[thrift(id = 33, required)]
    f32: String,
}

#[derive(ThriftStruct, Debug, Clone, PartialEq)]
struct Tree {
    #[thrift(id = 1, required)]
    value: UserId,
    #[thrift(id = 2)]
    children: Vec<Tree>,
    #[thrift(id = 3)]
    next: Option<Box<Tree>>,
}

#[derive(ThriftStruct, Debug, Clone, PartialEq)]
struct Pair<A, B> {
    #[thrift(id = 1)]
    first: Option<A>,
    #[thrift(id = 2)]
    second: Option<B>,
}

#[derive(ThriftStruct, Debug, Clone, PartialEq)]
struct Empty;

fn s(text: &str) -> Value {
    Value::string(text)
}

#[test]
fn struct_bytes_match_the_dynamic_encoding() {
    let message = Message {
        id: 7,
        text: "hi".into(),
        tags: Some(vec!["a".into()]),
    };
    let expected = Value::Struct(vec![
        (1, Value::I64(7)),
        (2, s("hi")),
        (3, Value::List(TType::String, vec![s("a")])),
    ]);
    assert_eq!(binary::to_vec(&message), binary::to_vec(&expected));
    assert_eq!(compact::to_vec(&message), compact::to_vec(&expected));
    assert_eq!(
        binary::from_slice::<Message>(&binary::to_vec(&message)).unwrap(),
        message
    );
    assert_eq!(
        compact::from_slice::<Message>(&compact::to_vec(&message)).unwrap(),
        message
    );
}

#[test]
fn optional_fields_are_written_only_when_present() {
    let message = Message {
        id: 1,
        text: String::new(),
        tags: None,
    };
    let expected = Value::Struct(vec![(1, Value::I64(1)), (2, s(""))]);
    assert_eq!(binary::to_vec(&message), binary::to_vec(&expected));
}

#[test]
fn missing_required_fields_name_struct_and_field() {
    let bytes = binary::to_vec(&Value::Struct(vec![(1, Value::I64(1))]));
    let err = binary::from_slice::<Message>(&bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert_eq!(
        err.to_string(),
        "missing required field: `text` (id 2) of `Message`"
    );
}

#[test]
fn errors_inside_fields_carry_the_field_path() {
    // Field 3 (`tags`) is a list whose element is not valid UTF-8.
    let bytes = binary::to_vec(&Value::Struct(vec![
        (1, Value::I64(1)),
        (2, s("x")),
        (
            3,
            Value::List(
                TType::String,
                vec![Value::Binary(Bytes::from_static(&[0xff]))],
            ),
        ),
    ]));
    let err = binary::from_slice::<Message>(&bytes).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert!(
        err.to_string()
            .ends_with("(in field `tags` (id 3) of `Message`)"),
        "{err}"
    );
}

#[test]
fn defaults_fill_absent_fields_and_unknown_fields_are_skipped() {
    let bytes = compact::to_vec(&Value::Struct(vec![
        (3, Value::Bool(true)),
        (99, Value::Struct(vec![(1, s("from a newer schema"))])),
    ]));
    let config: Config = compact::from_slice(&bytes).unwrap();
    assert_eq!(config.port, 9090);
    assert_eq!(config.host, "127.0.0.1");
    assert!(config.verbose);
    assert_eq!(config.r#type, None);
    assert!(config.blob.is_empty() && config.limits.is_empty() && config.ids.is_empty());
}

#[test]
fn structs_wider_than_a_slot_tuple_decode_every_field() {
    let mut wide = Wide {
        f0: "first".into(),
        f16: "middle".into(),
        f32: "last".into(),
        ..Wide::default()
    };
    wide.f1 = 1;
    wide.f14 = 14;
    wide.f15 = Some("fifteenth".into());
    wide.f29 = 29;
    wide.f31 = 31;
    let decoded: Wide = binary::from_slice(&binary::to_vec(&wide)).unwrap();
    assert_eq!(decoded, wide);
    let decoded: Wide = compact::from_slice(&compact::to_vec(&wide)).unwrap();
    assert_eq!(decoded, wide);
    // The last required field, in the second nested tuple, is still checked and named.
    let Value::Struct(mut fields) = binary::from_slice(&binary::to_vec(&wide)).unwrap() else {
        unreachable!()
    };
    fields.retain(|(id, _)| *id != 33);
    let err = binary::from_slice::<Wide>(&binary::to_vec(&Value::Struct(fields.clone())));
    assert_eq!(
        err.unwrap_err().to_string(),
        "missing required field: `f32` (id 33) of `Wide`"
    );
    // An error inside a nested slot names its field.
    fields.retain(|(id, _)| *id != 17);
    fields.push((17, Value::Binary(Bytes::from_static(&[0xff]))));
    let err = binary::from_slice::<Wide>(&binary::to_vec(&Value::Struct(fields))).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("(in field `f16` (id 17) of `Wide`)"),
        "{err}"
    );
}

#[test]
fn fields_of_the_wrong_type_are_skipped() {
    // `port` arrives as a string: Thrift skips it and the default stands.
    let bytes = binary::to_vec(&Value::Struct(vec![(1, s("80"))]));
    let config: Config = binary::from_slice(&bytes).unwrap();
    assert_eq!(config.port, 9090);
}

#[test]
fn enums_are_i32_and_reject_unknown_values() {
    let config = Config {
        port: 1,
        host: "h".into(),
        verbose: false,
        r#type: Some(Kind::Negative),
        blob: Bytes::from_static(b"\x00\x01"),
        limits: BTreeMap::from([("a".into(), 1)]),
        ids: HashSet::from([3]),
    };
    for bytes in [binary::to_vec(&config), compact::to_vec(&config)] {
        let back: Config = if bytes[0] == 8 {
            binary::from_slice(&bytes).unwrap()
        } else {
            compact::from_slice(&bytes).unwrap()
        };
        assert_eq!(back, config);
    }
    assert_eq!(binary::to_vec(&Kind::Fancy), 2i32.to_be_bytes());
    let err = binary::from_slice::<Kind>(&7i32.to_be_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid data: 7 is not a value of enum `Kind`"
    );
}

#[test]
fn unions_hold_exactly_one_field() {
    let shape = Shape::Nested(Box::new(Shape::Label("x".into())));
    let expected = Value::Struct(vec![(3, Value::Struct(vec![(2, s("x"))]))]);
    assert_eq!(compact::to_vec(&shape), compact::to_vec(&expected));
    assert_eq!(
        compact::from_slice::<Shape>(&compact::to_vec(&shape)).unwrap(),
        shape
    );
    assert_eq!(
        binary::from_slice::<Shape>(&binary::to_vec(&Shape::Circle(1.5))).unwrap(),
        Shape::Circle(1.5)
    );
    let none = binary::to_vec(&Value::Struct(vec![(9, Value::I8(1))]));
    let err = binary::from_slice::<Shape>(&none).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid data: union `Shape` has no known field set"
    );
    let two = binary::to_vec(&Value::Struct(vec![(1, Value::Double(1.0)), (2, s("y"))]));
    let err = binary::from_slice::<Shape>(&two).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid data: union `Shape` has 2 fields set, expected one"
    );
}

#[test]
fn newtypes_recursion_and_generics() {
    assert_eq!(binary::to_vec(&UserId(5)), 5i64.to_be_bytes());
    let tree = Tree {
        value: UserId(1),
        children: vec![Tree {
            value: UserId(2),
            children: vec![],
            next: None,
        }],
        next: Some(Box::new(Tree {
            value: UserId(3),
            children: vec![],
            next: None,
        })),
    };
    assert_eq!(
        compact::from_slice::<Tree>(&compact::to_vec(&tree)).unwrap(),
        tree
    );
    let pair = Pair {
        first: Some(UserId(1)),
        second: Some(vec![Kind::Plain]),
    };
    assert_eq!(
        binary::from_slice::<Pair<UserId, Vec<Kind>>>(&binary::to_vec(&pair)).unwrap(),
        pair
    );
    assert_eq!(binary::to_vec(&Empty), [0]);
    assert_eq!(binary::from_slice::<Empty>(&[0]).unwrap(), Empty);
}

/// The expansion must not depend on anything the user has in scope.
mod hygiene {
    #![allow(dead_code, non_camel_case_types)]

    type Result<T> = std::result::Result<T, ()>;
    struct Option;
    struct Some;
    struct None;
    struct Vec;
    struct String;
    struct Box;
    trait ThriftType {}
    mod thrift_core {}

    #[derive(::thrift_core::ThriftStruct)]
    pub struct Shadowed {
        #[thrift(id = 1)]
        pub a: ::std::option::Option<i32>,
        #[thrift(id = 2, required)]
        pub b: i64,
        #[thrift(id = 3)]
        pub c: ::std::vec::Vec<::std::string::String>,
    }

    #[derive(::thrift_core::ThriftStruct)]
    #[thrift(crate = "::thrift_core")]
    pub enum Choice {
        #[thrift(id = 1)]
        A(i32),
    }
}

#[test]
fn expansion_is_hygienic() {
    let value = hygiene::Shadowed {
        a: Some(1),
        b: 2,
        c: vec!["c".into()],
    };
    let back: hygiene::Shadowed = binary::from_slice(&binary::to_vec(&value)).unwrap();
    assert_eq!(
        (back.a, back.b, back.c),
        (Some(1), 2, vec!["c".to_string()])
    );
}

/// Field ids around a struct's own: below, between and above them, negative and zero.
#[derive(ThriftStruct, Debug, PartialEq, Default)]
struct Around {
    #[thrift(id = -3)]
    negative: Option<i32>,
    #[thrift(id = 0)]
    zero: Option<String>,
    #[thrift(id = 2)]
    two: Option<i64>,
    #[thrift(id = 3)]
    three: Option<String>,
    #[thrift(id = 5)]
    five: Option<i64>,
    #[thrift(id = 400)]
    far: Option<Vec<i32>>,
}

/// Ids 2, 3, 4 in order: decoded by subtracting 2 from the id.
#[derive(ThriftStruct, Debug, PartialEq)]
struct Contiguous {
    #[thrift(id = 2)]
    two: Option<i64>,
    #[thrift(id = 3)]
    three: Option<String>,
    #[thrift(id = 4)]
    four: Option<i64>,
}

/// Ids 2, 5, 3: decoded through a match.
#[derive(ThriftStruct, Debug, PartialEq)]
struct Scattered {
    #[thrift(id = 2)]
    two: Option<i64>,
    #[thrift(id = 5)]
    five: Option<i64>,
    #[thrift(id = 3)]
    three: Option<String>,
}

#[test]
fn ids_outside_a_struct_are_skipped_however_it_numbers_its_fields() {
    let around = Around {
        negative: Some(-1),
        zero: Some("zero".into()),
        two: Some(2),
        three: Some("three".into()),
        five: Some(5),
        far: Some(vec![4, 0, 0]),
    };
    let contiguous = Contiguous {
        two: Some(2),
        three: Some("three".into()),
        four: None,
    };
    let scattered = Scattered {
        two: Some(2),
        five: Some(5),
        three: Some("three".into()),
    };
    let bytes = binary::to_vec(&around);
    assert_eq!(
        binary::from_slice::<Contiguous>(&bytes).unwrap(),
        contiguous
    );
    assert_eq!(binary::from_slice::<Scattered>(&bytes).unwrap(), scattered);
    let bytes = compact::to_vec(&around);
    assert_eq!(
        compact::from_slice::<Contiguous>(&bytes).unwrap(),
        contiguous
    );
    assert_eq!(compact::from_slice::<Scattered>(&bytes).unwrap(), scattered);
}
