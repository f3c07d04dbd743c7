//! Protocols behind trait objects, for the RPC runtime.
//!
//! A client or server picks its protocol and transport at run time. Decoding each message
//! through `P::Reader<&mut T>` for every protocol compiled every argument and result type's
//! codec once per protocol, each copy inlining the transport's dispatch on every read: a
//! crate calling all 352 methods of `gen_idl.py`'s 5,000-line IDL took 254 s to build in
//! release, one serving them 196 s (`benches/compile_time/services.sh`). Through
//! [`DynReader`] and [`DynWriter`] each type's codec is compiled once, whatever the protocol
//! and transport, and each protocol once per transport, as Apache's library compiles: 66 s
//! and 75 s. A message then costs a virtual call per value (a 1,000-message reply, served
//! and decoded: 9.1% more instructions), which a network round trip dwarfs; the one-liners
//! (`to_vec`, `from_slice`) keep their static dispatch.

use std::any::{Any, TypeId};

use bytes::Bytes;

use super::{
    FieldHeader, InputProtocol, ListHeader, MapHeader, MessageHeader, MessageType, Number,
    OutputProtocol, TType,
};
use crate::error::Result;
use crate::limits::Limits;
use crate::Str;

/// Declares `$object`, an object-safe mirror of `$protocol`: the `forward`ed methods, which
/// every protocol implements as they are, plus `object` items implemented for every protocol
/// by `blanket`; and implements `$protocol` for `$wrapper`, which holds a `&mut dyn $object`,
/// by forwarding, plus `wrapper`.
macro_rules! object_safe {
    (
        trait $object:ident: $protocol:ident for $wrapper:ident;
        forward { $(fn $name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)* }
        object { $($object_items:tt)* }
        blanket { $($blanket_items:tt)* }
        wrapper { $($wrapper_items:tt)* }
    ) => {
        trait $object {
            $(fn $name(&mut self $(, $arg: $ty)*) -> $ret;)*
            $($object_items)*
        }

        impl<P: $protocol> $object for P {
            $(
                #[inline]
                fn $name(&mut self $(, $arg: $ty)*) -> $ret {
                    $protocol::$name(self $(, $arg)*)
                }
            )*
            $($blanket_items)*
        }

        impl $protocol for $wrapper<'_> {
            $(
                #[inline]
                fn $name(&mut self $(, $arg: $ty)*) -> $ret {
                    self.0.$name($($arg),*)
                }
            )*
            $($wrapper_items)*
        }
    };
}

/// Any [`InputProtocol`] behind a trait object: what clients and servers decode replies and
/// arguments through.
pub(crate) struct DynReader<'a>(&'a mut dyn ObjectInput);

impl<'a> DynReader<'a> {
    /// Wraps `reader`.
    #[inline]
    pub(crate) fn new<P: InputProtocol>(reader: &'a mut P) -> Self {
        DynReader(reader)
    }
}

/// Any [`OutputProtocol`] behind a trait object: what clients and servers encode calls and
/// results through.
pub(crate) struct DynWriter<'a>(&'a mut dyn ObjectOutput);

impl<'a> DynWriter<'a> {
    /// Wraps `writer`.
    #[inline]
    pub(crate) fn new<P: OutputProtocol>(writer: &'a mut P) -> Self {
        DynWriter(writer)
    }
}

/// `items` as a vector of `N`, when `N` is their type.
fn same_vec<N: 'static, M: 'static>(items: Vec<M>) -> Option<Vec<N>> {
    let mut slot = Some(items);
    (&mut slot as &mut dyn Any)
        .downcast_mut::<Option<Vec<N>>>()
        .and_then(Option::take)
}

/// `items` as a slice of `M`, when `M` is their type.
fn same_slice<N: 'static, M: 'static>(items: &[N]) -> Option<&[M]> {
    (TypeId::of::<N>() == TypeId::of::<M>()).then(|| {
        // SAFETY: `N` and `M` are the same type (their `TypeId`s are equal), so this is the
        // same slice under its own type.
        unsafe { std::slice::from_raw_parts(items.as_ptr().cast::<M>(), items.len()) }
    })
}

