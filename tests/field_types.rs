//! `thrift!(..., field_types = { "Struct.field" = Type })`: chosen fields hold a type of the
//! user's own, which reads and writes the same wire bytes as the IDL's type would.

#![deny(warnings)]

use thrift_core::protocol::{InputProtocol, OutputProtocol, TType};
use thrift_core::{binary, compact, Result, ThriftType};

/// `list<Color>` as a bit set, the way the parquet crate keeps `list<Encoding>`: order and
/// repeats are not kept, and it writes the set bits in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ColorSet(u32);

impl ThriftType for ColorSet {
    const TTYPE: TType = TType::List;

    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_list_begin(TType::I32, self.0.count_ones() as usize)?;
        for bit in (0..32).filter(|bit| self.0 & (1 << bit) != 0) {
            p.write_i32(bit)?;
        }
        p.write_list_end()
    }

    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        let mut set = 0;
        for _ in 0..thrift_core::read_list_begin::<i32, P>(p)? {
            set |= 1u32.checked_shl(p.read_i32()? as u32).unwrap_or(0);
        }
        p.read_list_end()?;
        Ok(ColorSet(set))
    }
}

/// How many strings a `list<string>` held, without keeping them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Count(usize);

impl ThriftType for Count {
    const TTYPE: TType = TType::List;

    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        vec![String::new(); self.0].write(p)
    }

    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        Vec::<String>::read(p).map(|names| Count(names.len()))
    }
}

/// A `string` kept as its length.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Length(usize);

impl ThriftType for Length {
    const TTYPE: TType = TType::String;

    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_string(&"?".repeat(self.0))
    }

    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        p.read_string().map(|text| Length(text.len()))
    }
}

mod plain {
    thrift_core::thrift!(
        "tests/idl/field_types.thrift",
        include_dirs = ["tests/idl/common"],
    );
}

mod own {
    thrift_core::thrift!(
        "tests/idl/field_types.thrift",
        include_dirs = ["tests/idl/common"],
        field_types = {
            "Palette.colors" = crate::ColorSet,
            "Palette.names" = crate::Count,
            "Choice.colors" = crate::ColorSet,
            "shared.User.name" = crate::Length,
            "Refused.reason" = crate::Length,
        },
    );
}

fn plain_palette() -> plain::Palette {
    plain::Palette {
        colors: vec![plain::Color::BLUE, plain::Color::RED, plain::Color::BLUE],
        names: Some(vec!["sky".into(), "sea".into()]),
        plain: Some(7),
        untouched: Some(vec![plain::Color::GREEN]),
    }
}

#[test]
fn a_field_decodes_into_the_type_given_to_it_and_the_rest_as_usual() {
    let expected = own::Palette {
        colors: ColorSet(0b101),
        names: Some(Count(2)),
        plain: Some(7),
        untouched: Some(vec![own::Color::GREEN]),
    };
    let from_binary: own::Palette = binary::from_slice(&binary::to_vec(&plain_palette())).unwrap();
    let from_compact: own::Palette =
        compact::from_slice(&compact::to_vec(&plain_palette())).unwrap();
    assert_eq!(from_binary, expected);
    assert_eq!(from_compact, expected);
}

#[test]
fn a_field_of_a_given_type_writes_the_wire_type_of_the_idl() {
    let own = own::Palette {
        colors: ColorSet(0b110),
        names: None,
        plain: Some(1),
        untouched: None,
    };
    let back: plain::Palette = compact::from_slice(&compact::to_vec(&own)).unwrap();
    assert_eq!(back.colors, vec![plain::Color::GREEN, plain::Color::BLUE]);
    assert_eq!((back.names, back.plain), (None, Some(1)));

    let choice: plain::Choice =
        binary::from_slice(&binary::to_vec(&own::Choice::Colors(ColorSet(0b1)))).unwrap();
    assert_eq!(choice, plain::Choice::Colors(vec![plain::Color::RED]));
}

#[test]
fn a_struct_of_an_included_file_is_named_by_its_module() {
    let user = plain::shared::User {
        id: 3,
        name: Some("ada".into()),
        ..Default::default()
    };
    let own: own::shared::User = binary::from_slice(&binary::to_vec(&user)).unwrap();
    assert_eq!(own.name, Some(Length(3)));
}

#[test]
fn structs_holding_a_given_type_drop_the_order_it_may_not_have() {
    // `Palette` no longer derives `Ord`, so a set of them is kept in wire order.
    let gallery = plain::Gallery {
        main: Some(plain_palette()),
        others: Some([plain_palette()].into()),
        owner: None,
    };
    let own: own::Gallery = compact::from_slice(&compact::to_vec(&gallery)).unwrap();
    let others: &thrift_core::VecSet<own::Palette> = own.others.as_ref().unwrap();
    assert_eq!(others.len(), 1);
    assert_eq!(others[0].colors, ColorSet(0b101));
}

#[test]
fn an_exception_whose_message_has_a_type_of_its_own_displays_with_debug() {
    let plain = plain::Refused {
        reason: Some("busy".into()),
    };
    assert_eq!(plain.to_string(), "Refused: busy");
    let own = own::Refused {
        reason: Some(Length(4)),
    };
    assert_eq!(
        own.to_string(),
        "Refused: Refused { reason: Some(Length(4)) }"
    );
}
