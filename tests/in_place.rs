//! `thrift!`'s structs decode by filling their default value in place. Whatever the input,
//! the result must be the one a decode into fresh slots would give: absent fields get their
//! absent value (`None` for an optional field, even one whose IDL default `Default` uses),
//! a field sent twice is replaced rather than merged, and a missing required field fails.
//! `#[derive(ThriftStruct)]` types opt in with `#[thrift(in_place)]`, and since their
//! `Default` is their own, they reset every absent field, whatever `Default` put there.

#![deny(warnings)]

use thrift_core::{binary, compact, ThriftStruct, ThriftType};

thrift_core::thrift!("tests/idl/in_place.thrift");

/// Binary-protocol bytes by hand, to send what no encoder of ours would (repeats, wrong
/// types, missing required fields).
#[derive(Default)]
struct Wire(Vec<u8>);

const I32: u8 = 8;
const STRING: u8 = 11;
const STRUCT: u8 = 12;
const LIST: u8 = 15;

impl Wire {
    fn field(mut self, ttype: u8, id: i16) -> Self {
        self.0.push(ttype);
        self.0.extend_from_slice(&id.to_be_bytes());
        self
    }

    fn i32(mut self, value: i32) -> Self {
        self.0.extend_from_slice(&value.to_be_bytes());
        self
    }

    fn string(self, value: &str) -> Self {
        let mut wire = self.i32(value.len() as i32);
        wire.0.extend_from_slice(value.as_bytes());
        wire
    }

    fn list(mut self, element: u8, len: i32) -> Self {
        self.0.push(element);
        self.i32(len)
    }

    fn stop(mut self) -> Self {
        self.0.push(0);
        self
    }
}

fn point(x: i32) -> Point {
    Point {
        x,
        y: 7,
        label: None,
        tags: None,
    }
}

/// The `Shape` that holds only `corner`.
fn bare_shape(x: i32) -> Shape {
    Shape {
        corner: point(x),
        note: None,
        ..Shape::default()
    }
}

#[test]
fn an_absent_optional_field_is_none_even_when_default_sets_it() {
    assert_eq!(Point::default().label.as_deref(), Some("origin"));
    let bytes = Wire::default().field(I32, 1).i32(5).stop().0;
    assert_eq!(binary::from_slice::<Point>(&bytes).unwrap(), point(5));

    assert_eq!(Shape::default().note.as_deref(), Some("none"));
    let bytes = Wire::default()
        .field(STRUCT, 1)
        .field(I32, 1)
        .i32(5)
        .stop()
        .stop()
        .0;
    assert_eq!(binary::from_slice::<Shape>(&bytes).unwrap(), bare_shape(5));
}

#[test]
fn a_struct_sent_twice_is_replaced_not_merged() {
    let bytes = Wire::default()
        .field(STRUCT, 1)
        .field(I32, 1)
        .i32(1)
        .field(I32, 2)
        .i32(2)
        .field(STRING, 3)
        .string("first")
        .field(LIST, 4)
        .list(I32, 1)
        .i32(9)
        .stop()
        .field(STRUCT, 1)
        .field(I32, 1)
        .i32(3)
        .stop()
        .stop()
        .0;
    let shape: Shape = binary::from_slice(&bytes).unwrap();
    assert_eq!(shape, bare_shape(3));

    // A struct that itself decodes in place, sent twice into an optional field: the second
    // lacks the defaulted and the optional field the first set.
    let inner = |wire: Wire, x: i32, note: Option<&str>| {
        let wire = wire
            .field(STRUCT, 5)
            .field(STRUCT, 1)
            .field(I32, 1)
            .i32(x)
            .stop();
        match note {
            Some(note) => wire
                .field(STRUCT, 4)
                .field(I32, 1)
                .i32(8)
                .stop()
                .field(STRING, 6)
                .string(note)
                .stop(),
            None => wire.stop(),
        }
    };
    let wire = Wire::default().field(STRUCT, 1).field(I32, 1).i32(0).stop();
    let bytes = inner(inner(wire, 1, Some("first")), 2, None).stop().0;
    let shape: Shape = binary::from_slice(&bytes).unwrap();
    assert_eq!(shape.inner.as_deref(), Some(&bare_shape(2)));
}