/// Reads a number list through the object's method for `N`'s type, in bulk; `None` if `N`
/// is none of them (it always is one: `Number` has no other implementations).
macro_rules! numbers_in_bulk {
    ($self:ident, $len:ident, $($ty:ty => $method:ident),*) => {{
        $(
            if TypeId::of::<N>() == TypeId::of::<$ty>() {
                if let Some(numbers) = same_vec::<N, $ty>($self.0.$method($len)?) {
                    return Ok(numbers);
                }
            }
        )*
    }};
}

object_safe! {
    trait ObjectInput: InputProtocol for DynReader;
    forward {
        fn read_message_begin(&mut self) -> Result<MessageHeader>;
        fn read_message_end(&mut self) -> Result<()>;
        fn read_struct_begin(&mut self) -> Result<()>;
        fn read_struct_end(&mut self) -> Result<()>;
        fn read_field_begin(&mut self) -> Result<FieldHeader>;
        fn read_field_end(&mut self) -> Result<()>;
        fn read_bool(&mut self) -> Result<bool>;
        fn read_i8(&mut self) -> Result<i8>;
        fn read_i16(&mut self) -> Result<i16>;
        fn read_i32(&mut self) -> Result<i32>;
        fn read_i64(&mut self) -> Result<i64>;
        fn read_double(&mut self) -> Result<f64>;
        fn read_string(&mut self) -> Result<String>;
        fn read_str(&mut self) -> Result<Str>;
        fn read_binary(&mut self) -> Result<Vec<u8>>;
        fn read_bytes(&mut self) -> Result<Bytes>;
        fn skip_binary(&mut self) -> Result<()>;
        fn read_uuid(&mut self) -> Result<[u8; 16]>;
        fn read_list_begin(&mut self) -> Result<ListHeader>;
        fn read_list_end(&mut self) -> Result<()>;
        fn read_set_begin(&mut self) -> Result<ListHeader>;
        fn read_set_end(&mut self) -> Result<()>;
        fn read_map_begin(&mut self) -> Result<MapHeader>;
        fn read_map_end(&mut self) -> Result<()>;
    }
    object {
        fn i8s(&mut self, len: usize) -> Result<Vec<i8>>;
        fn i16s(&mut self, len: usize) -> Result<Vec<i16>>;
        fn i32s(&mut self, len: usize) -> Result<Vec<i32>>;
        fn i64s(&mut self, len: usize) -> Result<Vec<i64>>;
        fn f64s(&mut self, len: usize) -> Result<Vec<f64>>;
        fn skip_value(&mut self, ttype: TType) -> Result<()>;
        fn limits_of(&self) -> &Limits;
        fn position_of(&self) -> usize;
    }
    blanket {
        fn i8s(&mut self, len: usize) -> Result<Vec<i8>> {
            self.read_numbers(len)
        }
        fn i16s(&mut self, len: usize) -> Result<Vec<i16>> {
            self.read_numbers(len)
        }
        fn i32s(&mut self, len: usize) -> Result<Vec<i32>> {
            self.read_numbers(len)
        }
        fn i64s(&mut self, len: usize) -> Result<Vec<i64>> {
            self.read_numbers(len)
        }
        fn f64s(&mut self, len: usize) -> Result<Vec<f64>> {
            self.read_numbers(len)
        }
        fn skip_value(&mut self, ttype: TType) -> Result<()> {
            self.skip(ttype)
        }
        fn limits_of(&self) -> &Limits {
            self.limits()
        }
        fn position_of(&self) -> usize {
            self.position()
        }
    }
    wrapper {
        fn read_numbers<N: Number>(&mut self, len: usize) -> Result<Vec<N>> {
            numbers_in_bulk!(
                self, len, i8 => i8s, i16 => i16s, i32 => i32s, i64 => i64s, f64 => f64s
            );
            crate::codec::read_each(self, len)
        }

        fn skip(&mut self, ttype: TType) -> Result<()> {
            self.0.skip_value(ttype)
        }

        fn limits(&self) -> &Limits {
            self.0.limits_of()
        }

        fn position(&self) -> usize {
            self.0.position_of()
        }
    }
}

