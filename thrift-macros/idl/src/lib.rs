//! The Thrift IDL front-end of thrift-rs: parser, resolver and diagnostics.
//!
//! It accepts what Apache Thrift's compiler accepts and rejects what it
//! rejects, but reports every problem in one run, rustc-style, so that the
//! `thrift!` macro (and later a CLI or runtime loader) can show them all.
//!
//! ```
//! let loaded = thrift_idl::load_str("demo.thrift", "struct Point { 1: i32 x, 2: i32 y }");
//! assert!(!loaded.has_errors());
//! let root = loaded.model.root().unwrap();
//! assert_eq!(root.structs[0].fields[1].name, "y");
//! ```
//!
//! Stages: [`parser`] (our lexer and a committed LALRPOP parser) builds an
//! [`ast::Document`] per file; [`load`] follows includes; the resolver
//! turns the documents into a [`model::Model`], checking what Apache checks.

pub mod ast;
pub mod diag;
#[allow(clippy::all, clippy::pedantic, unused, unused_parens, dead_code)]
#[rustfmt::skip]
mod grammar;
mod load;
pub mod model;
pub mod parser;
mod resolve;
pub mod source;

pub use diag::{Diagnostic, Label, Location, Severity};
pub use load::{
    load, load_str, load_with, FileSystem, InMemory, LoadOptions, Loaded, SourceProvider,
};
pub use model::Model;