#[test]
fn a_field_of_another_wire_type_is_skipped_and_left_absent() {
    let bytes = Wire::default()
        .field(I32, 1)
        .i32(4)
        .field(STRING, 2)
        .string("not an i32")
        .field(I32, 3)
        .i32(0)
        .stop()
        .0;
    assert_eq!(binary::from_slice::<Point>(&bytes).unwrap(), point(4));

    let bytes = Wire::default()
        .field(STRUCT, 1)
        .field(I32, 1)
        .i32(4)
        .stop()
        .field(I32, 4)
        .i32(0)
        .field(I32, 6)
        .i32(0)
        .stop()
        .0;
    assert_eq!(binary::from_slice::<Shape>(&bytes).unwrap(), bare_shape(4));
}

#[test]
fn a_missing_required_field_names_its_struct_and_field() {
    let top = Wire::default().field(LIST, 3).list(STRUCT, 0).stop().0;
    let err = binary::from_slice::<Shape>(&top).unwrap_err().to_string();
    assert!(err.contains("Shape") && err.contains("corner"), "{err}");

    // In the second element of a list: the elements before it decoded in place.
    let listed = Wire::default()
        .field(STRUCT, 1)
        .field(I32, 1)
        .i32(0)
        .stop()
        .field(LIST, 3)
        .list(STRUCT, 2)
        .field(I32, 1)
        .i32(1)
        .stop()
        .field(I32, 2)
        .i32(2)
        .stop()
        .stop()
        .0;
    let err = binary::from_slice::<Shape>(&listed)
        .unwrap_err()
        .to_string();
    assert!(err.contains("Point") && err.contains('x'), "{err}");
    assert!(err.contains("points"), "{err}");
}

#[test]
fn nested_listed_and_recursive_structs_round_trip() {
    let shape = Shape {
        corner: point(1),
        center: Some(Point {
            x: 2,
            y: -3,
            label: Some("c".into()),
            tags: Some(vec![1, 2, 3]),
        }),
        points: Some((0..100).map(point).collect()),
        fallback: point(9),
        inner: Some(Box::new(Shape {
            corner: point(4),
            inner: Some(Box::new(Shape::default())),
            ..Shape::default()
        })),
        note: Some("n".into()),
        children: Some(vec![bare_shape(5), Shape::default()]),
    };
    assert_eq!(
        binary::from_slice::<Shape>(&binary::to_vec(&shape)).unwrap(),
        shape
    );
    assert_eq!(
        compact::from_slice::<Shape>(&compact::to_vec(&shape)).unwrap(),
        shape
    );

    // Absent everywhere but the required field: every default comes back.
    let sparse = Shape {
        corner: point(0),
        ..Shape::default()
    };
    assert_eq!(
        compact::from_slice::<Shape>(&compact::to_vec(&sparse)).unwrap(),
        sparse
    );
}

/// A hand-written struct whose `Default` is not what an empty input decodes to.
#[derive(ThriftStruct, Debug, PartialEq)]
#[thrift(in_place)]
struct Hand {
    #[thrift(id = 1, required)]
    id: i32,
    #[thrift(id = 2)]
    name: Option<String>,
    #[thrift(id = 3, default = 5)]
    count: i32,
    #[thrift(id = 4)]
    inner: Option<Box<Hand>>,
    #[thrift(id = 5)]
    items: Vec<Hand>,
    #[thrift(id = 6)]
    point: Option<Point>,
    /// A type without `Default` may be optional: only the struct itself needs one.
    #[thrift(id = 7)]
    mood: Option<Mood>,
}

#[derive(ThriftStruct, Debug, PartialEq)]
enum Mood {
    Calm = 1,
    Loud = 2,
}

