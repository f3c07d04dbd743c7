//! The three implementations of `idl/bench.thrift` and the same three payloads built with
//! each: small (~60 B), medium (~1 KB) and large (~150 KB).

pub mod alloc_record;

/// This project: `thrift!` at compile time.
pub mod ours {
    thrift_core::thrift!("idl/bench.thrift");
}

/// This project with `string_type = "Str"`: strings decoded from `Bytes` share its memory.
pub mod ours_str {
    thrift_core::thrift!("idl/bench.thrift", string_type = "Str");
}

/// The Apache `thrift` crate, with code from the `thrift` compiler.
#[allow(warnings, clippy::all)]
pub mod apache {
    include!(concat!(env!("OUT_DIR"), "/apache.rs"));
}

/// CloudWeGo's pilota, with code from pilota-build.
#[allow(warnings, clippy::all)]
pub mod pilota_gen {
    include!(concat!(env!("OUT_DIR"), "/pilota.rs"));
}

pub use pilota_gen::pilota::bench as pilota;

/// The payloads' content, spelled once and built into each implementation's types.
pub mod data {
    /// Strings, numbers and bytes of the medium payload number `seed`.
    pub struct Medium {
        pub id: i64,
        pub name: String,
        pub score: f64,
        pub tags: Vec<String>,
        pub payload: Vec<u8>,
        pub counts: Vec<i64>,
        pub attrs: Vec<(String, String)>,
        pub points: Vec<(i32, i32, Option<String>)>,
        pub note: String,
    }

    pub fn medium(seed: i64) -> Medium {
        Medium {
            id: 1_234_567_890_123 + seed,
            name: "benchmark payload with a reasonably long name".into(),
            score: 98.625,
            tags: (0..12).map(|i| format!("tag-number-{i}")).collect(),
            payload: (0..=255u8).cycle().take(200).collect(),
            counts: (0..40).map(|i| i * 1_000_003 - 17).collect(),
            attrs: (0..8)
                .map(|i| (format!("attribute-{i}"), format!("value of attribute {i}")))
                .collect(),
            points: (0..6)
                .map(|i| (i * 10, -i * 7, (i % 2 == 0).then(|| format!("p{i}"))))
                .collect(),
            note: "an optional note that is present".into(),
        }
    }

    pub struct Item {
        pub id: i64,
        pub name: String,
        pub value: f64,
        pub codes: Vec<i32>,
        pub at: Option<(i32, i32)>,
    }

    pub fn items() -> Vec<Item> {
        (0..1000)
            .map(|i| Item {
                id: i,
                name: format!("item number {i}"),
                value: i as f64 * 1.5,
                codes: (0..16).map(|c| c * 1000 + i as i32).collect(),
                at: (i % 3 == 0).then_some((i as i32, -(i as i32))),
            })
            .collect()
    }

    pub fn blob() -> Vec<u8> {
        (0..=255u8).cycle().take(64 * 1024).collect()
    }
}

/// Builds each payload in this project's types, for `$module`'s string type.
macro_rules! build_ours {
    ($name:ident, $module:ident) => {
        /// Builds each payload in this project's types.
        pub mod $name {
            use super::{data, $module as ours};
            use bytes::Bytes;

            pub fn small() -> ours::Small {
                ours::Small {
                    a: Some(42),
                    b: Some(-7_000_000_000),
                    flag: Some(true),
                    ratio: Some(0.25),
                    name: Some("small payload".into()),
                    c: Some(-3),
                }
            }

            pub fn medium() -> ours::Medium {
                let d = data::medium(0);
                ours::Medium {
                    id: d.id,
                    name: d.name.into(),
                    score: Some(d.score),
                    active: Some(true),
                    tags: Some(d.tags.into_iter().map(Into::into).collect()),
                    payload: Some(Bytes::from(d.payload)),
                    counts: Some(d.counts),
                    attrs: Some(
                        d.attrs
                            .into_iter()
                            .map(|(k, v)| (k.into(), v.into()))
                            .collect(),
                    ),
                    points: Some(
                        d.points
                            .into_iter()
                            .map(|(x, y, label)| ours::Point {
                                x: Some(x),
                                y: Some(y),
                                label: label.map(Into::into),
                            })
                            .collect(),
                    ),
                    note: Some(d.note.into()),
                    small: Some(small()),
                }
            }

            pub fn large() -> ours::Large {
                ours::Large {
                    items: Some(
                        data::items()
                            .into_iter()
                            .map(|i| ours::Item {
                                id: i.id,
                                name: Some(i.name.into()),
                                value: Some(i.value),
                                codes: Some(i.codes),
                                at: i.at.map(|(x, y)| ours::Point {
                                    x: Some(x),
                                    y: Some(y),
                                    label: None,
                                }),
                            })
                            .collect(),
                    ),
                    blob: Some(Bytes::from(data::blob())),
                }
            }
        }
    };
}

