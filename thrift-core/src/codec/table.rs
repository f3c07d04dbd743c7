//! Structs with no Rust type of their own: the arguments and the result of a service call.
//!
//! A generated client writes a call's arguments as a tuple of field references and reads
//! its result into a tuple of `Option` slots; a generated processor does the reverse. A
//! [`FieldTable`] names the struct and its fields, so a service adds neither a type nor a
//! codec per method: the codecs are [`write_struct`] and the decode loop of
//! [`read_struct`](super::read_struct), instantiated by the tuples. (Two structs and their
//! codecs per method cost a sixth of `cargo check`'s work on a service-heavy IDL.)

use super::fields::{write_struct, WriteFields};
use super::slots::{read_table, Slots};
use crate::error::Result;
use crate::protocol::{InputProtocol, OutputProtocol};

/// How a struct without a Rust type looks on the wire: its name and, in slot order, each
/// field's name and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldTable {
    /// The struct's name, `send_message_args`, as errors report it.
    pub name: &'static str,
    /// Each slot's field name and id.
    pub fields: &'static [(&'static str, i16)],
}

impl FieldTable {
    /// Writes the struct whose fields are `values`, in table order.
    #[inline]
    pub fn write<P: OutputProtocol, F: WriteFields>(&self, p: &mut P, values: F) -> Result<()> {
        write_struct(p, self.name, self.fields, values)
    }

    /// Reads the struct's fields into `slots`, skipping fields the table does not list.
    #[inline]
    pub fn read<P: InputProtocol, S: Slots>(&self, p: &mut P, slots: &mut S) -> Result<()> {
        read_table(p, slots, self.name, self.fields)
    }
}
