//! The server side: the handler trait to implement and the processor that dispatches to it.

use proc_macro2::TokenStream;
use quote::quote;
use thrift_idl::model::{Service, ServiceRef};

use super::Method;
use crate::lower::items::docs;
use crate::lower::Generator;

impl Generator<'_> {
    pub(super) fn handler_trait(
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
            let allow = m.allow_many_arguments();
            quote!(#doc #allow fn #ident(&self, #(#args),*) -> #p::Result<#ok, #error>;)
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

    pub(super) fn processor(
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
            let (args_table, empty_args) = (Self::args_table(m), Self::empty_args(m));
            let build = self.build_args(m);
            let pattern = Self::args_pattern(m);
            let arg_names = m.args.iter().map(|(name, _, _)| name);
            let call_handler = quote!(handler.#ident(#(#arg_names),*));
            if m.function.oneway {
                return quote! {
                    #wire_name => call
                        .oneway_fields(#args_table, #empty_args, #build, |#pattern| #call_handler)
                        .map(|()| true),
                };
            }
            let ok = match m.returns {
                Some(_) => {
                    let result = Self::result_with(m, 0, quote!(value));
                    quote!(#p::Result::Ok(value) => #p::Result::Ok(#result))
                }
                None => {
                    let result = Self::result_empty(m);
                    quote!(#p::Result::Ok(()) => #p::Result::Ok(#result))
                }
            };
            let first_exception = usize::from(m.returns.is_some());
            let error_type = Self::error_type(m);
            let exceptions = m.throws.iter().enumerate().map(|(i, (_, variant, _, _))| {
                let result = Self::result_with(m, first_exception + i, quote!(e));
                quote!(#p::Result::Err(#module::#error_type::#variant(e)) => #p::Result::Ok(#result),)
            });
            let thrift_error = if m.throws.is_empty() {
                quote!(#p::Result::Err(e) => #p::Result::Err(e),)
            } else {
                quote!(#p::Result::Err(#module::#error_type::Thrift(e)) => #p::Result::Err(e),)
            };
            let (result_table, slots) = (Self::result_table(m), Self::result_slots_type(m));
            quote! {
                #wire_name => call
                    .reply_fields(
                        #args_table,
                        #empty_args,
                        #build,
                        #result_table,
                        |#pattern| -> #p::Result<#slots, ::thrift_core::Error> {
                            match #call_handler {
                                #ok,
                                #(#exceptions)*
                                #thrift_error
                            }
                        },
                    )
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
