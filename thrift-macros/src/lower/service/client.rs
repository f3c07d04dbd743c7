//! The typed client: one method per function.

use proc_macro2::TokenStream;
use quote::quote;
use thrift_idl::model::{Service, ServiceRef};

use super::Method;
use crate::lower::items::docs;
use crate::lower::Generator;

impl Generator<'_> {
    pub(super) fn client(
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
            let (args_table, values) = (Self::args_table(m), Self::args_values(m));
            let doc = docs(&m.function.doc, format!("Calls `{}`.", m.function.name));
            let allow = m.allow_many_arguments();
            let doc = quote!(#doc #allow);
            if m.function.oneway {
                return quote! {
                    #doc
                    pub fn #ident(&mut self, #(#params),*) -> #p::Result<(), ::thrift_core::Error> {
                        self.client_mut().call_oneway_fields(#wire_name, #args_table, #values)
                    }
                };
            }
            let error = self.error_path(service_ref, m);
            let ok = m.returns.clone().unwrap_or_else(|| quote!(()));
            let exceptions = m.throws.iter().map(|(member, variant, _, _)| {
                let error_type = Self::error_type(m);
                quote! {
                    if let #p::Some(e) = #member {
                        return #p::Result::Err(#module::#error_type::#variant(e));
                    }
                }
            });
            let success = if m.returns.is_some() {
                quote! {
                    match success {
                        #p::Some(value) => #p::Result::Ok(value),
                        #p::None => #p::Result::Err(#p::missing_result(#wire_name).into()),
                    }
                }
            } else {
                quote!(#p::Result::Ok(()))
            };
            let (result_table, pattern, slots) = (
                Self::result_table(m),
                Self::result_slots_pattern(m),
                Self::result_slots_type(m),
            );
            let empty = Self::result_empty(m);
            quote! {
                #doc
                pub fn #ident(&mut self, #(#params),*) -> #p::Result<#ok, #error> {
                    let #pattern: #slots = self.client_mut().call_fields(
                        #wire_name,
                        #args_table,
                        #values,
                        #result_table,
                        #empty,
                    )?;
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
}
