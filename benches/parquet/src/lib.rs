//! Decoders of the same Parquet footers (Thrift compact `FileMetaData`), and the footers
//! themselves.
//!
//! `idl/parquet.thrift` is parquet-format 2.11.0's `src/main/thrift/parquet.thrift`, as
//! vendored in the npm package `@dsnp/parquetjs` 1.8.8 (its file `parquet.thrift`, unchanged
//! but for the one "VENDORED FROM" line it adds to the license header). It is the newest
//! parquet.thrift found in a package registry (fastparquet's wheel ships an older one,
//! without size statistics or the Variant type; pyarrow's and the parquet crate's ship none).
//! The parquet crate 60.1 decodes the same structures (Variant, Geometry and Geography
//! types, size and geospatial statistics) and knows one later addition, the `ALP` encoding
//! value (an open enum value to the other decoders), which these footers do not use.
//!
//! - [`ours`]: this project, `thrift!("idl/parquet.thrift")`, decoded from a slice.
//! - [`ours_str`]: the same with `string_type = "Str"`, decoded from `Bytes`: strings and
//!   binaries share the footer's memory instead of being copied (an extra column).
//! - [`ours_lean`]: `ours_str` with `field_types` giving four fields the parquet crate's
//!   representation (bit masks, skipped lists; see [`lean`]), so both build the same.
//! - the parquet crate: `ParquetMetaDataReader::decode_metadata`, its hand-written Thrift
//!   decoder, which also builds its schema tree and column descriptors (the work a reader
//!   needs before it can use the metadata).
//! - [`apache`]: the Apache `thrift` crate 0.17, code from `thrift --gen rs` (build.rs);
//!   present when the `thrift` compiler was found at build time (cfg `apache`).
//!
//! The footers come from `make_footers.py` (pyarrow); [`load_footers`] runs it when they are
//! missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use bytes::Bytes;
use parquet::file::metadata::{ParquetMetaData, ParquetMetaDataReader};

/// This project's types for `idl/parquet.thrift`.
pub mod ours {
    thrift_core::thrift!("idl/parquet.thrift");
}

/// This project's types with zero-copy strings.
pub mod ours_str {
    thrift_core::thrift!("idl/parquet.thrift", string_type = "Str");
}

/// This project's types with zero-copy strings and the parquet crate's representations for
/// four fields of `ColumnMetaData` ([`lean`]).
pub mod ours_lean {
    thrift_core::thrift!(
        "idl/parquet.thrift",
        string_type = "Str",
        field_types = {
            "ColumnMetaData.encodings" = crate::lean::EncodingMask,
            "ColumnMetaData.path_in_schema" = crate::lean::Skipped,
            "ColumnMetaData.key_value_metadata" = crate::lean::Skipped,
            "ColumnMetaData.encoding_stats" = crate::lean::DataPageEncodings,
        },
    );
}

pub mod lean;

/// The Apache `thrift` crate's types, from the `thrift` compiler.
#[cfg(apache)]
#[allow(warnings, clippy::all)]
pub mod apache {
    include!(concat!(env!("OUT_DIR"), "/apache.rs"));
}

/// The footers, in the order of every table.
pub const FOOTERS: [&str; 3] = ["narrow", "wide", "nested"];

/// One of the decoders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoder {
    Ours,
    OursStr,
    OursLean,
    Parquet,
    Apache,
}

impl Decoder {
    /// The decoders this build has: the Apache one only with the `thrift` compiler.
    pub fn available() -> Vec<Decoder> {
        let mut all = vec![
            Decoder::Ours,
            Decoder::OursStr,
            Decoder::OursLean,
            Decoder::Parquet,
        ];
        if cfg!(apache) {
            all.push(Decoder::Apache);
        }
        all
    }

