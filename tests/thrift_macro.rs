//! `thrift!` on an IDL that uses every construct (`tests/idl/everything.thrift`): the
//! generated types compile without warnings, have the documented shapes, and round-trip
//! through both protocols.

#![deny(warnings, missing_docs)]

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use thrift_core::value::Value;
use thrift_core::{binary, compact, ErrorKind, OrderedFloat, ThriftType, Uuid, VecMap, VecSet};

thrift_core::thrift!(
    "tests/idl/everything.thrift",
    include_dirs = ["tests/idl/common"]
);

/// Encodes with both protocols, checks the dynamic reading agrees byte for byte, and decodes
/// back to an equal value.
fn round_trip<T: ThriftType + PartialEq + std::fmt::Debug>(value: &T) {
    for (name, bytes) in [
        ("binary", binary::to_vec(value)),
        ("compact", compact::to_vec(value)),
    ] {
        let (typed, dynamic): (T, Value) = if name == "binary" {
            (
                binary::from_slice(&bytes).unwrap(),
                binary::from_slice(&bytes).unwrap(),
            )
        } else {
            (
                compact::from_slice(&bytes).unwrap(),
                compact::from_slice(&bytes).unwrap(),
            )
        };
        assert_eq!(&typed, value, "{name}");
        let again = if name == "binary" {
            binary::to_vec(&dynamic)
        } else {
            compact::to_vec(&dynamic)
        };
        assert_eq!(
            again, bytes,
            "{name}: the dynamic view re-encodes identically"
        );
    }
}

fn point(x: i32, y: i32) -> Point {
    Point {
        x: Some(x),
        y: Some(y),
    }
}

#[test]
fn primitives_map_to_rust_types() {
    let p = Primitives {
        flag: Some(true),
        b: Some(-1i8),
        c: Some(i8::MAX),
        d: Some(i16::MIN),
        e: Some(i32::MAX),
        f: Some(i64::MIN),
        g: Some(0.5f64),
        h: Some(String::from("text")),
        i: Some(Bytes::from_static(b"\x00\xff")),
        j: Some(ID),
    };
    round_trip(&p);
    round_trip(&Primitives::default());
}

#[test]
fn containers_pick_ordered_or_wire_order_collections() {
    let c = Containers {
        ints: Some(vec![1, -1]),
        strings: Some(BTreeSet::from(["a".to_string(), "b".to_string()])),
        counts: Some(BTreeMap::from([("k".to_string(), 7i64)])),
        nested: Some(vec![vec!["x".into()], vec![]]),
        doubles: Some(BTreeSet::from([OrderedFloat(1.5), OrderedFloat(-0.0)])),
        by_score: Some(BTreeMap::from([(OrderedFloat(9.5), "high".to_string())])),
        by_color: Some(BTreeMap::from([(Color::RED, BTreeSet::from([1i16, 2]))])),
        rows: Some(vec![Primitives::default()]),
        points: Some(BTreeSet::from([point(1, 2), point(0, 0)])),
        labels: Some(BTreeMap::from([(point(3, 4), "p".to_string())])),
        measured: Some(VecSet(vec![
            Measured { value: Some(2.5) },
            Measured { value: Some(2.5) },
        ])),
        by_measure: Some(VecMap(vec![(Measured { value: None }, 1)])),
        names: Some(vec!["n".to_string()]),
    };
    round_trip(&c);
}