object_safe! {
    trait ObjectOutput: OutputProtocol for DynWriter;
    forward {
        fn write_message_begin(&mut self, name: &str, kind: MessageType, seq: i32) -> Result<()>;
        fn write_message_end(&mut self) -> Result<()>;
        fn write_struct_begin(&mut self, name: &'static str) -> Result<()>;
        fn write_struct_end(&mut self) -> Result<()>;
        fn write_field_begin(&mut self, name: &'static str, ttype: TType, id: i16) -> Result<()>;
        fn write_field_end(&mut self) -> Result<()>;
        fn write_field_stop(&mut self) -> Result<()>;
        fn write_bool(&mut self, value: bool) -> Result<()>;
        fn write_i8(&mut self, value: i8) -> Result<()>;
        fn write_i16(&mut self, value: i16) -> Result<()>;
        fn write_i32(&mut self, value: i32) -> Result<()>;
        fn write_i64(&mut self, value: i64) -> Result<()>;
        fn write_double(&mut self, value: f64) -> Result<()>;
        fn write_string(&mut self, value: &str) -> Result<()>;
        fn write_binary(&mut self, value: &[u8]) -> Result<()>;
        fn write_uuid(&mut self, value: &[u8; 16]) -> Result<()>;
        fn write_list_begin(&mut self, element: TType, len: usize) -> Result<()>;
        fn write_list_end(&mut self) -> Result<()>;
        fn write_set_begin(&mut self, element: TType, len: usize) -> Result<()>;
        fn write_set_end(&mut self) -> Result<()>;
        fn write_map_begin(&mut self, key: TType, value: TType, len: usize) -> Result<()>;
        fn write_map_end(&mut self) -> Result<()>;
    }
    object {
        fn write_i8s(&mut self, items: &[i8]) -> Result<()>;
        fn write_i16s(&mut self, items: &[i16]) -> Result<()>;
        fn write_i32s(&mut self, items: &[i32]) -> Result<()>;
        fn write_i64s(&mut self, items: &[i64]) -> Result<()>;
        fn write_f64s(&mut self, items: &[f64]) -> Result<()>;
    }
    blanket {
        fn write_i8s(&mut self, items: &[i8]) -> Result<()> {
            self.write_numbers(items)
        }
        fn write_i16s(&mut self, items: &[i16]) -> Result<()> {
            self.write_numbers(items)
        }
        fn write_i32s(&mut self, items: &[i32]) -> Result<()> {
            self.write_numbers(items)
        }
        fn write_i64s(&mut self, items: &[i64]) -> Result<()> {
            self.write_numbers(items)
        }
        fn write_f64s(&mut self, items: &[f64]) -> Result<()> {
            self.write_numbers(items)
        }
    }
    wrapper {
        fn write_numbers<N: Number>(&mut self, items: &[N]) -> Result<()> {
            if let Some(items) = same_slice::<N, i8>(items) {
                return self.0.write_i8s(items);
            }
            if let Some(items) = same_slice::<N, i16>(items) {
                return self.0.write_i16s(items);
            }
            if let Some(items) = same_slice::<N, i32>(items) {
                return self.0.write_i32s(items);
            }
            if let Some(items) = same_slice::<N, i64>(items) {
                return self.0.write_i64s(items);
            }
            if let Some(items) = same_slice::<N, f64>(items) {
                return self.0.write_f64s(items);
            }
            items.iter().try_for_each(|item| item.write(self))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::{Binary, Compact, Json, Protocol};
    use crate::io::SliceInput;
    use crate::value::Value;
    use crate::ThriftType;

    /// Encodes `value` with `P` statically and through a `DynWriter`, and decodes the bytes
    /// statically and through a `DynReader`: all four must agree.
    fn agrees<P: Protocol, T: ThriftType + PartialEq + std::fmt::Debug>(value: &T) {
        let mut direct = P::writer(Vec::new(), Limits::DEFAULT);
        value.write(&mut direct).unwrap();
        let direct = P::into_output(direct);
        let mut through = P::writer(Vec::new(), Limits::DEFAULT);
        value.write(&mut DynWriter::new(&mut through)).unwrap();
        assert_eq!(P::into_output(through), direct, "{value:?}");
        let mut reader = P::reader(SliceInput::new(&direct), Limits::DEFAULT);
        let decoded = T::read(&mut DynReader::new(&mut reader)).unwrap();
        assert_eq!(&decoded, value);
        assert_eq!(reader.position(), direct.len());
    }

    fn every_protocol<T: ThriftType + PartialEq + std::fmt::Debug>(value: &T) {
        agrees::<Binary, T>(value);
        agrees::<Compact, T>(value);
        agrees::<Json, T>(value);
    }

    #[test]
    fn dynamic_dispatch_changes_nothing_on_the_wire() {
        // Every number list takes its bulk path through the object, both ways.
        every_protocol(&vec![-1i8, 0, 127]);
        every_protocol(&vec![-1i16, 300, i16::MIN]);
        every_protocol(&(0..40).map(|i| i * 1_000_003 - 17).collect::<Vec<i32>>());
        every_protocol(&vec![i64::MIN, -1, 0, 1 << 40]);
        every_protocol(&vec![0.5f64, -0.0, 1e300]);
        every_protocol(&vec![true, false]);
        every_protocol(&vec!["a".to_owned(), String::new()]);
        every_protocol(&vec![
            Str::from("inline"),
            Str::from("a string too long to be inline"),
        ]);
        every_protocol(&Bytes::from_static(b"\x00\xffbinary"));
        every_protocol(&Value::Struct(vec![
            (1, Value::List(TType::I64, vec![Value::I64(7)])),
            (
                2,
                Value::Map(
                    TType::I32,
                    TType::Bool,
                    vec![(Value::I32(-3), Value::Bool(true))],
                ),
            ),
            (3, Value::Set(TType::Double, vec![Value::Double(1.5)])),
            (4, Value::Uuid(crate::Uuid([9; 16]))),
            (5, Value::Struct(vec![(1, Value::I8(-8))])),
        ]));
    }

    #[test]
    fn number_lists_change_type_only_to_their_own() {
        assert_eq!(same_vec::<i64, i64>(vec![1, 2]), Some(vec![1, 2]));
        assert_eq!(same_vec::<i32, i64>(vec![1, 2]), None);
        assert_eq!(same_slice::<f64, f64>(&[0.5, 2.0]), Some(&[0.5, 2.0][..]));
        assert_eq!(same_slice::<i16, i8>(&[1, 2]), None);
        assert_eq!(same_slice::<u8, u8>(&[]), Some(&[][..]));
    }

    #[test]
    fn skips_and_limits_reach_the_protocol_behind_the_object() {
        let bytes = crate::encoding::to_vec::<Compact, _>(&Value::Struct(vec![(
            1,
            Value::List(TType::String, vec![Value::string("x"); 3]),
        )]));
        let limits = Limits {
            max_depth: 7,
            ..Limits::DEFAULT
        };
        let mut reader = Compact::reader(SliceInput::new(&bytes), limits);
        let mut dynamic = DynReader::new(&mut reader);
        assert_eq!(dynamic.limits().max_depth, 7);
        dynamic.skip(TType::Struct).unwrap();
        assert_eq!(dynamic.position(), bytes.len());
    }
}
