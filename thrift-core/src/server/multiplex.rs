//! Several services on one port, told apart by a `service:` prefix on method names
//! (Apache's `TMultiplexedProcessor`, thriftpy2's `TMultiplexedProcessor`).

use std::collections::HashMap;

use super::{Processor, ServerCall};
use crate::application::{ApplicationException, ApplicationExceptionKind};
use crate::error::Result;
use crate::transport::{Connection, Transport};

/// Routes `Service:method` calls to the processor registered for `Service`.
pub struct MultiplexedProcessor<T: Transport + 'static = Connection> {
    services: HashMap<String, Box<dyn Processor<T>>>,
    default: Option<Box<dyn Processor<T>>>,
}

impl<T: Transport + 'static> Default for MultiplexedProcessor<T> {
    fn default() -> Self {
        MultiplexedProcessor {
            services: HashMap::new(),
            default: None,
        }
    }
}

impl<T: Transport + 'static> MultiplexedProcessor<T> {
    /// A multiplexer with no services yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves `processor` as `service` (replacing an earlier registration of that name).
    pub fn register(mut self, service: impl Into<String>, processor: impl Processor<T>) -> Self {
        self.services.insert(service.into(), Box::new(processor));
        self
    }

    /// Serves calls without a prefix (from clients that are not multiplexed) with `processor`.
    pub fn default_service(mut self, processor: impl Processor<T>) -> Self {
        self.default = Some(Box::new(processor));
        self
    }
}

impl<T: Transport + 'static> Processor<T> for MultiplexedProcessor<T> {
    fn process(&self, call: &mut ServerCall<'_, T>) -> Result<()> {
        let Some((service, method)) = call.method().split_once(':') else {
            return match &self.default {
                Some(processor) => processor.process(call),
                None => call.fail(ApplicationException::new(
                    ApplicationExceptionKind::UnknownMethod,
                    format!(
                        "`{}` names no service; this server is multiplexed and expects \
                         `Service:method`",
                        call.method()
                    ),
                )),
            };
        };
        match self.services.get(service) {
            Some(processor) => {
                let method = method.to_owned();
                call.set_method(method);
                processor.process(call)
            }
            None => {
                let message = format!("unknown service `{service}`");
                call.fail(ApplicationException::new(
                    ApplicationExceptionKind::UnknownMethod,
                    message,
                ))
            }
        }
    }
}
