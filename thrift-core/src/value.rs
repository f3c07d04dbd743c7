//! A dynamically typed Thrift value, for data whose IDL is not known at compile time:
//! inspecting captures, tools, and tests that need arbitrary nested values.
//!
//! The JSON protocol writes a `string` as text and a `binary` as base64, and only the IDL
//! says which a field is. A `Value` does not know, so over JSON it reads and writes both as
//! base64 `binary`; decode JSON that holds strings with the generated types instead.

use bytes::Bytes;

use crate::codec::{ThriftType, Uuid};
use crate::error::{Error, Result};
use crate::protocol::{InputProtocol, OutputProtocol, TType};

/// Any Thrift value. `string` and `binary` share a wire type, so both are [`Value::Binary`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `bool`
    Bool(bool),
    /// `byte` / `i8`
    I8(i8),
    /// `i16`
    I16(i16),
    /// `i32` (and enums)
    I32(i32),
    /// `i64`
    I64(i64),
    /// `double`
    Double(f64),
    /// `string` or `binary`
    Binary(Bytes),
    /// `uuid`
    Uuid(Uuid),
    /// A struct, union or exception: its fields in wire order.
    Struct(Vec<(i16, Value)>),
    /// A list with its element type.
    List(TType, Vec<Value>),
    /// A set with its element type.
    Set(TType, Vec<Value>),
    /// A map with its key and value types.
    Map(TType, TType, Vec<(Value, Value)>),
}

impl Value {
    /// A `string` value.
    pub fn string(s: &str) -> Value {
        Value::Binary(Bytes::copy_from_slice(s.as_bytes()))
    }

    /// The wire type of this value.
    pub fn ttype(&self) -> TType {
        match self {
            Value::Bool(_) => TType::Bool,
            Value::I8(_) => TType::I8,
            Value::I16(_) => TType::I16,
            Value::I32(_) => TType::I32,
            Value::I64(_) => TType::I64,
            Value::Double(_) => TType::Double,
            Value::Binary(_) => TType::String,
            Value::Uuid(_) => TType::Uuid,
            Value::Struct(_) => TType::Struct,
            Value::List(..) => TType::List,
            Value::Set(..) => TType::Set,
            Value::Map(..) => TType::Map,
        }
    }

    /// Writes the value, of any type (without a field header).
    pub fn write_any<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        match self {
            Value::Bool(v) => p.write_bool(*v),
            Value::I8(v) => p.write_i8(*v),
            Value::I16(v) => p.write_i16(*v),
            Value::I32(v) => p.write_i32(*v),
            Value::I64(v) => p.write_i64(*v),
            Value::Double(v) => p.write_double(*v),
            Value::Binary(v) => p.write_binary(v),
            Value::Uuid(v) => p.write_uuid(&v.0),
            Value::Struct(fields) => {
                p.write_struct_begin("")?;
                for (id, value) in fields {
                    p.write_field_begin("", value.ttype(), *id)?;
                    value.write_any(p)?;
                    p.write_field_end()?;
                }
                p.write_field_stop()?;
                p.write_struct_end()
            }
            Value::List(element, items) => {
                p.write_list_begin(*element, items.len())?;
                write_elements(p, *element, items)?;
                p.write_list_end()
            }
            Value::Set(element, items) => {
                p.write_set_begin(*element, items.len())?;
                write_elements(p, *element, items)?;
                p.write_set_end()
            }
            Value::Map(key, value, entries) => {
                p.write_map_begin(*key, *value, entries.len())?;
                for (k, v) in entries {
                    check_element(*key, k)?;
                    check_element(*value, v)?;
                    k.write_any(p)?;
                    v.write_any(p)?;
                }
                p.write_map_end()
            }
        }
    }

    /// Reads a value whose header said it has type `ttype`.
    pub fn read_any<P: InputProtocol>(p: &mut P, ttype: TType) -> Result<Value> {
        Ok(match ttype {
            TType::Bool => Value::Bool(p.read_bool()?),
            TType::I8 => Value::I8(p.read_i8()?),
            TType::I16 => Value::I16(p.read_i16()?),
            TType::I32 => Value::I32(p.read_i32()?),
            TType::I64 => Value::I64(p.read_i64()?),
            TType::Double => Value::Double(p.read_double()?),
            TType::String => Value::Binary(p.read_bytes()?),
            TType::Uuid => Value::Uuid(Uuid(p.read_uuid()?)),
            TType::Struct => {
                p.read_struct_begin()?;
                let mut fields = Vec::new();
                loop {
                    let field = p.read_field_begin()?;
                    if field.ttype == TType::Stop {
                        break;
                    }
                    fields.push((field.id, Value::read_any(p, field.ttype)?));
                    p.read_field_end()?;
                }
                p.read_struct_end()?;
                Value::Struct(fields)
            }
            TType::List => {
                let header = p.read_list_begin()?;
                let items = read_elements(p, header.element, header.len)?;
                p.read_list_end()?;
                Value::List(header.element, items)
            }
            TType::Set => {
                let header = p.read_set_begin()?;
                let items = read_elements(p, header.element, header.len)?;
                p.read_set_end()?;
                Value::Set(header.element, items)
            }
            TType::Map => {
                let header = p.read_map_begin()?;
                let mut entries = Vec::new();
                for _ in 0..header.len {
                    let key = Value::read_any(p, header.key)?;
                    let value = Value::read_any(p, header.value)?;
                    entries.push((key, value));
                }
                p.read_map_end()?;
                Value::Map(header.key, header.value, entries)
            }
            TType::Stop | TType::Void => {
                return Err(Error::invalid(format!("no value has type {ttype}")).at(p.position()))
            }
        })
    }
}

fn check_element(expected: TType, value: &Value) -> Result<()> {
    if value.ttype() == expected {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "container of {expected} holds a {}",
            value.ttype()
        )))
    }
}

fn write_elements<P: OutputProtocol>(p: &mut P, element: TType, items: &[Value]) -> Result<()> {
    for item in items {
        check_element(element, item)?;
        item.write_any(p)?;
    }
    Ok(())
}

fn read_elements<P: InputProtocol>(p: &mut P, element: TType, len: usize) -> Result<Vec<Value>> {
    let mut items = Vec::new();
    for _ in 0..len {
        items.push(Value::read_any(p, element)?);
    }
    Ok(items)
}

/// A struct of dynamic fields is itself a Thrift struct, so the one-liners accept it.
impl ThriftType for Value {
    const TTYPE: TType = TType::Struct;

    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        match self {
            Value::Struct(_) => self.write_any(p),
            other => Err(Error::invalid(format!(
                "only a struct value can stand alone, not a {}",
                other.ttype()
            ))),
        }
    }

    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        Value::read_any(p, TType::Struct)
    }
}