impl Default for Hand {
    fn default() -> Self {
        Hand {
            id: -1,
            name: Some("unset".into()),
            count: 99,
            inner: Some(Box::new(Hand {
                id: -2,
                name: None,
                count: 0,
                inner: None,
                items: Vec::new(),
                point: None,
                mood: None,
            })),
            items: Vec::new(),
            point: Some(point(-3)),
            mood: Some(Mood::Loud),
        }
    }
}

fn bare_hand(id: i32) -> Hand {
    Hand {
        id,
        name: None,
        count: 5,
        inner: None,
        items: Vec::new(),
        point: None,
        mood: None,
    }
}

#[test]
fn a_derived_in_place_struct_resets_what_its_default_sets() {
    // The attribute takes effect (whatever it decodes, a slot decode would give the same).
    assert!(<Hand as ThriftType>::in_place_default().is_some());
    assert!(<Point as ThriftType>::in_place_default().is_none());
    let bytes = Wire::default().field(I32, 1).i32(3).stop().0;
    assert_eq!(binary::from_slice::<Hand>(&bytes).unwrap(), bare_hand(3));

    // Listed elements and a nested value start from `Default` too.
    let bytes = Wire::default()
        .field(I32, 1)
        .i32(1)
        .field(LIST, 5)
        .list(STRUCT, 2)
        .field(I32, 1)
        .i32(2)
        .stop()
        .field(I32, 1)
        .i32(3)
        .field(STRUCT, 4)
        .field(I32, 1)
        .i32(4)
        .stop()
        .stop()
        .stop()
        .0;
    let hand: Hand = binary::from_slice(&bytes).unwrap();
    let mut third = bare_hand(3);
    third.inner = Some(Box::new(bare_hand(4)));
    let mut expected = bare_hand(1);
    expected.items = vec![bare_hand(2), third];
    assert_eq!(hand, expected);

    let err = binary::from_slice::<Hand>(&Wire::default().stop().0)
        .unwrap_err()
        .to_string();
    assert!(err.contains("Hand") && err.contains("id"), "{err}");
}

#[test]
fn a_derived_in_place_struct_round_trips() {
    let hand = Hand {
        id: 1,
        name: Some("one".into()),
        count: 0,
        inner: Some(Box::new(bare_hand(2))),
        items: (3..6).map(bare_hand).collect(),
        point: Some(point(8)),
        mood: Some(Mood::Calm),
    };
    assert_eq!(
        binary::from_slice::<Hand>(&binary::to_vec(&hand)).unwrap(),
        hand
    );
    assert_eq!(
        compact::from_slice::<Hand>(&compact::to_vec(&hand)).unwrap(),
        hand
    );
}

/// Generic: the impl bounds its parameters by `Default`, as `derive(Default)` does.
#[derive(ThriftStruct, Debug, Default, PartialEq)]
#[thrift(in_place)]
struct Pair<T> {
    #[thrift(id = 1)]
    first: T,
    #[thrift(id = 2)]
    second: Option<T>,
}

#[test]
fn a_generic_derived_struct_decodes_in_place() {
    assert!(<Pair<Point> as ThriftType>::in_place_default().is_some());
    let pair = Pair {
        first: point(1),
        second: Some(point(2)),
    };
    let decoded: Pair<Point> = compact::from_slice(&compact::to_vec(&pair)).unwrap();
    assert_eq!(decoded, pair);
    let only_first = Pair {
        first: "a".to_string(),
        second: None,
    };
    let decoded: Pair<String> = binary::from_slice(&binary::to_vec(&only_first)).unwrap();
    assert_eq!(decoded, only_first);
}

/// No fields at all: the slot tuple is empty.
#[derive(ThriftStruct, Debug, Default, PartialEq)]
#[thrift(in_place)]
struct Nothing {}

#[test]
fn an_empty_derived_struct_decodes_in_place() {
    let bytes = Wire::default().field(I32, 1).i32(5).stop().0;
    assert_eq!(binary::from_slice::<Nothing>(&bytes).unwrap(), Nothing {});
    assert_eq!(binary::to_vec(&Nothing {}), [0]);
}
