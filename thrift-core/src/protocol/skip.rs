//! Skipping values of any type without materialising them.
//!
//! Recursion goes through the protocol's own `*_begin` methods, so the depth limit bounds it
//! (CVE-2015-3254), and every element consumes at least one byte, so a forged count cannot
//! spin without reading (CVE-2019-0205).

use super::{InputProtocol, TType};
use crate::error::{Error, Result};

pub(super) fn skip<P: InputProtocol>(p: &mut P, ttype: TType) -> Result<()> {
    match ttype {
        TType::Bool => p.read_bool().map(drop),
        TType::I8 => p.read_i8().map(drop),
        TType::I16 => p.read_i16().map(drop),
        TType::I32 => p.read_i32().map(drop),
        TType::I64 => p.read_i64().map(drop),
        TType::Double => p.read_double().map(drop),
        // `binary` and `string` share a wire type: skip without UTF-8 validation.
        TType::String => p.skip_binary(),
        TType::Uuid => p.read_uuid().map(drop),
        TType::Struct => {
            p.read_struct_begin()?;
            loop {
                let field = p.read_field_begin()?;
                if field.ttype == TType::Stop {
                    break;
                }
                skip(p, field.ttype)?;
                p.read_field_end()?;
            }
            p.read_struct_end()
        }
        TType::List => {
            let header = p.read_list_begin()?;
            for _ in 0..header.len {
                skip(p, header.element)?;
            }
            p.read_list_end()
        }
        TType::Set => {
            let header = p.read_set_begin()?;
            for _ in 0..header.len {
                skip(p, header.element)?;
            }
            p.read_set_end()
        }
        TType::Map => {
            let header = p.read_map_begin()?;
            for _ in 0..header.len {
                skip(p, header.key)?;
                skip(p, header.value)?;
            }
            p.read_map_end()
        }
        TType::Stop | TType::Void => {
            Err(Error::invalid(format!("cannot skip a value of type {ttype}")).at(p.position()))
        }
    }
}
