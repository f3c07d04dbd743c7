//! Property tests: arbitrary nested values survive a round trip through every protocol, from
//! every kind of input, byte for byte.

use std::io::{self, Read};

use bytes::Bytes;
use proptest::prelude::*;
use thrift_core::encode::{read_all, to_vec};
use thrift_core::io::{BytesInput, BytesRefInput, ReadInput, SliceInput};
use thrift_core::value::Value;
use thrift_core::{Binary, Compact, Json, Limits, Protocol, Str, TType, ThriftType, Uuid};

/// The type of a value, generated first so that containers are homogeneous.
#[derive(Debug, Clone)]
enum Shape {
    Bool,
    I8,
    I16,
    I32,
    I64,
    Double,
    Binary,
    Uuid,
    List(Box<Shape>),
    Set(Box<Shape>),
    Map(Box<Shape>, Box<Shape>),
    Struct(Vec<(i16, Shape)>),
}

impl Shape {
    fn ttype(&self) -> TType {
        match self {
            Shape::Bool => TType::Bool,
            Shape::I8 => TType::I8,
            Shape::I16 => TType::I16,
            Shape::I32 => TType::I32,
            Shape::I64 => TType::I64,
            Shape::Double => TType::Double,
            Shape::Binary => TType::String,
            Shape::Uuid => TType::Uuid,
            Shape::List(_) => TType::List,
            Shape::Set(_) => TType::Set,
            Shape::Map(..) => TType::Map,
            Shape::Struct(_) => TType::Struct,
        }
    }
}

fn shape() -> impl Strategy<Value = Shape> {
    let leaf = prop_oneof![
        Just(Shape::Bool),
        Just(Shape::I8),
        Just(Shape::I16),
        Just(Shape::I32),
        Just(Shape::I64),
        Just(Shape::Double),
        Just(Shape::Binary),
        Just(Shape::Uuid),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            inner.clone().prop_map(|s| Shape::List(Box::new(s))),
            inner.clone().prop_map(|s| Shape::Set(Box::new(s))),
            (inner.clone(), inner.clone()).prop_map(|(k, v)| Shape::Map(Box::new(k), Box::new(v))),
            prop::collection::vec((any::<i16>(), inner), 0..6).prop_map(Shape::Struct),
        ]
    })
}

fn value(shape: &Shape) -> BoxedStrategy<Value> {
    match shape {
        Shape::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Shape::I8 => any::<i8>().prop_map(Value::I8).boxed(),
        Shape::I16 => any::<i16>().prop_map(Value::I16).boxed(),
        Shape::I32 => any::<i32>().prop_map(Value::I32).boxed(),
        Shape::I64 => any::<i64>().prop_map(Value::I64).boxed(),
        // NaN != NaN would fail the value comparison; the bytes of NaN are still covered by
        // the byte-level check through `any::<u64>()` bit patterns below.
        Shape::Double => prop_oneof![
            any::<f64>().prop_filter("not NaN", |f| !f.is_nan()),
            Just(f64::INFINITY),
            Just(-0.0),
        ]
        .prop_map(Value::Double)
        .boxed(),
        Shape::Binary => prop::collection::vec(any::<u8>(), 0..40)
            .prop_map(|b| Value::Binary(Bytes::from(b)))
            .boxed(),
        Shape::Uuid => any::<[u8; 16]>().prop_map(|b| Value::Uuid(Uuid(b))).boxed(),
        Shape::List(element) => {
            let t = element.ttype();
            prop::collection::vec(value(element), 0..20)
                .prop_map(move |items| Value::List(t, items))
                .boxed()
        }
        Shape::Set(element) => {
            let t = element.ttype();
            prop::collection::vec(value(element), 0..20)
                .prop_map(move |items| Value::Set(t, items))
                .boxed()
        }
        Shape::Map(key, val) => {
            let (kt, vt) = (key.ttype(), val.ttype());
            prop::collection::vec((value(key), value(val)), 0..17)
                .prop_map(move |entries| Value::Map(kt, vt, entries))
                .boxed()
        }
        Shape::Struct(fields) => fields
            .iter()
            .map(|(id, s)| {
                let id = *id;
                value(s).prop_map(move |v| (id, v))
            })
            .collect::<Vec<_>>()
            .prop_map(Value::Struct)
            .boxed(),
    }
}

