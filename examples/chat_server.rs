//! The chat server: `cargo run --example chat_server -- [--host H] [--port P]
//! [--protocol binary|compact|json] [--transport buffered|framed]`. Serves until killed.

// Each chat binary uses part of the shared module.
#[allow(dead_code)]
#[path = "chat/common.rs"]
mod common;

use std::io::Write;

use common::{ChatHandler, ChatServiceProcessor};
use thrift_core::server::Server;

fn main() {
    let options = common::parse_args(false).unwrap_or_else(|e| {
        eprintln!("chat_server: {e}");
        std::process::exit(2);
    });
    let server = Server::new(ChatServiceProcessor::new(ChatHandler::default()))
        .protocol(options.protocol)
        .transport(options.transport)
        .bind((options.host.as_str(), options.port))
        .unwrap_or_else(|e| {
            eprintln!(
                "chat_server: cannot listen on {}:{}: {e}",
                options.host, options.port
            );
            std::process::exit(1);
        });
    let port = server.local_addr().map_or(options.port, |a| a.port());
    println!("listening on {}:{port}", options.host);
    let _ = std::io::stdout().flush();
    server.wait();
}
