//! Field types for [`ours_lean`](crate::ours_lean): the representations the parquet crate's
//! hand-written decoder chooses, given to generated types through `thrift!`'s
//! `field_types`, so that the two decoders do the same work.
//!
//! The parquet crate keeps a column chunk's `encodings` as a bit mask, reduces its
//! `encoding_stats` to the mask of encodings its data pages use, and skips
//! `path_in_schema` and `key_value_metadata` (it has the path from the schema). Each saves
//! an allocation per column chunk. The last two cannot be written back, so their `write`
//! is an error rather than bytes that would lose data.

use thrift_core::protocol::{InputProtocol, OutputProtocol, TType};
use thrift_core::{Error, ErrorKind, Result, ThriftType};

use crate::ours_lean::{PageEncodingStats, PageType};

/// A `list<Encoding>` as a set of encodings, one bit per encoding value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EncodingMask(pub u64);

impl EncodingMask {
    fn insert(&mut self, encoding: i32) -> Result<()> {
        match u32::try_from(encoding)
            .ok()
            .and_then(|e| 1u64.checked_shl(e))
        {
            Some(bit) => {
                self.0 |= bit;
                Ok(())
            }
            None => Err(Error::new(
                ErrorKind::InvalidData,
                format!("encoding {encoding} does not fit a mask of 64"),
            )),
        }
    }
}

impl ThriftType for EncodingMask {
    const TTYPE: TType = TType::List;

    fn write<P: OutputProtocol>(&self, p: &mut P) -> Result<()> {
        p.write_list_begin(TType::I32, self.0.count_ones() as usize)?;
        for encoding in (0..64).filter(|bit| self.0 & (1 << bit) != 0) {
            p.write_i32(encoding)?;
        }
        p.write_list_end()
    }

    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        let len = thrift_core::read_list_begin::<i32, P>(p)?;
        let mut mask = EncodingMask::default();
        for _ in 0..len {
            mask.insert(p.read_i32()?)?;
        }
        p.read_list_end()?;
        Ok(mask)
    }
}

/// A `list<PageEncodingStats>` reduced to the encodings of its data pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DataPageEncodings(pub EncodingMask);

impl ThriftType for DataPageEncodings {
    const TTYPE: TType = TType::List;

    fn write<P: OutputProtocol>(&self, _: &mut P) -> Result<()> {
        Err(cannot_write("encoding_stats reduced to a mask"))
    }

    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        let len = thrift_core::read_list_begin::<PageEncodingStats, P>(p)?;
        let mut mask = EncodingMask::default();
        for _ in 0..len {
            let stats = PageEncodingStats::read(p)?;
            if matches!(
                stats.page_type,
                PageType::DATA_PAGE | PageType::DATA_PAGE_V2
            ) {
                mask.insert(stats.encoding.0)?;
            }
        }
        p.read_list_end()?;
        Ok(DataPageEncodings(mask))
    }
}

/// A `list` that is skipped over, not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Skipped;

impl ThriftType for Skipped {
    const TTYPE: TType = TType::List;

    fn write<P: OutputProtocol>(&self, _: &mut P) -> Result<()> {
        Err(cannot_write("a skipped list"))
    }

    fn read<P: InputProtocol>(p: &mut P) -> Result<Self> {
        p.skip(TType::List).map(|()| Skipped)
    }
}

fn cannot_write(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidData,
        format!("{what} was not kept, so it cannot be written"),
    )
}
