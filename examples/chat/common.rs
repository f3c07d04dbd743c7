//! What the chat examples share: the generated types, the handler, and flag parsing.

use std::sync::Mutex;

use thrift_core::{ProtocolKind, TransportKind};

thrift_core::thrift!("examples/chat/chat.thrift");

/// Keeps every message; ids count up from 1.
#[derive(Default)]
pub struct ChatHandler {
    messages: Mutex<Vec<Message>>,
}

impl ChatService for ChatHandler {
    fn send_message(&self, message: String) -> Result<String, chat_service::SendMessageError> {
        if message.trim().is_empty() {
            return Err(InvalidMessage {
                reason: Some("empty message".into()),
            }
            .into());
        }
        let mut messages = self.messages.lock().unwrap_or_else(|e| e.into_inner());
        let id = messages.len() as i64 + 1;
        messages.push(Message {
            id,
            text: message.clone(),
            tags: None,
        });
        Ok(format!("received: {message}"))
    }

    fn history(&self, limit: i32) -> Result<Vec<Message>, thrift_core::Error> {
        let messages = self.messages.lock().unwrap_or_else(|e| e.into_inner());
        let limit = usize::try_from(limit).unwrap_or(0).min(messages.len());
        Ok(messages[messages.len() - limit..].to_vec())
    }

    fn ping(&self) -> Result<(), thrift_core::Error> {
        Ok(())
    }
}

/// The flags both binaries take.
pub struct Options {
    pub host: String,
    pub port: u16,
    pub protocol: ProtocolKind,
    pub transport: TransportKind,
    pub history: Option<i32>,
    pub messages: Vec<String>,
}

/// Parses `[--host H] [--port P] [--protocol binary|compact|json] [--transport buffered|framed]
/// [--history N] MESSAGE...`; `--history` and messages only when `client` is true.
pub fn parse_args(client: bool) -> Result<Options, String> {
    let mut options = Options {
        host: "127.0.0.1".into(),
        port: 9090,
        protocol: ProtocolKind::Binary,
        transport: TransportKind::Buffered,
        history: None,
        messages: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--host" => options.host = value("--host")?,
            "--port" => {
                options.port = value("--port")?
                    .parse()
                    .map_err(|e| format!("--port: {e}"))?
            }
            "--protocol" => {
                options.protocol = value("--protocol")?.parse().map_err(|e| format!("{e}"))?
            }
            "--transport" => {
                options.transport = value("--transport")?.parse().map_err(|e| format!("{e}"))?
            }
            "--history" if client => {
                options.history = Some(
                    value("--history")?
                        .parse()
                        .map_err(|e| format!("--history: {e}"))?,
                )
            }
            "--" if client => options.messages.extend(args.by_ref()),
            flag if flag.starts_with("--") => return Err(format!("unknown flag {flag}")),
            message if client => options.messages.push(message.to_owned()),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    Ok(options)
}
