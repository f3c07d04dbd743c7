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
