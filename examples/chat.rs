//! Server and client in one process: `cargo run --example chat`.
//!
//! Starts the chat server on a free loopback port, then talks to it: sends messages, shows
//! a declared exception, reads the history and pings (oneway).

// Each chat binary uses part of the shared module.
#[allow(dead_code)]
#[path = "chat/common.rs"]
mod common;

use common::{
    chat_service::SendMessageError, ChatHandler, ChatServiceClient, ChatServiceProcessor,
};
use thrift_core::server::Server;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server =
        Server::new(ChatServiceProcessor::new(ChatHandler::default())).bind("127.0.0.1:0")?;
    let addr = server.local_addr().ok_or("the server has no TCP address")?;
    println!("listening on {addr}");

    let mut client = ChatServiceClient::connect(addr)?;
    println!("{}", client.send_message("Hello, Thrift!".into())?);
    println!("{}", client.send_message("Rust speaks Thrift".into())?);
    match client.send_message("   ".into()) {
        Err(SendMessageError::Err(invalid)) => {
            println!("InvalidMessage: {}", invalid.reason.unwrap_or_default())
        }
        other => return Err(format!("expected InvalidMessage, got {other:?}").into()),
    }
    client.ping()?;
    for message in client.history(10)? {
        println!("{}\t{}", message.id, message.text);
    }
    server.shutdown();
    Ok(())
}
