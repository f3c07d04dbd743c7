//! The RPC runtime's own work, without sockets: `N` times, a server answers a chat call read
//! from memory, then a client decodes that reply from memory. Made for instruction counts,
//! which loopback timings are too noisy to show:
//!
//! ```sh
//! cargo build --release -p thrift-benches --example rpc_memory
//! valgrind --tool=callgrind target/release/examples/rpc_memory history 20   # minus a run with 0
//! ```
//!
//! `history` answers `history(1000)` with 1,000 messages; `send` makes a short
//! `send_message` call.

use thrift_core::client::Client;
use thrift_core::server::{Processor, ServerCall};
use thrift_core::transport::MemoryTransport;
use thrift_core::{Limits, ProtocolKind};

mod chat {
    thrift_core::thrift!("../examples/chat/chat.thrift");
}

use chat::{ChatServiceClient, ChatServiceProcessor, Message};

/// Echoes messages and answers history with the messages it was given.
struct Handler(Vec<Message>);

impl chat::ChatService for Handler {
    fn send_message(&self, m: String) -> Result<String, chat::chat_service::SendMessageError> {
        Ok(m)
    }
    fn history(&self, _limit: i32) -> Result<Vec<Message>, thrift_core::Error> {
        Ok(self.0.clone())
    }
    fn ping(&self) -> Result<(), thrift_core::Error> {
        Ok(())
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let history = args.next().as_deref() != Some("send");
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let protocol = ProtocolKind::Binary;
    let messages = (0..1000)
        .map(|i| Message {
            id: i,
            text: format!("message number {i}"),
            tags: Some(vec!["a".into(), "b".into()]),
        })
        .collect();
    let processor = ChatServiceProcessor::new(Handler(messages));
    // The request as a client writes it (the reply it waits for is not there: ignored).
    let mut writer =
        ChatServiceClient::from(Client::new(MemoryTransport::new(Vec::new()), protocol));
    if history {
        let _ = writer.history(1000);
    } else {
        let _ = writer.send_message("hello, benchmark".into());
    }
    let request = writer.into_client().into_transport().take_written();
    let mut reply = Vec::new();
    for _ in 0..n {
        let mut transport = MemoryTransport::new(request.clone());
        let mut call = ServerCall::next(&mut transport, protocol, Limits::DEFAULT)
            .expect("a request")
            .expect("a message");
        processor.process(&mut call).expect("served");
        reply = transport.take_written();
    }
    for _ in 0..n {
        let transport = MemoryTransport::new(reply.clone());
        let mut client = ChatServiceClient::from(Client::new(transport, protocol));
        if history {
            assert_eq!(client.history(1000).expect("history").len(), 1000);
        } else {
            let echo = client
                .send_message("hello, benchmark".into())
                .expect("echo");
            assert_eq!(echo, "hello, benchmark");
        }
    }
}
