//! Encodes a value with both protocols and decodes it back.
//!
//! Run with `cargo run --example roundtrip`.

use thrift_core::value::Value;
use thrift_core::TType;

fn main() -> Result<(), thrift_core::Error> {
    let message = Value::Struct(vec![
        (1, Value::I64(1)),
        (2, Value::string("Hello, Thrift!")),
        (
            3,
            Value::List(
                TType::String,
                vec![Value::string("greeting"), Value::string("demo")],
            ),
        ),
    ]);
    for (name, bytes) in [
        ("binary", thrift_core::binary::to_vec(&message)),
        ("compact", thrift_core::compact::to_vec(&message)),
    ] {
        let decoded: Value = match name {
            "binary" => thrift_core::binary::from_slice(&bytes)?,
            _ => thrift_core::compact::from_slice(&bytes)?,
        };
        assert_eq!(decoded, message);
        println!("{name:>7}: {} bytes: {}", bytes.len(), hex(&bytes));
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}
