//! `thrift!`: an IDL file lowered into Rust items and the [`ir`](crate::ir) model.
//!
//! Stages: parse the macro input, load and resolve the IDL with `thrift-idl` (which reports
//! every error with file, line, column and snippet), name everything once ([`Names`]), then
//! emit each file's items. The codec of every struct, union and enum comes from
//! [`codegen`](crate::codegen), the same generator `#[derive(ThriftStruct)]` uses.

mod docs;
mod field_types;
mod items;
mod names;
mod service;
mod types;
mod values;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::LitStr;
use thrift_idl::model::{DefKind, DefRef, Model, ServiceRef};
use thrift_idl::source::FileId;
use thrift_idl::{LoadOptions, SourceProvider};

use self::field_types::FieldTypes;
use self::names::{screaming, snake, upper_camel, Namer};

/// `thrift!("path/to/file.thrift")`, with options after it:
/// `include_dirs = ["dir", ...]`, `string_type = "String" | "Str"` and
/// `field_types = { "Struct.field" = Type, ... }`.
pub struct Input {
    path: LitStr,
    include_dirs: Vec<LitStr>,
    zero_copy_strings: bool,
    field_types: Vec<(LitStr, syn::Type)>,
}

/// The options `thrift!` takes, for the error that names an unknown one.
const OPTIONS: &str = "`include_dirs = [\"dir\", ...]`, `string_type = \"String\" | \"Str\"` \
                       and `field_types = { \"Struct.field\" = Type, ... }`";

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut include_dirs = Vec::new();
        let mut zero_copy_strings = false;
        let mut field_types = Vec::new();
        while input.peek(syn::Token![,]) {
            input.parse::<syn::Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            input.parse::<syn::Token![=]>()?;
            if key == "include_dirs" {
                let list;
                syn::bracketed!(list in input);
                include_dirs
                    .extend(list.parse_terminated(|p| p.parse::<LitStr>(), syn::Token![,])?);
            } else if key == "string_type" {
                let value: LitStr = input.parse()?;
                zero_copy_strings = match value.value().as_str() {
                    "String" => false,
                    "Str" => true,
                    other => {
                        return Err(syn::Error::new(
                            value.span(),
                            format!("`string_type` is \"String\" or \"Str\", not \"{other}\""),
                        ))
                    }
                };
            } else if key == "field_types" {
                let entries;
                syn::braced!(entries in input);
                field_types.extend(entries.parse_terminated(
                    |entry| {
                        let field: LitStr = entry.parse()?;
                        entry.parse::<syn::Token![=]>()?;
                        Ok((field, entry.parse::<syn::Type>()?))
                    },
                    syn::Token![,],
                )?);
            } else {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown option `{key}`; the options are {OPTIONS}"),
                ));
            }
        }
        Ok(Input {
            path,
            include_dirs,
            zero_copy_strings,
            field_types,
        })
    }
}

/// Reads files relative to the invoking crate's manifest directory while keeping the paths
/// in diagnostics as the user wrote them (so they are short, and stable across machines).
struct ManifestRelative {
    base: PathBuf,
}

impl ManifestRelative {
    fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_owned()
        } else {
            self.base.join(path)
        }
    }
}

impl SourceProvider for ManifestRelative {
    fn exists(&self, path: &Path) -> bool {
        self.resolve(path).is_file()
    }

    fn read(&self, path: &Path) -> std::io::Result<(PathBuf, String)> {
        thrift_idl::FileSystem.read(&self.resolve(path))
    }
}