    pub fn name(self) -> &'static str {
        match self {
            Decoder::Ours => "ours",
            Decoder::OursStr => "ours_str",
            Decoder::OursLean => "ours_lean",
            Decoder::Parquet => "parquet",
            Decoder::Apache => "apache",
        }
    }

    pub fn parse(name: &str) -> Option<Decoder> {
        Decoder::available().into_iter().find(|d| d.name() == name)
    }

    /// Decodes `bytes` and drops the result; panics if they do not decode.
    pub fn decode(self, bytes: &Bytes) {
        match self {
            Decoder::Ours => drop(std::hint::black_box(decode_ours(bytes))),
            Decoder::OursStr => drop(std::hint::black_box(decode_ours_str(bytes))),
            Decoder::OursLean => drop(std::hint::black_box(decode_ours_lean(bytes))),
            Decoder::Parquet => drop(std::hint::black_box(decode_parquet(bytes))),
            #[cfg(apache)]
            Decoder::Apache => drop(std::hint::black_box(decode_apache(bytes))),
            #[cfg(not(apache))]
            Decoder::Apache => unreachable!("built without the `thrift` compiler"),
        }
    }

    /// What this decoder makes of `bytes`, for the checks.
    pub fn summary(self, bytes: &Bytes) -> Summary {
        match self {
            Decoder::Ours => summarize!(decode_ours(bytes)),
            Decoder::OursStr => summarize!(decode_ours_str(bytes)),
            Decoder::OursLean => summarize!(decode_ours_lean(bytes)),
            Decoder::Parquet => Summary::of_parquet(&decode_parquet(bytes)),
            #[cfg(apache)]
            Decoder::Apache => summarize!(decode_apache(bytes)),
            #[cfg(not(apache))]
            Decoder::Apache => unreachable!("built without the `thrift` compiler"),
        }
    }
}

/// This project: `compact::from_slice`.
#[inline(never)]
pub fn decode_ours(bytes: &[u8]) -> ours::FileMetaData {
    thrift_core::compact::from_slice::<ours::FileMetaData>(bytes).expect("ours: decode")
}

/// This project with `string_type = "Str"`: `compact::from_bytes`, sharing the input.
#[inline(never)]
pub fn decode_ours_str(bytes: &Bytes) -> ours_str::FileMetaData {
    thrift_core::compact::from_bytes::<ours_str::FileMetaData>(bytes).expect("ours_str: decode")
}

/// `ours_str` with the parquet crate's representations for four fields.
#[inline(never)]
pub fn decode_ours_lean(bytes: &Bytes) -> ours_lean::FileMetaData {
    thrift_core::compact::from_bytes::<ours_lean::FileMetaData>(bytes).expect("ours_lean: decode")
}

/// The parquet crate's own footer decoder.
#[inline(never)]
pub fn decode_parquet(bytes: &[u8]) -> ParquetMetaData {
    ParquetMetaDataReader::decode_metadata(bytes).expect("parquet: decode")
}

/// The Apache crate: generated `read_from_in_protocol` over `TCompactInputProtocol`.
#[cfg(apache)]
#[inline(never)]
pub fn decode_apache(bytes: &[u8]) -> apache::FileMetaData {
    use thrift::protocol::{TCompactInputProtocol, TSerializable};
    let mut input = TCompactInputProtocol::new(bytes);
    apache::FileMetaData::read_from_in_protocol(&mut input).expect("apache: decode")
}

/// Re-encodes ours with this project's compact writer: a footer decoded in full comes back
/// byte for byte.
pub fn reencode_ours(bytes: &Bytes) -> Vec<u8> {
    thrift_core::compact::to_vec(&decode_ours(bytes))
}

/// Re-encodes ours_str with this project's compact writer.
pub fn reencode_ours_str(bytes: &Bytes) -> Vec<u8> {
    thrift_core::compact::to_vec(&decode_ours_str(bytes))
}

/// Re-encodes with the Apache crate's compact writer.
#[cfg(apache)]
pub fn reencode_apache(bytes: &[u8]) -> Vec<u8> {
    use thrift::protocol::{TCompactOutputProtocol, TSerializable};
    let mut out = Vec::new();
    let mut protocol = TCompactOutputProtocol::new(&mut out);
    decode_apache(bytes)
        .write_to_out_protocol(&mut protocol)
        .expect("apache: encode");
    drop(protocol);
    out
}

/// What the checks compare across decoders: counts and sums from every level of a footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub version: i32,
    pub rows: i64,
    pub leaf_columns: usize,
    pub row_group_rows: Vec<i64>,
    pub row_group_columns: Vec<usize>,
    /// Sum of every column chunk's `total_compressed_size`.
    pub compressed_bytes: i64,
    /// Sum of every column chunk statistics' `null_count`, where present.
    pub null_count: i64,
    pub created_by: Option<String>,
    pub key_values: usize,
}

