//! Payloads shared by the benchmarks. Their codecs are written by hand the way
//! `#[derive(ThriftStruct)]` generates them, so the numbers measure the runtime.

use std::collections::BTreeMap;

use bytes::Bytes;
use thrift_core::{
    read_field, write_field, Error, InputProtocol, OutputProtocol, TType, ThriftType,
};

/// A nested record inside [`Medium`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Point {
    /// Horizontal position.
    pub x: i32,
    /// Vertical position.
    pub y: i32,
    /// A label.
    pub label: Option<String>,
}

/// A ~1 KB struct: strings, a binary, a list of i64, a map, optional and nested fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Medium {
    /// Required id.
    pub id: i64,
    /// Required name.
    pub name: String,
    /// A score.
    pub score: f64,
    /// A flag.
    pub active: bool,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Opaque bytes.
    pub payload: Bytes,
    /// Counters.
    pub counts: Vec<i64>,
    /// Attributes.
    pub attrs: BTreeMap<String, String>,
    /// Nested points.
    pub points: Vec<Point>,
    /// An optional note.
    pub note: Option<String>,
}

impl ThriftType for Point {
    const TTYPE: TType = TType::Struct;

    fn write<P: OutputProtocol>(&self, p: &mut P) -> thrift_core::Result<()> {
        p.write_struct_begin("Point")?;
        write_field(p, "x", 1, &self.x)?;
        write_field(p, "y", 2, &self.y)?;
        if let Some(label) = &self.label {
            write_field(p, "label", 3, label)?;
        }
        p.write_field_stop()?;
        p.write_struct_end()
    }

    fn read<P: InputProtocol>(p: &mut P) -> thrift_core::Result<Self> {
        let mut out = Point::default();
        p.read_struct_begin()?;
        loop {
            let f = p.read_field_begin()?;
            match f.id {
                _ if f.ttype == TType::Stop => break,
                1 => out.x = read_field(p, f.ttype)?.unwrap_or(out.x),
                2 => out.y = read_field(p, f.ttype)?.unwrap_or(out.y),
                3 => out.label = read_field(p, f.ttype)?.or(out.label),
                _ => p.skip(f.ttype)?,
            }
            p.read_field_end()?;
        }
        p.read_struct_end()?;
        Ok(out)
    }
}

impl ThriftType for Medium {
    const TTYPE: TType = TType::Struct;

    fn write<P: OutputProtocol>(&self, p: &mut P) -> thrift_core::Result<()> {
        p.write_struct_begin("Medium")?;
        write_field(p, "id", 1, &self.id)?;
        write_field(p, "name", 2, &self.name)?;
        write_field(p, "score", 3, &self.score)?;
        write_field(p, "active", 4, &self.active)?;
        write_field(p, "tags", 5, &self.tags)?;
        write_field(p, "payload", 6, &self.payload)?;
        write_field(p, "counts", 7, &self.counts)?;
        write_field(p, "attrs", 8, &self.attrs)?;
        write_field(p, "points", 9, &self.points)?;
        if let Some(note) = &self.note {
            write_field(p, "note", 10, note)?;
        }
        p.write_field_stop()?;
        p.write_struct_end()
    }

    fn read<P: InputProtocol>(p: &mut P) -> thrift_core::Result<Self> {
        let mut out = Medium::default();
        let (mut has_id, mut has_name) = (false, false);
        p.read_struct_begin()?;
        loop {
            let f = p.read_field_begin()?;
            match f.id {
                _ if f.ttype == TType::Stop => break,
                1 => {
                    if let Some(v) = read_field(p, f.ttype)? {
                        out.id = v;
                        has_id = true;
                    }
                }
                2 => {
                    if let Some(v) = read_field(p, f.ttype)? {
                        out.name = v;
                        has_name = true;
                    }
                }
                3 => out.score = read_field(p, f.ttype)?.unwrap_or(out.score),
                4 => out.active = read_field(p, f.ttype)?.unwrap_or(out.active),
                5 => out.tags = read_field(p, f.ttype)?.unwrap_or_default(),
                6 => out.payload = read_field(p, f.ttype)?.unwrap_or_default(),
                7 => out.counts = read_field(p, f.ttype)?.unwrap_or_default(),
                8 => out.attrs = read_field(p, f.ttype)?.unwrap_or_default(),
                9 => {
                    out.points = read_field(p, f.ttype)
                        .map_err(|e| e.in_field("Medium", "points", 9))?
                        .unwrap_or_default()
                }
                10 => out.note = read_field(p, f.ttype)?.or(out.note),
                _ => p.skip(f.ttype)?,
            }
            p.read_field_end()?;
        }
        p.read_struct_end()?;
        if !has_id {
            return Err(Error::missing_field("Medium", "id", 1));
        }
        if !has_name {
            return Err(Error::missing_field("Medium", "name", 2));
        }
        Ok(out)
    }
}

/// A representative ~1 KB value.
pub fn medium() -> Medium {
    Medium {
        id: 1_234_567_890_123,
        name: "benchmark payload with a reasonably long name".into(),
        score: 98.625,
        active: true,
        tags: (0..12).map(|i| format!("tag-number-{i}")).collect(),
        payload: Bytes::from((0..=255u8).cycle().take(200).collect::<Vec<u8>>()),
        counts: (0..40).map(|i| i * 1_000_003 - 17).collect(),
        attrs: (0..8)
            .map(|i| (format!("attribute-{i}"), format!("value of attribute {i}")))
            .collect(),
        points: (0..6)
            .map(|i| Point {
                x: i * 10,
                y: -i * 7,
                label: (i % 2 == 0).then(|| format!("p{i}")),
            })
            .collect(),
        note: Some("an optional note that is present".into()),
    }
}