build_ours!(build_ours, ours);
build_ours!(build_ours_str, ours_str);

/// Builds each payload in the Apache crate's types.
pub mod build_apache {
    use super::{apache, data};
    use thrift::OrderedFloat;

    pub fn small() -> apache::Small {
        apache::Small {
            a: Some(42),
            b: Some(-7_000_000_000),
            flag: Some(true),
            ratio: Some(OrderedFloat(0.25)),
            name: Some("small payload".into()),
            c: Some(-3),
        }
    }

    pub fn medium() -> apache::Medium {
        let d = data::medium(0);
        apache::Medium {
            id: d.id,
            name: d.name,
            score: Some(OrderedFloat(d.score)),
            active: Some(true),
            tags: Some(d.tags),
            payload: Some(d.payload),
            counts: Some(d.counts),
            attrs: Some(d.attrs.into_iter().collect()),
            points: Some(
                d.points
                    .into_iter()
                    .map(|(x, y, label)| apache::Point {
                        x: Some(x),
                        y: Some(y),
                        label,
                    })
                    .collect(),
            ),
            note: Some(d.note),
            small: Some(small()),
        }
    }

    pub fn large() -> apache::Large {
        apache::Large {
            items: Some(
                data::items()
                    .into_iter()
                    .map(|i| apache::Item {
                        id: i.id,
                        name: Some(i.name),
                        value: Some(OrderedFloat(i.value)),
                        codes: Some(i.codes),
                        at: i.at.map(|(x, y)| apache::Point {
                            x: Some(x),
                            y: Some(y),
                            label: None,
                        }),
                    })
                    .collect(),
            ),
            blob: Some(data::blob()),
        }
    }
}

/// Builds each payload in pilota's types.
pub mod build_pilota {
    use super::{data, pilota};
    use ::pilota::{Bytes, FastStr};

    pub fn small() -> pilota::Small {
        pilota::Small {
            a: Some(42),
            b: Some(-7_000_000_000),
            flag: Some(true),
            ratio: Some(0.25),
            name: Some(FastStr::from_static_str("small payload")),
            c: Some(-3),
        }
    }

    pub fn medium() -> pilota::Medium {
        let d = data::medium(0);
        pilota::Medium {
            id: d.id,
            name: d.name.into(),
            score: Some(d.score),
            active: Some(true),
            tags: Some(d.tags.into_iter().map(FastStr::from).collect()),
            payload: Some(Bytes::from(d.payload)),
            counts: Some(d.counts),
            attrs: Some(
                d.attrs
                    .into_iter()
                    .map(|(k, v)| (FastStr::from(k), FastStr::from(v)))
                    .collect(),
            ),
            points: Some(
                d.points
                    .into_iter()
                    .map(|(x, y, label)| pilota::Point {
                        x: Some(x),
                        y: Some(y),
                        label: label.map(FastStr::from),
                    })
                    .collect(),
            ),
            note: Some(d.note.into()),
            small: Some(small()),
        }
    }

    pub fn large() -> pilota::Large {
        pilota::Large {
            items: Some(
                data::items()
                    .into_iter()
                    .map(|i| pilota::Item {
                        id: i.id,
                        name: Some(i.name.into()),
                        value: Some(i.value),
                        codes: Some(i.codes),
                        at: i.at.map(|(x, y)| pilota::Point {
                            x: Some(x),
                            y: Some(y),
                            label: None,
                        }),
                    })
                    .collect(),
            ),
            blob: Some(Bytes::from(data::blob())),
        }
    }
}