/// A [`Summary`] of a generated `FileMetaData` (ours, ours_str, Apache: the same names).
macro_rules! summarize {
    ($metadata:expr) => {{
        let m = $metadata;
        let chunks = || m.row_groups.iter().flat_map(|rg| &rg.columns);
        let meta = || chunks().filter_map(|c| c.meta_data.as_ref());
        Summary {
            version: m.version,
            rows: m.num_rows,
            leaf_columns: m.schema.iter().filter(|e| e.num_children.is_none()).count(),
            row_group_rows: m.row_groups.iter().map(|rg| rg.num_rows).collect(),
            row_group_columns: m.row_groups.iter().map(|rg| rg.columns.len()).collect(),
            compressed_bytes: meta().map(|c| c.total_compressed_size).sum(),
            null_count: meta()
                .filter_map(|c| c.statistics.as_ref()?.null_count)
                .sum(),
            created_by: m.created_by.as_deref().map(str::to_owned),
            key_values: m.key_value_metadata.as_ref().map_or(0, Vec::len),
        }
    }};
}
use summarize;

impl Summary {
    pub fn of_parquet(m: &ParquetMetaData) -> Summary {
        let file = m.file_metadata();
        let chunks = || m.row_groups().iter().flat_map(|rg| rg.columns());
        Summary {
            version: file.version(),
            rows: file.num_rows(),
            leaf_columns: file.schema_descr().num_columns(),
            row_group_rows: m.row_groups().iter().map(|rg| rg.num_rows()).collect(),
            row_group_columns: m.row_groups().iter().map(|rg| rg.num_columns()).collect(),
            compressed_bytes: chunks().map(|c| c.compressed_size()).sum(),
            null_count: chunks()
                .filter_map(|c| c.statistics()?.null_count_opt())
                .map(|n| n as i64)
                .sum(),
            created_by: file.created_by().map(str::to_string),
            key_values: file.key_value_metadata().map_or(0, Vec::len),
        }
    }
}

/// One footer and what pyarrow said about it.
pub struct Footer {
    pub name: String,
    pub bytes: Bytes,
    pub row_groups: usize,
    pub leaf_columns: usize,
    pub rows: i64,
}

/// Where the footers are: `$THRIFT_PARQUET_FOOTERS`, or `target/footers` in this crate.
pub fn footers_dir() -> PathBuf {
    std::env::var_os("THRIFT_PARQUET_FOOTERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/footers"))
}

/// The footers, in [`FOOTERS`] order; runs `make_footers.py` first when they are missing.
pub fn load_footers() -> Result<Vec<Footer>, String> {
    let dir = footers_dir();
    let expected = dir.join("expected.txt");
    if !expected.exists() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("make_footers.py");
        eprintln!("no footers in {}: running make_footers.py", dir.display());
        let status = Command::new("python3").arg(&script).arg(&dir).status();
        if !status.is_ok_and(|s| s.success()) {
            return Err(format!(
                "could not make the footers; run `pip install pyarrow` and then \
                 `python3 {} {}`",
                script.display(),
                dir.display()
            ));
        }
    }
    let text = std::fs::read_to_string(&expected).map_err(|e| format!("{expected:?}: {e}"))?;
    let mut footers = Vec::new();
    for name in FOOTERS {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .ok_or_else(|| format!("{expected:?} has no line for {name}"))?;
        let numbers: Vec<i64> = line
            .split_whitespace()
            .skip(1)
            .map(|n| n.parse().map_err(|e| format!("{expected:?}: {e}")))
            .collect::<Result<_, _>>()?;
        let [len, row_groups, leaf_columns, rows] = numbers[..] else {
            return Err(format!("{expected:?}: bad line {line:?}"));
        };
        let path = dir.join(format!("{name}.footer"));
        let bytes = std::fs::read(&path).map_err(|e| format!("{path:?}: {e}"))?;
        if bytes.len() as i64 != len {
            return Err(format!("{path:?} is not the footer expected.txt describes"));
        }
        footers.push(Footer {
            name: name.to_string(),
            bytes: bytes.into(),
            row_groups: row_groups as usize,
            leaf_columns: leaf_columns as usize,
            rows,
        });
    }
    Ok(footers)
}

