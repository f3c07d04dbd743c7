//! The chat client: `cargo run --example chat_client -- [--host H] [--port P]
//! [--protocol binary|compact|json] [--transport buffered|framed] [--history N] MESSAGE...`
//!
//! Prints each reply on its own line, then the last N messages as `ID<TAB>TEXT`. An
//! `InvalidMessage` prints `InvalidMessage: REASON` on stderr and exits with status 3.

// Each chat binary uses part of the shared module.
#[allow(dead_code)]
#[path = "chat/common.rs"]
mod common;

use common::{chat_service::SendMessageError, ChatServiceClient};

fn main() {
    let options = common::parse_args(true).unwrap_or_else(|e| {
        eprintln!("chat_client: {e}");
        std::process::exit(2);
    });
    let mut client = ChatServiceClient::builder()
        .protocol(options.protocol)
        .transport(options.transport)
        .connect_tcp((options.host.as_str(), options.port))
        .unwrap_or_else(|e| fail(&e));
    for message in options.messages {
        match client.send_message(message) {
            Ok(reply) => println!("{reply}"),
            Err(SendMessageError::Err(invalid)) => {
                eprintln!("InvalidMessage: {}", invalid.reason.unwrap_or_default());
                std::process::exit(3);
            }
            Err(SendMessageError::Thrift(e)) => fail(&e),
        }
    }
    if let Some(limit) = options.history {
        for message in client.history(limit).unwrap_or_else(|e| fail(&e)) {
            println!("{}\t{}", message.id, message.text);
        }
    }
}

fn fail(e: &thrift_core::Error) -> ! {
    eprintln!("chat_client: {e}");
    std::process::exit(1);
}
