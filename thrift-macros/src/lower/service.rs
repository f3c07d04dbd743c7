//! Services: a handler trait to implement, a typed client, and a processor that dispatches
//! calls to the handler. Per function, the argument and result structs go through the same
//! IR and codegen as every other struct.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use thrift_idl::model::{DefKind, Field, Function, Requiredness, Service, ServiceRef, Type};
use thrift_idl::source::FileId;

use super::items::{docs, thrift_core};
use super::names::{upper_camel, Namer};
use super::Generator;
use crate::codegen;
use crate::ir::{self, Body, Container, Presence};

/// The Rust names of one service's items.
pub struct ServiceNames {
    /// The handler trait.
    pub handler: Ident,
    /// The client struct.
    pub client: Ident,
    /// The processor struct.
    pub processor: Ident,
    /// The module holding argument, result and error types.
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
            let Some(throws) = function
                .throws
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
        // The per-function types live in the service's module: resolve their paths from there.
        self.nested.set(true);
        let types: Vec<_> = self
            .methods(service, file)
            .iter()
            .map(|m| self.method_types(service, m))
            .collect();
        self.nested.set(false);
        let module_doc = format!(
            "Argument, result and error types of the `{}` service's functions.",
            service.name
        );
        let handler = self.handler_trait(service_ref, service, &methods);
        let client = self.client(service_ref, service, &methods);
        let processor = self.processor(service_ref, service, &methods);
        quote! {
            #[doc = #module_doc]
            pub mod #module {
                #(#types)*
            }
            #handler
            #client
            #processor
        }
    }

    fn args_type(m: &Method<'_>) -> Ident {
        format_ident!("{}Args", m.stem)
    }

    fn result_type(m: &Method<'_>) -> Ident {
        format_ident!("{}Result", m.stem)
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

    /// `XArgs`, `XResult` and `XError` for one function.
    fn method_types(&self, service: &Service, m: &Method<'_>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let field_file = m.file;
        let (args_ident, result_ident) = (Self::args_type(m), Self::result_type(m));
        let fname = &m.function.name;
        let mut arg_decls = Vec::new();
        let mut arg_fields = Vec::new();
        for (ident, ty, field) in &m.args {
            let default = field
                .default
                .as_ref()
                .and_then(|v| self.value_expr(v, &field.ty, field_file));
            let presence = match field.requiredness {
                Requiredness::Required => Presence::Required,
                _ => Presence::Default(default),
            };
            let doc = format!(" Argument {} `{}`.", field.id, field.name);
            arg_decls.push(quote!(#[doc = #doc] pub #ident: #ty,));
            arg_fields.push(ir_field(ident, &field.name, field.id, ty.clone(), presence));
        }
        let mut out = wire_struct(
            &args_ident,
            &format!("{}_args", m.function.name),
            &format!(" The arguments of `{}.{fname}`.", service.name),
            arg_decls,
            arg_fields,
        );
        if m.function.oneway {
            return out;
        }
        // The result struct: at most one of `success` (id 0) and the exceptions is set.
        let mut result_decls = Vec::new();
        let mut result_fields = Vec::new();
        if let Some(ty) = &m.returns {
            result_decls.push(quote!(#[doc = " The return value."] pub success: #p::Option<#ty>,));
            result_fields.push(ir_field(
                &format_ident!("success"),
                "success",
                0,
                ty.clone(),
                Presence::Optional,
            ));
        }
        for (member, _, ty, field) in &m.throws {
            let doc = format!(" The declared exception `{}`.", field.name);
            result_decls.push(quote!(#[doc = #doc] pub #member: #p::Option<#ty>,));
            result_fields.push(ir_field(
                member,
                &field.name,
                field.id,
                ty.clone(),
                Presence::Optional,
            ));
        }
        out.extend(wire_struct(
            &result_ident,
            &format!("{}_result", m.function.name),
            &format!(" The result of `{}.{fname}`.", service.name),
            result_decls,
            result_fields,
        ));
        if !m.throws.is_empty() {
            out.extend(self.error_enum(service, m));
        }
        out
    }

    /// The error of a function with declared exceptions: one variant per exception, plus
    /// `Thrift` for everything else (transport, protocol, `TApplicationException`).
    fn error_enum(&self, service: &Service, m: &Method<'_>) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let error = Self::error_type(m);
        let variants = m.throws.iter().map(|(_, variant, ty, field)| {
            let doc = format!(" The declared exception `{}`.", field.name);
            quote!(#[doc = #doc] #variant(#ty),)
        });
        let display = m
            .throws
            .iter()
            .map(|(_, variant, _, _)| quote!(#error::#variant(e) => #p::fmt::Display::fmt(e, f),));
        let source = m
            .throws
            .iter()
            .map(|(_, variant, _, _)| quote!(#error::#variant(e) => #p::Some(e),));
        // `From` for each exception type declared once, so handlers can `return Err(e.into())`.
        let froms = m.throws.iter().filter(|(_, _, ty, _)| {
            m.throws
                .iter()
                .filter(|(_, _, other, _)| other.to_string() == ty.to_string())
                .count()
                == 1
        });
        let froms = froms.map(|(_, variant, ty, _)| {
            quote! {
                impl ::core::convert::From<#ty> for #error {
                    fn from(e: #ty) -> Self {
                        #error::#variant(e)
                    }
                }
            }
        });
        let doc = format!(
            " What `{}.{}` can fail with.",
            service.name, m.function.name
        );
        quote! {
            #[doc = #doc]
            #[derive(::core::fmt::Debug)]
            pub enum #error {
                #(#variants)*
                /// The call failed outside the IDL: transport, protocol, or a
                /// `TApplicationException` from the server.
                Thrift(::thrift_core::Error),
            }

            impl ::core::convert::From<::thrift_core::Error> for #error {
                fn from(e: ::thrift_core::Error) -> Self {
                    #error::Thrift(e)
                }
            }

            #(#froms)*

            impl #p::fmt::Display for #error {
                fn fmt(&self, f: &mut #p::fmt::Formatter<'_>) -> #p::fmt::Result {
                    match self {
                        #(#display)*
                        #error::Thrift(e) => #p::fmt::Display::fmt(e, f),
                    }
                }
            }

            impl #p::StdError for #error {
                fn source(&self) -> #p::Option<&(dyn #p::StdError + 'static)> {
                    match self {
                        #(#source)*
                        #error::Thrift(e) => #p::Some(e),
                    }
                }
            }
        }
    }

    fn handler_trait(
        &self,
        service_ref: ServiceRef,
        service: &Service,
        methods: &[Method<'_>],
    ) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let names = &self.names.services[&service_ref];
        let handler = &names.handler;
        let supertrait = match service.extends {
            Some(parent) => {
                let parent = self.service_path(parent, service_ref.file, |n| &n.handler);
                quote!(#parent)
            }
            None => quote!(::core::marker::Send + ::core::marker::Sync + 'static),
        };
        let fns = methods.iter().map(|m| {
            let ident = &m.ident;
            let args = m.args.iter().map(|(name, ty, _)| quote!(#name: #ty));
            let ok = m.returns.clone().unwrap_or_else(|| quote!(()));
            let error = self.error_path(service_ref, m);
            let doc = docs(
                &m.function.doc,
                format!(
                    "Handles `{}`{}.",
                    m.function.name,
                    if m.function.oneway {
                        " (oneway: the caller gets no reply)"
                    } else {
                        ""
                    }
                ),
            );
            quote!(#doc fn #ident(&self, #(#args),*) -> #p::Result<#ok, #error>;)
        });
        let doc = docs(
            &service.doc,
            format!(
                "The `{}` service: implement it and serve it with [`{}`].",
                service.name, names.processor
            ),
        );
        quote! {
            #doc
            pub trait #handler: #supertrait {
                #(#fns)*
            }
        }
    }

    fn client(
        &self,
        service_ref: ServiceRef,
        service: &Service,
        methods: &[Method<'_>],
    ) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let names = &self.names.services[&service_ref];
        let (client, module) = (&names.client, &names.module);
        let (field, access, access_mut, into, new, deref) = match service.extends {
            Some(parent) => {
                let parent = self.service_path(parent, service_ref.file, |n| &n.client);
                (
                    quote!(parent: #parent<T>),
                    quote!(self.parent.client()),
                    quote!(self.parent.client_mut()),
                    quote!(self.parent.into_client()),
                    quote!(#client { parent: #parent::new(client) }),
                    Some(quote! {
                        /// The parent service's calls are available on this client too.
                        impl<T: #p::Transport> #p::Deref for #client<T> {
                            type Target = #parent<T>;
                            fn deref(&self) -> &Self::Target {
                                &self.parent
                            }
                        }

                        impl<T: #p::Transport> #p::DerefMut for #client<T> {
                            fn deref_mut(&mut self) -> &mut Self::Target {
                                &mut self.parent
                            }
                        }
                    }),
                )
            }
            None => (
                quote!(client: #p::Client<T>),
                quote!(&self.client),
                quote!(&mut self.client),
                quote!(self.client),
                quote!(#client { client }),
                None,
            ),
        };
        let calls = methods.iter().map(|m| {
            let ident = &m.ident;
            let wire_name = &m.function.name;
            let params = m.args.iter().map(|(name, ty, _)| quote!(#name: #ty));
            let arg_names = m.args.iter().map(|(name, _, _)| name);
            let args_type = Self::args_type(m);
            let args = quote!(&#module::#args_type { #(#arg_names),* });
            let doc = docs(&m.function.doc, format!("Calls `{}`.", m.function.name));
            if m.function.oneway {
                return quote! {
                    #doc
                    pub fn #ident(&mut self, #(#params),*) -> #p::Result<(), ::thrift_core::Error> {
                        self.client_mut().call_oneway(#wire_name, #args)
                    }
                };
            }
            let result_type = Self::result_type(m);
            let error = self.error_path(service_ref, m);
            let ok = m.returns.clone().unwrap_or_else(|| quote!(()));
            let exceptions = m.throws.iter().map(|(member, variant, _, _)| {
                let error_type = Self::error_type(m);
                quote! {
                    if let #p::Some(e) = result.#member {
                        return #p::Result::Err(#module::#error_type::#variant(e));
                    }
                }
            });
            let success = if m.returns.is_some() {
                quote! {
                    match result.success {
                        #p::Some(value) => #p::Result::Ok(value),
                        #p::None => #p::Result::Err(#p::missing_result(#wire_name).into()),
                    }
                }
            } else {
                quote!(#p::Result::Ok(()))
            };
            quote! {
                #doc
                pub fn #ident(&mut self, #(#params),*) -> #p::Result<#ok, #error> {
                    let result: #module::#result_type = self.client_mut().call(#wire_name, #args)?;
                    #(#exceptions)*
                    #success
                }
            }
        });
        let doc = format!(
            " A client of the `{}` service. `{client}::connect(\"host:port\")` uses the binary \
             protocol and the buffered transport; `{client}::builder()` configures the rest.",
            service.name
        );
        quote! {
            #[doc = #doc]
            #[derive(::core::fmt::Debug)]
            pub struct #client<T: #p::Transport = #p::Connection> {
                #field,
            }

            impl #client<#p::Connection> {
                /// Connects over TCP with the binary protocol and the buffered transport.
                pub fn connect(addr: impl #p::ToSocketAddrs) -> #p::Result<Self, ::thrift_core::Error> {
                    #p::Client::connect(addr).map(Self::new)
                }

                /// Chooses protocol, transport, timeouts, limits or multiplexing, then connects.
                pub fn builder() -> #p::ClientBuilder<Self> {
                    #p::ClientBuilder::new()
                }
            }

            impl<T: #p::Transport> #client<T> {
                /// Wraps a connected [`Client`](::thrift_core::client::Client).
                pub fn new(client: #p::Client<T>) -> Self {
                    #new
                }

                /// The underlying connection.
                pub fn client(&self) -> &#p::Client<T> {
                    #access
                }

                /// The underlying connection, mutably.
                pub fn client_mut(&mut self) -> &mut #p::Client<T> {
                    #access_mut
                }

                /// Unwraps the underlying connection.
                pub fn into_client(self) -> #p::Client<T> {
                    #into
                }

                #(#calls)*
            }

            impl<T: #p::Transport> ::core::convert::From<#p::Client<T>> for #client<T> {
                fn from(client: #p::Client<T>) -> Self {
                    #client::new(client)
                }
            }

            #deref
        }
    }

    fn processor(
        &self,
        service_ref: ServiceRef,
        service: &Service,
        methods: &[Method<'_>],
    ) -> TokenStream {
        let p = quote!(::thrift_core::__private);
        let names = &self.names.services[&service_ref];
        let (processor, handler, module) = (&names.processor, &names.handler, &names.module);
        let arms = methods.iter().map(|m| {
            let wire_name = &m.function.name;
            let ident = &m.ident;
            let args_type = Self::args_type(m);
            let arg_names: Vec<_> = m.args.iter().map(|(name, _, _)| name).collect();
            let call_handler = quote!(handler.#ident(#(args.#arg_names),*));
            if m.function.oneway {
                return quote! {
                    #wire_name => call
                        .oneway(|args: #module::#args_type| #call_handler)
                        .map(|()| true),
                };
            }
            let result_type = Self::result_type(m);
            let success = if m.returns.is_some() {
                quote!(success: #p::Some(value),)
            } else {
                quote!()
            };
            let ok_binding = if m.returns.is_some() { quote!(value) } else { quote!(()) };
            // `..Default::default()` only where the result struct has other members.
            let members = usize::from(m.returns.is_some()) + m.throws.len();
            let others = (members > 1).then(|| quote!(..#p::Default::default()));
            let exceptions = m.throws.iter().map(|(member, variant, _, _)| {
                let error_type = Self::error_type(m);
                quote! {
                    #p::Result::Err(#module::#error_type::#variant(e)) => {
                        #p::Result::Ok(#module::#result_type { #member: #p::Some(e), #others })
                    }
                }
            });
            let thrift_error = if m.throws.is_empty() {
                quote!(#p::Result::Err(e) => #p::Result::Err(e),)
            } else {
                let error_type = Self::error_type(m);
                quote!(#p::Result::Err(#module::#error_type::Thrift(e)) => #p::Result::Err(e),)
            };
            let rest = (!m.throws.is_empty()).then(|| quote!(..#p::Default::default()));
            quote! {
                #wire_name => call
                    .reply(|args: #module::#args_type| match #call_handler {
                        #p::Result::Ok(#ok_binding) => #p::Result::Ok(#module::#result_type { #success #rest }),
                        #(#exceptions)*
                        #thrift_error
                    })
                    .map(|()| true),
            }
        });
        let fallback = match service.extends {
            Some(parent) => {
                let parent = self.service_path(parent, service_ref.file, |n| &n.processor);
                quote!(_ => #parent::<H>::dispatch(handler, call),)
            }
            None => quote!(_ => #p::Result::Ok(false),),
        };
        let doc = format!(
            " Serves a [`{handler}`] handler: decodes each call, runs the handler (catching \
             panics) and sends its reply. Pass it to `thrift_core::server::Server`."
        );
        quote! {
            #[doc = #doc]
            pub struct #processor<H: ?::core::marker::Sized> {
                handler: #p::Arc<H>,
            }

            impl<H: #handler> #processor<H> {
                /// Serves `handler`.
                pub fn new(handler: H) -> Self {
                    #processor { handler: #p::Arc::new(handler) }
                }
            }

            impl<H: #handler + ?::core::marker::Sized> #processor<H> {
                /// Serves a handler shared with other code.
                pub fn from_arc(handler: #p::Arc<H>) -> Self {
                    #processor { handler }
                }

                /// The handler.
                pub fn handler(&self) -> &#p::Arc<H> {
                    &self.handler
                }

                /// Runs the call if it names one of this service's functions (or an inherited
                /// one); `Ok(false)` if it names none.
                #[doc(hidden)]
                pub fn dispatch<T: #p::Transport>(
                    handler: &H,
                    call: &mut #p::ServerCall<'_, T>,
                ) -> #p::Result<bool, ::thrift_core::Error> {
                    let method = call.method();
                    #[allow(clippy::match_single_binding)]
                    match method {
                        #(#arms)*
                        #fallback
                    }
                }
            }

            impl<H: #handler + ?::core::marker::Sized, T: #p::Transport> #p::Processor<T> for #processor<H> {
                fn process(&self, call: &mut #p::ServerCall<'_, T>) -> #p::Result<(), ::thrift_core::Error> {
                    if Self::dispatch(&self.handler, call)? {
                        #p::Result::Ok(())
                    } else {
                        call.unknown_method()
                    }
                }
            }
        }
    }
}

/// An argument or result struct: its definition and its codec.
fn wire_struct(
    ident: &Ident,
    thrift_name: &str,
    doc: &str,
    decls: Vec<TokenStream>,
    fields: Vec<Option<ir::Field>>,
) -> TokenStream {
    let codec = codegen::expand(&Container {
        ident: ident.clone(),
        generics: syn::Generics::default(),
        thrift_name: thrift_name.to_owned(),
        krate: thrift_core(),
        body: Body::Struct(fields.into_iter().flatten().collect()),
    });
    quote! {
        #[doc = #doc]
        #[derive(
            ::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default,
        )]
        pub struct #ident { #(#decls)* }
        #codec
    }
}

/// An IR field for a generated argument or result struct.
fn ir_field(
    member: &Ident,
    thrift_name: &str,
    id: i16,
    ty: TokenStream,
    presence: Presence,
) -> Option<ir::Field> {
    Some(ir::Field {
        member: syn::Member::Named(member.clone()),
        thrift_name: thrift_name.to_owned(),
        id,
        ty: syn::parse2(ty).ok()?,
        presence,
    })
}
