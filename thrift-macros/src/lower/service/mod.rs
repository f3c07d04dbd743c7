//! Services: a handler trait to implement, a typed client, and a processor that dispatches
//! calls to the handler. A call's arguments and result are tuples described by field tables
//! (`wire.rs`), not structs of their own.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use thrift_idl::model::{DefKind, Field, Function, Service, ServiceRef, Type};
use thrift_idl::source::FileId;

use super::names::{upper_camel, Namer};
use super::Generator;

/// The Rust names of one service's items.
pub struct ServiceNames {
    /// The handler trait.
    pub handler: Ident,
    /// The client struct.
    pub client: Ident,
    /// The processor struct.
    pub processor: Ident,
    /// The module holding the error types of functions that declare exceptions.
    pub module: Ident,
}

/// One function, resolved into Rust types.
struct Method<'f> {
    function: &'f Function,
    /// The Rust method name.
    ident: Ident,
    /// `SendMessage`, the stem of the per-function type names.
    stem: String,
    /// Argument identifiers, Rust types and IDL fields.
    args: Vec<(Ident, TokenStream, &'f Field)>,
    /// The success type, `None` for `void` and `oneway`.
    returns: Option<TokenStream>,
    /// Declared exceptions: result-struct member, error-enum variant, Rust type, IDL field.
    throws: Vec<(Ident, Ident, TokenStream, &'f Field)>,
    /// The file the service is defined in.
    file: FileId,
}

impl Method<'_> {
    /// Allows, on the client method and the handler function, the argument count an IDL
    /// function may have and clippy objects to (over 7, counting `self`).
    fn allow_many_arguments(&self) -> Option<TokenStream> {
        (self.args.len() >= 7).then(|| quote!(#[allow(clippy::too_many_arguments)]))
    }
}

mod client;
mod server;
mod wire;

impl Generator<'_> {
    /// The path to a service's item (`which` picks the trait, client or processor) from `from`.
    fn service_path(
        &self,
        service: ServiceRef,
        from: FileId,
        which: impl Fn(&ServiceNames) -> &Ident,
    ) -> TokenStream {
        let name = which(&self.names.services[&service]);
        if service.file == from {
            quote!(#name)
        } else {
            let module = &self.names.modules[service.file.index()];
            if from == FileId(0) {
                quote!(#module::#name)
            } else {
                quote!(super::#module::#name)
            }
        }
    }

    fn methods<'f>(&self, service: &'f Service, file: FileId) -> Vec<Method<'f>> {
        let mut idents = Namer::with_reserved(&[
            "new",
            "connect",
            "builder",
            "client",
            "client_mut",
            "into_client",
        ]);
        let mut stems = Namer::default();
        let mut methods = Vec::new();
        for function in &service.functions {
            // A function whose types did not resolve is left out (its error is reported).
            let returns = match &function.returns {
                Some(ty) if !function.oneway => match self.rust_type(ty, file) {
                    Some(ty) => Some(ty),
                    None => continue,
                },
                _ => None,
            };
            let mut arg_names = Namer::default();
            let Some(args) = function
                .args
                .iter()
                .map(|f| {
                    let ty = self.rust_type(&f.ty, file)?;
                    Some((arg_names.claim(super::names::snake(&f.name)), ty, f))
                })
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let mut members = Namer::with_reserved(&["success"]);
            let mut variants = Namer::with_reserved(&["Thrift"]);
            // A oneway function gets no reply to carry exceptions (declaring them was reported).
            let throws = if function.oneway {
                &[][..]
            } else {
                &function.throws[..]
            };
            let Some(throws) = throws
                .iter()
                .map(|f| {
                    // Only exceptions can be thrown; anything else was reported already.
                    let is_exception = matches!(
                        self.model.true_type(&f.ty),
                        Type::Named(def) if def.kind == DefKind::Exception
                    );
                    if !is_exception {
                        return None;
                    }
                    let ty = self.rust_type(&f.ty, file)?;
                    let member = members.claim(super::names::snake(&f.name));
                    let variant = variants.claim(upper_camel(&f.name));
                    Some((member, variant, ty, f))
                })
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            methods.push(Method {
                function,
                ident: idents.claim(super::names::snake(&function.name)),
                stem: stems.claim(upper_camel(&function.name)).to_string(),
                args,
                returns,
                throws,
                file,
            });
        }
        methods
    }

    /// Everything one service generates.
    pub fn service_items(&self, service_ref: ServiceRef, service: &Service) -> TokenStream {
        let file = service_ref.file;
        let names = &self.names.services[&service_ref];
        let methods = self.methods(service, file);
        let module = &names.module;
        // The error enums live in the service's module: resolve their paths from there.
        self.nested.set(true);
        let errors: Vec<_> = self
            .methods(service, file)
            .iter()
            .filter(|m| !m.throws.is_empty())
            .map(|m| self.error_enum(service, m))
            .collect();
        self.nested.set(false);
        let module_doc = format!(
            "The error types of the `{}` service's functions that declare exceptions.",
            service.name
        );
        let module = (!errors.is_empty()).then(|| {
            quote! {
                #[doc = #module_doc]
                pub mod #module {
                    #(#errors)*
                }
            }
        });
        let handler = self.handler_trait(service_ref, service, &methods);
        let client = self.client(service_ref, service, &methods);
        let processor = self.processor(service_ref, service, &methods);
        quote! {
            #module
            #handler
            #client
            #processor
        }
    }

    fn error_type(m: &Method<'_>) -> Ident {
        format_ident!("{}Error", m.stem)
    }

    /// The error type of a method as seen from the service's own scope.
    fn error_path(&self, service: ServiceRef, m: &Method<'_>) -> TokenStream {
        if m.throws.is_empty() {
            quote!(::thrift_core::Error)
        } else {
            let module = &self.names.services[&service].module;
            let error = Self::error_type(m);
            quote!(#module::#error)
        }
    }
}