/// Checks that every decoder decodes `footer` in full and alike: pyarrow's counts, the same
/// [`Summary`] from each, and our and Apache's decodes re-encoding to the footer's bytes.
pub fn check(footer: &Footer) -> Result<(), String> {
    let name = &footer.name;
    let ours = Decoder::Ours.summary(&footer.bytes);
    let pyarrow = (footer.row_groups, footer.leaf_columns, footer.rows);
    let got = (ours.row_group_rows.len(), ours.leaf_columns, ours.rows);
    if got != pyarrow {
        return Err(format!(
            "{name}: ours has (row groups, columns, rows) {got:?}, pyarrow {pyarrow:?}"
        ));
    }
    if ours
        .row_group_columns
        .iter()
        .any(|&n| n != ours.leaf_columns)
    {
        return Err(format!("{name}: ours has a row group short of columns"));
    }
    for decoder in Decoder::available() {
        let theirs = decoder.summary(&footer.bytes);
        if theirs != ours {
            return Err(format!(
                "{name}: {} decodes {theirs:?}, ours {ours:?}",
                decoder.name()
            ));
        }
    }
    if reencode_ours(&footer.bytes) != footer.bytes {
        return Err(format!(
            "{name}: ours does not re-encode to the footer's bytes"
        ));
    }
    if reencode_ours_str(&footer.bytes) != footer.bytes {
        return Err(format!(
            "{name}: ours_str does not re-encode to the footer's bytes"
        ));
    }
    // ours_lean keeps less than the footer holds, so it cannot re-encode; its masks must
    // say what the full decode's lists do.
    if lean_masks(&decode_ours_lean(&footer.bytes)) != full_masks(&decode_ours(&footer.bytes)) {
        return Err(format!(
            "{name}: ours_lean's encoding masks disagree with ours' lists"
        ));
    }
    #[cfg(apache)]
    if reencode_apache(&footer.bytes) != footer.bytes {
        return Err(format!(
            "{name}: Apache does not re-encode to the footer's bytes"
        ));
    }
    Ok(())
}

/// Each column chunk's encodings and data-page encodings, as ours_lean keeps them.
fn lean_masks(m: &ours_lean::FileMetaData) -> Vec<(u64, Option<u64>)> {
    let meta = m.row_groups.iter().flat_map(|rg| &rg.columns);
    meta.filter_map(|c| c.meta_data.as_ref())
        .map(|c| (c.encodings.0, c.encoding_stats.map(|s| s.0 .0)))
        .collect()
}

/// [`lean_masks`] computed from the full decode's lists.
fn full_masks(m: &ours::FileMetaData) -> Vec<(u64, Option<u64>)> {
    let mask = |encodings: &mut dyn Iterator<Item = i32>| encodings.fold(0, |m, e| m | 1 << e);
    let meta = m.row_groups.iter().flat_map(|rg| &rg.columns);
    meta.filter_map(|c| c.meta_data.as_ref())
        .map(|c| {
            let data_pages = c.encoding_stats.as_ref().map(|stats| {
                mask(&mut stats.iter().filter_map(|s| {
                    matches!(
                        s.page_type,
                        ours::PageType::DATA_PAGE | ours::PageType::DATA_PAGE_V2
                    )
                    .then_some(s.encoding.0)
                }))
            });
            (mask(&mut c.encodings.iter().map(|e| e.0)), data_pages)
        })
        .collect()
}

/// Fixes glibc malloc's thresholds, unless `THRIFT_PARQUET_MALLOC=default`.
///
/// By default glibc slides its mmap threshold up as large blocks are freed, and gives the
/// top of the heap back to the kernel once more than twice that threshold is free there.
/// Whether a decode-and-drop loop crosses that line on every iteration depends on the
/// order of frees and on what else the process holds: in `count`'s loop over the wide
/// footer (10 lists of column chunks, ~700 KB each) ours did, and paid fresh page faults
/// for its whole result every time (1.7-1.9x the wall time), while the Apache decoder
/// did not and the criterion run happened not to. Fixed thresholds (32 MiB mmap, 1 GiB
/// trim) keep the heap mapped, so every decoder runs on warm memory everywhere. Elsewhere
/// than glibc this does nothing.
pub fn pin_malloc() {
    if std::env::var_os("THRIFT_PARQUET_MALLOC").is_some_and(|v| v == "default") {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        const M_TRIM_THRESHOLD: std::ffi::c_int = -1;
        const M_MMAP_THRESHOLD: std::ffi::c_int = -3;
        // SAFETY: mallopt only sets allocator parameters, under glibc's own locks.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 1 << 30);
        }
    }
}

/// [`load_footers`] and [`check`] each, or a message and exit.
pub fn checked_footers() -> Vec<Footer> {
    let footers = load_footers().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    for footer in &footers {
        if let Err(e) = check(footer) {
            eprintln!("check failed: {e}");
            std::process::exit(1);
        }
    }
    footers
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_decoder_decodes_every_footer_in_full() {
        let footers = match super::load_footers() {
            Ok(footers) => footers,
            Err(e) => {
                eprintln!("skipped: {e}");
                return;
            }
        };
        for footer in &footers {
            super::check(footer).unwrap();
        }
    }
}