fn top_level() -> impl Strategy<Value = Value> {
    prop::collection::vec((any::<i16>(), shape()), 0..8)
        .prop_map(Shape::Struct)
        .prop_flat_map(|s| value(&s))
}

/// Hands out at most `step` bytes per read, like a congested socket.
struct Trickle {
    data: Vec<u8>,
    at: usize,
    step: usize,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// A compact empty map carries no key/value types, so compare values after normalising them.
fn normalise(value: &Value) -> Value {
    match value {
        Value::Struct(fields) => {
            Value::Struct(fields.iter().map(|(id, v)| (*id, normalise(v))).collect())
        }
        Value::List(t, items) => Value::List(*t, items.iter().map(normalise).collect()),
        Value::Set(t, items) => Value::Set(*t, items.iter().map(normalise).collect()),
        Value::Map(_, _, entries) if entries.is_empty() => {
            Value::Map(TType::Stop, TType::Stop, vec![])
        }
        Value::Map(k, v, entries) => Value::Map(
            *k,
            *v,
            entries
                .iter()
                .map(|(a, b)| (normalise(a), normalise(b)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn round_trip<P: Protocol>(value: &Value, step: usize) -> Result<(), TestCaseError> {
    let bytes = to_vec::<P, _>(value);
    let limits = Limits::DEFAULT;
    let from_slice: Value = read_all::<P, _, _>(SliceInput::new(&bytes), limits).unwrap();
    let shared = Bytes::from(bytes.clone());
    let from_bytes: Value = read_all::<P, _, _>(BytesInput::new(shared.clone()), limits).unwrap();
    let from_bytes_ref: Value = read_all::<P, _, _>(BytesRefInput::new(&shared), limits).unwrap();
    let stream = Trickle {
        data: bytes.clone(),
        at: 0,
        step,
    };
    let from_stream: Value =
        read_all::<P, _, _>(ReadInput::with_capacity(16, stream), limits).unwrap();
    for decoded in [&from_slice, &from_bytes, &from_bytes_ref, &from_stream] {
        prop_assert_eq!(normalise(decoded), normalise(value));
        prop_assert_eq!(&to_vec::<P, _>(decoded), &bytes);
    }
    Ok(())
}

/// Typed lists and strings: numbers decode in bulk where the input is contiguous and one by
/// one from a trickling stream, short `Str`s inline and long ones as `Bytes`; every path
/// must agree.
fn typed_round_trip<P: Protocol, T: ThriftType + PartialEq + std::fmt::Debug>(
    value: &T,
    step: usize,
) -> Result<(), TestCaseError> {
    let bytes = to_vec::<P, _>(value);
    let limits = Limits::DEFAULT;
    let stream = Trickle {
        data: bytes.clone(),
        at: 0,
        step,
    };
    let shared = Bytes::from(bytes.clone());
    let decoded: [T; 4] = [
        read_all::<P, _, _>(SliceInput::new(&bytes), limits).unwrap(),
        read_all::<P, _, _>(BytesInput::new(shared.clone()), limits).unwrap(),
        read_all::<P, _, _>(BytesRefInput::new(&shared), limits).unwrap(),
        read_all::<P, _, _>(ReadInput::with_capacity(16, stream), limits).unwrap(),
    ];
    for decoded in &decoded {
        prop_assert_eq!(decoded, value);
    }
    Ok(())
}

type Typed = (Vec<i8>, Vec<i16>, Vec<i32>, Vec<i64>, Vec<u64>, Vec<String>);

fn typed_lists<P: Protocol>(lists: &Typed, step: usize) -> Result<(), TestCaseError> {
    let (i8s, i16s, i32s, i64s, doubles, strings) = lists;
    typed_round_trip::<P, _>(i8s, step)?;
    typed_round_trip::<P, _>(i16s, step)?;
    typed_round_trip::<P, _>(i32s, step)?;
    typed_round_trip::<P, _>(i64s, step)?;
    let doubles: Vec<f64> = doubles.iter().map(|&bits| f64::from_bits(bits)).collect();
    let decoded: Vec<f64> =
        read_all::<P, _, _>(SliceInput::new(&to_vec::<P, _>(&doubles)), Limits::DEFAULT).unwrap();
    // JSON writes every NaN as `"NaN"`: only the binary formats keep a NaN's payload.
    let keeps_nan_bits = !to_vec::<P, _>(&f64::NAN).starts_with(b"\"");
    let bits = |v: &[f64]| {
        v.iter()
            .map(|d| match d.is_nan() && !keeps_nan_bits {
                true => f64::NAN.to_bits(),
                false => d.to_bits(),
            })
            .collect::<Vec<_>>()
    };
    prop_assert_eq!(bits(&decoded), bits(&doubles));
    let finite: Vec<f64> = doubles.iter().copied().filter(|d| !d.is_nan()).collect();
    typed_round_trip::<P, _>(&finite, step)?;
    typed_round_trip::<P, _>(strings, step)?;
    let strs: Vec<Str> = strings.iter().map(|s| Str::from(s.as_str())).collect();
    typed_round_trip::<P, _>(&strs, step)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn typed_lists_round_trip(
        lists in (
            prop::collection::vec(any::<i8>(), 0..40),
            prop::collection::vec(any::<i16>(), 0..40),
            prop::collection::vec(any::<i32>(), 0..40),
            prop::collection::vec(any::<i64>(), 0..40),
            prop::collection::vec(any::<u64>(), 0..40),
            prop::collection::vec(".{0,40}", 0..8),
        ),
        step in 1usize..9,
    ) {
        typed_lists::<Binary>(&lists, step)?;
        typed_lists::<Compact>(&lists, step)?;
        typed_lists::<Json>(&lists, step)?;
    }

    #[test]
    fn binary_round_trips(value in top_level(), step in 1usize..9) {
        round_trip::<Binary>(&value, step)?;
    }

    #[test]
    fn compact_round_trips(value in top_level(), step in 1usize..9) {
        round_trip::<Compact>(&value, step)?;
    }

    #[test]
    fn json_round_trips(value in top_level(), step in 1usize..9) {
        round_trip::<Json>(&value, step)?;
    }

    #[test]
    fn doubles_keep_every_bit(bits in any::<u64>()) {
        let value = Value::Struct(vec![(1, Value::Double(f64::from_bits(bits)))]);
        for bytes in [to_vec::<Binary, _>(&value), to_vec::<Compact, _>(&value)] {
            let binary = bytes[0] == 4;
            let decoded: Value = if binary {
                thrift_core::binary::from_slice(&bytes).unwrap()
            } else {
                thrift_core::compact::from_slice(&bytes).unwrap()
            };
            match &decoded {
                Value::Struct(fields) => match fields.as_slice() {
                    [(1, Value::Double(d))] => prop_assert_eq!(d.to_bits(), bits),
                    other => prop_assert!(false, "unexpected fields {:?}", other),
                },
                other => prop_assert!(false, "unexpected value {:?}", other),
            }
        }
    }

    #[test]
    fn json_doubles_keep_every_bit_but_nan_payloads(bits in any::<u64>()) {
        let value = f64::from_bits(bits);
        let decoded: f64 = thrift_core::json::from_slice(&thrift_core::json::to_vec(&value)).unwrap();
        if value.is_nan() {
            prop_assert!(decoded.is_nan());
        } else {
            prop_assert_eq!(decoded.to_bits(), bits);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = thrift_core::binary::from_slice::<Value>(&bytes);
        let _ = thrift_core::compact::from_slice::<Value>(&bytes);
        let _ = thrift_core::json::from_slice::<Value>(&bytes);
    }

    /// Text made of JSON's own tokens reaches deeper into the JSON reader than random bytes.
    #[test]
    fn arbitrary_json_tokens_never_panic(tokens in prop::collection::vec(prop_oneof![
        Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just(":"), Just("\""),
        Just("\"1\""), Just("\"-3\""), Just("\"tf\""), Just("\"i8\""), Just("\"i32\""),
        Just("\"dbl\""), Just("\"str\""), Just("\"rec\""), Just("\"lst\""),
        Just("\"set\""), Just("\"map\""), Just("\"uid\""), Just("0"), Just("1"), Just("2"),
        Just("-1"), Just("1e999"), Just("\"NaN\""), Just("\\u"), Just("\\ud800"),
        Just("\"AAA=\""), Just(" "), Just("true"),
    ], 0..64)) {
        let text = tokens.concat();
        let _ = thrift_core::json::from_slice::<Value>(text.as_bytes());
        let _ = read_all::<Json, Value, _>(ReadInput::with_capacity(16, text.as_bytes()), Limits::DEFAULT);
    }
}