#[test]
fn constants_of_every_shape() {
    assert_eq!(TINY, -8i8);
    assert_eq!(SMALL, 300i16);
    assert_eq!(ANSWER, 42i32);
    assert_eq!(BIG, 9_007_199_254_740_993i64);
    assert_eq!(PI.to_string(), "3.14159");
    assert_eq!(WHOLE, 2.0f64);
    const { assert!(YES) };
    assert_eq!(GREETING, "hello");
    assert_eq!(MAGIC, b"magic");
    assert_eq!(
        ID,
        "00112233-4455-6677-8899-aabbccddeeff"
            .parse::<Uuid>()
            .unwrap()
    );
    assert_eq!(FAVOURITE, Color::BLUE);
    assert_eq!(*PRIMES, vec![2, 3, 5, 7]);
    assert_eq!(*WORDS, BTreeSet::from(["a".to_string(), "b".to_string()]));
    assert_eq!(TABLE["two"], vec![2, 2]);
    assert_eq!(GRADES[&OrderedFloat(9.5)], "high");
    let names: &Names = &NAMES;
    assert_eq!(names, &vec!["x".to_string(), "y".to_string()]);
    assert_eq!(ADMIN.id, 1);
    assert_eq!(ADMIN.name.as_deref(), Some("root"));
    assert_eq!(ADMIN.level, Some(base::Level::HIGH));
    assert_eq!(ALIAS, 42);
    assert_eq!(shared::MAX_USERS, 1000);
}

#[test]
fn enums_are_open() {
    assert_eq!(
        [
            Color::RED.0,
            Color::GREEN.0,
            Color::BLUE.0,
            Color::LIGHT_BLUE.0
        ],
        [1, 2, 16, 17]
    );
    assert_eq!(Color::VALUES.len(), 4);
    assert_eq!(format!("{:?}", Color::LIGHT_BLUE), "lightBlue");
    assert_eq!(Color::BLUE.name(), Some("BLUE"));
    // A value from a newer peer survives a decode and an encode.
    let unknown = Color(99);
    assert_eq!(format!("{unknown:?}"), "Color(99)");
    assert_eq!(unknown.name(), None);
    let bytes = compact::to_vec(&Containers {
        by_color: Some(BTreeMap::from([(unknown, BTreeSet::new())])),
        ..Containers::default()
    });
    let back: Containers = compact::from_slice(&bytes).unwrap();
    assert!(back.by_color.unwrap().contains_key(&Color(99)));
    assert_eq!(i32::from(Keywords::LOOP), 2);
    assert_eq!(
        [
            base::Level::LOW.0,
            base::Level::MEDIUM.0,
            base::Level::HIGH.0
        ],
        [0, 5, 6]
    );
}

#[test]
fn defaults_and_requiredness() {
    let d = Defaults::default();
    assert_eq!(d.port, 9090);
    assert_eq!(d.host, "localhost");
    assert_eq!(d.tags, Some(vec!["a".to_string()]));
    assert_eq!(d.color, Color::GREEN);
    assert_eq!(d.no_default, None);
    assert_eq!(d.maybe, None);
    assert_eq!(d.origin, point(1, 2));
    assert_eq!(d.ratio, 1.0);
    round_trip(&d);
    // `host` is required: decoding without it fails and names it.
    let err = binary::from_slice::<Defaults>(&[0]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingField);
    assert!(
        err.to_string().contains("`host` (id 2) of `Defaults`"),
        "{err}"
    );
    // Absent default-requiredness fields take their IDL default; optional ones stay absent.
    let only_host = binary::to_vec(&Value::Struct(vec![(2, Value::string("h"))]));
    let decoded: Defaults = binary::from_slice(&only_host).unwrap();
    assert_eq!(
        (decoded.port, decoded.tags, decoded.color),
        (9090, None, Color::GREEN)
    );
}

#[test]
fn presence_is_preserved() {
    // A decode followed by an encode never adds or drops a field the IDL knows.
    for fields in [
        vec![],
        vec![(1, Value::I32(5))],
        vec![(2, Value::I32(6))],
        vec![(1, Value::I32(0)), (2, Value::I32(0))],
    ] {
        let bytes = compact::to_vec(&Value::Struct(fields));
        let p: Point = compact::from_slice(&bytes).unwrap();
        assert_eq!(compact::to_vec(&p), bytes);
    }
}