/// Expands `thrift!`.
pub fn expand(input: Input) -> TokenStream {
    // rust-analyzer and cargo both set this; a bare rustc run falls back to the cwd.
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let provider = ManifestRelative { base };
    let path = input.path.value();
    if !provider.exists(Path::new(&path)) {
        let message = format!(
            "cannot find `{path}`: paths in `thrift!` are relative to the directory of the \
             crate's Cargo.toml"
        );
        return syn::Error::new(input.path.span(), message).into_compile_error();
    }
    let options = LoadOptions {
        include_dirs: input
            .include_dirs
            .iter()
            .map(|d| d.value().into())
            .collect(),
    };
    let loaded = thrift_idl::load_with(&provider, Path::new(&path), &options);

    // Cargo rebuilds the crate when any file that was read changes.
    let tracking = loaded.files.iter().map(|file| {
        let file = file.to_string_lossy();
        quote!(
            const _: &[u8] = ::core::include_bytes!(#file);
        )
    });
    // Errors and warnings in the order found; a warning may explain the error after it
    // (an include that was not found, then the unknown type from it).
    let errors = loaded.has_errors().then(|| {
        let message = format!("invalid Thrift IDL\n\n{}", loaded.render_diagnostics());
        syn::Error::new(input.path.span(), message).into_compile_error()
    });
    // Stable Rust has no warnings API for macros; using a deprecated item is the usual way
    // to surface one, with the rendered diagnostic as its note.
    let warnings = (!loaded.has_errors()).then(|| {
        loaded
            .diagnostics
            .iter()
            .filter(|d| !d.is_error())
            .map(|warning| {
                let note = format!("\n{}", warning.render());
                quote_spanned! {input.path.span()=>
                    const _: () = {
                        #[deprecated(note = #note)]
                        struct ThriftIdlWarning;
                        let _ = ThriftIdlWarning;
                    };
                }
            })
    });
    let warnings = warnings.into_iter().flatten();
    // Whatever resolved is still emitted, so one IDL mistake does not cascade into errors at
    // every use of its types.
    let (field_types, field_type_errors) = FieldTypes::resolve(&loaded.model, &input.field_types);
    let field_type_errors = field_type_errors.iter().map(syn::Error::to_compile_error);
    let items = Generator::new(&loaded.model, input.zero_copy_strings, field_types).generate();
    quote! {
        #errors
        #(#field_type_errors)*
        #(#warnings)*
        #(#tracking)*
        #items
    }
}

/// The Rust name of everything in the model, decided once up front.
pub struct Names {
    /// Module identifier per file (unused for the root, whose items expand in place).
    pub modules: Vec<Ident>,
    /// Type identifier per struct, union, exception, enum and typedef.
    pub defs: HashMap<DefRef, Ident>,
    /// Associated const per enum value: `(enum, value index)`.
    pub enum_values: HashMap<(DefRef, usize), Ident>,
    /// Field (or union variant) identifier: `(struct, field index)`.
    pub fields: HashMap<(DefRef, usize), Ident>,
    /// Const identifier per `(file, const index)`.
    pub consts: HashMap<(FileId, usize), Ident>,
    /// The items each service generates.
    pub services: HashMap<ServiceRef, service::ServiceNames>,
}

impl Names {
    fn new(model: &Model) -> Names {
        let mut names = Names {
            modules: Vec::new(),
            defs: HashMap::new(),
            enum_values: HashMap::new(),
            fields: HashMap::new(),
            consts: HashMap::new(),
            services: HashMap::new(),
        };
        // Included files become sibling modules in the root's scope, so they share its namer.
        let mut root_namer = Namer::default();
        for file in &model.files {
            let module = if file.id == FileId(0) {
                names::ident("_root")
            } else {
                root_namer.claim(snake(&file.module))
            };
            names.modules.push(module);
        }
        for file in &model.files {
            let mut fresh = Namer::default();
            let namer = if file.id == FileId(0) {
                &mut root_namer
            } else {
                &mut fresh
            };
            for (index, typedef) in file.typedefs.iter().enumerate() {
                let def = DefRef {
                    file: file.id,
                    kind: DefKind::Typedef,
                    index,
                };
                names
                    .defs
                    .insert(def, namer.claim(upper_camel(&typedef.name)));
            }
            for (index, e) in file.enums.iter().enumerate() {
                let def = DefRef {
                    file: file.id,
                    kind: DefKind::Enum,
                    index,
                };
                names.defs.insert(def, namer.claim(upper_camel(&e.name)));
                let mut values = Namer::with_reserved(&["VALUES"]);
                for (i, value) in e.values.iter().enumerate() {
                    names
                        .enum_values
                        .insert((def, i), values.claim(screaming(&value.name)));
                }
            }
            for (index, s) in file.structs.iter().enumerate() {
                let def = DefRef {
                    file: file.id,
                    kind: types::struct_kind(s.kind),
                    index,
                };
                names.defs.insert(def, namer.claim(upper_camel(&s.name)));
                let mut fields = Namer::default();
                for (i, field) in s.fields.iter().enumerate() {
                    let name = if def.kind == DefKind::Union {
                        upper_camel(&field.name)
                    } else {
                        snake(&field.name)
                    };
                    names.fields.insert((def, i), fields.claim(name));
                }
            }
            for (index, c) in file.consts.iter().enumerate() {
                names
                    .consts
                    .insert((file.id, index), namer.claim(screaming(&c.name)));
            }
            for (index, s) in file.services.iter().enumerate() {
                let handler = namer.claim(upper_camel(&s.name));
                let service = service::ServiceNames {
                    client: namer.claim(format!("{handler}Client")),
                    processor: namer.claim(format!("{handler}Processor")),
                    module: namer.claim(snake(&s.name)),
                    handler,
                };
                let service_ref = ServiceRef {
                    file: file.id,
                    index,
                };
                names.services.insert(service_ref, service);
            }
        }
        names
    }
}

/// Emits the Rust items for a whole model.
pub struct Generator<'m> {
    model: &'m Model,
    names: Names,
    analysis: types::Analysis,
    /// Set while emitting a service's module, whose paths need one more `super::`.
    nested: std::cell::Cell<bool>,
    /// `string` is `thrift_core::Str` (shares decoded bytes) instead of `String`.
    zero_copy_strings: bool,
    /// Fields stored as a type the user chose.
    field_types: FieldTypes,
}

impl<'m> Generator<'m> {
    fn new(model: &'m Model, zero_copy_strings: bool, field_types: FieldTypes) -> Self {
        Generator {
            zero_copy_strings,
            model,
            names: Names::new(model),
            analysis: types::Analysis::new(model, &field_types),
            field_types,
            nested: std::cell::Cell::new(false),
        }
    }

    fn generate(&self) -> TokenStream {
        let mut out = TokenStream::new();
        for file in &self.model.files {
            let items = self.file_items(file);
            if file.id == FileId(0) {
                out.extend(items);
            } else {
                let module = &self.names.modules[file.id.index()];
                let doc = format!("Definitions from `{}`.", file.path.display());
                out.extend(quote! {
                    #[doc = #doc]
                    pub mod #module {
                        #items
                    }
                });
            }
        }
        out
    }
}