#[test]
fn unions_and_recursion() {
    let shape = Shape::Group(vec![
        Shape::Circle(1.0),
        Shape::Square(point(1, 1)),
        Shape::Label("x".into()),
        Shape::Group(vec![]),
    ]);
    round_trip(&shape);
    assert_eq!(Shape::default(), Shape::Circle(0.0));
    let tree = Tree {
        value: 1,
        children: Some(vec![Tree {
            value: 2,
            ..Tree::default()
        }]),
        left: Some(Box::new(Tree {
            value: 3,
            ..Tree::default()
        })),
        // Every field on a cycle is boxed: Tree -> Forest -> Tree.
        forest: Some(Box::new(Forest {
            first: Some(Box::new(Tree::default())),
        })),
    };
    round_trip(&tree);
    let list = Linked {
        value: Some(1),
        next: Some(Box::new(Linked {
            value: Some(2),
            next: None,
        })),
    };
    round_trip(&list);
}

#[test]
fn exceptions_are_errors() {
    let oops = Oops {
        message: Some("it broke".into()),
    };
    assert_eq!(oops.to_string(), "Oops: it broke");
    let boxed: Box<dyn std::error::Error> = Box::new(oops.clone());
    assert_eq!(boxed.to_string(), "Oops: it broke");
    let detailed = Detailed {
        code: Some(7),
        why: None,
    };
    assert_eq!(
        detailed.to_string(),
        "Detailed: Detailed { code: Some(7), why: None }"
    );
    round_trip(&oops);
}

#[test]
fn keywords_and_colliding_names_are_escaped() {
    let t = Type {
        r#match: Some(1),
        r#mut: Some("m".into()),
        self_: Some(true),
        crate_: Some(2),
        foo_bar: Some(3),
        foo_bar_: Some(4),
        r#async: Some(5),
    };
    round_trip(&t);
    // Field names on the wire stay the IDL's: ids 5 and 6 are `fooBar` and `foo_bar`.
    let bytes = binary::to_vec(&Value::Struct(vec![(5, Value::I32(3)), (6, Value::I32(4))]));
    let back: Type = binary::from_slice(&bytes).unwrap();
    assert_eq!((back.foo_bar, back.foo_bar_), (Some(3), Some(4)));
}

#[test]
fn includes_become_modules() {
    let value = UsesIncludes {
        user: Some(shared::User {
            id: 1,
            name: Some("u".into()),
            level: Some(base::Level::LOW),
            created: Some(base::Stamp {
                at: 5,
                zone: Some("CET".into()),
            }),
        }),
        stamp: Some(base::Stamp::default()),
        at: Some(9 as base::Timestamp),
        users: Some(vec![]),
        level: Some(base::Level(42)),
    };
    round_trip(&value);
    assert_eq!(base::Stamp::default().zone.as_deref(), Some("UTC"));
    assert_eq!(shared::User::default().level, Some(base::Level::MEDIUM));
    let not_found = shared::NotFound { what: None };
    assert_eq!(not_found.to_string(), "NotFound");
}

#[test]
fn ids_and_annotations() {
    let sparse = Sparse {
        far: Some(1),
        backwards: Some(2),
    };
    // Written in IDL order: 100 first, then 5.
    assert_eq!(
        binary::to_vec(&sparse),
        binary::to_vec(&Value::Struct(vec![
            (100, Value::I32(1)),
            (5, Value::I32(2))
        ]))
    );
    round_trip(&Annotated {
        a: Some(1),
        b: None,
    });
}

/// A hand-written type with the derive is byte-compatible with the IDL-generated one.
#[derive(thrift_core::ThriftStruct, Debug, PartialEq)]
struct HandPoint {
    #[thrift(id = 1)]
    x: Option<i32>,
    #[thrift(id = 2)]
    y: Option<i32>,
}

#[test]
fn derived_and_generated_types_interoperate() {
    let generated = point(3, -4);
    let hand = HandPoint {
        x: Some(3),
        y: Some(-4),
    };
    assert_eq!(compact::to_vec(&generated), compact::to_vec(&hand));
    assert_eq!(
        binary::from_slice::<HandPoint>(&binary::to_vec(&generated)).unwrap(),
        hand
    );
}
