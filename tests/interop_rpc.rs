//! The chat service against real peers: thriftpy2, and Apache's `thrift` Python package with
//! code from the `thrift` compiler, in every protocol (binary, compact, JSON) and transport
//! (buffered, framed), both ways: our client against their server, their client against our
//! server. Each run covers the reply, declared-exception, `oneway` and `history` paths. The
//! one gap is thriftpy2's JSON server, which cannot serve two calls on a connection.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use support::{require_apache_python, require_python_module, root};
use thrift_core::server::Server;
use thrift_core::{ProtocolKind, TransportKind};

#[allow(dead_code)]
#[path = "../examples/chat/common.rs"]
mod chat;

use chat::chat_service::SendMessageError;
use chat::{ChatHandler, ChatServiceClient, ChatServiceProcessor};

const COMBINATIONS: [(&str, &str); 6] = [
    ("binary", "buffered"),
    ("binary", "framed"),
    ("compact", "buffered"),
    ("compact", "framed"),
    ("json", "buffered"),
    ("json", "framed"),
];

/// Whether the peer `implementation` can run here; under CI a missing peer fails the test.
fn peer_available(implementation: &str) -> bool {
    match implementation {
        "thriftpy2" => require_python_module("thriftpy2"),
        _ => require_apache_python(),
    }
}

/// A Python chat server, stopped when dropped.
struct PeerServer {
    child: Child,
    port: u16,
}

impl PeerServer {
    fn start(implementation: &str, protocol: &str, transport: &str) -> PeerServer {
        let mut child = Command::new("python3")
            .arg(root().join("tests/peers/chat_peer.py"))
            .args(["server", implementation, protocol, transport])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start python3");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read the peer's first line");
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line from the peer: {line:?}"));
        PeerServer { child, port }
    }
}

impl Drop for PeerServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn run_chat_script(client: &mut ChatServiceClient) {
    assert_eq!(
        client.send_message("Hello, Thrift!".into()).unwrap(),
        "received: Hello, Thrift!"
    );
    assert_eq!(
        client.send_message("h\u{e9}llo \u{2713}".into()).unwrap(),
        "received: h\u{e9}llo \u{2713}"
    );
    match client.send_message("   ".into()) {
        Err(SendMessageError::Err(invalid)) => {
            assert_eq!(invalid.reason.as_deref(), Some("empty message"))
        }
        other => panic!("expected InvalidMessage, got {other:?}"),
    }
    client.ping().unwrap();
    let history = client.history(5).unwrap();
    let seen: Vec<_> = history
        .iter()
        .map(|m| (m.id, m.text.as_str(), m.tags.clone()))
        .collect();
    assert_eq!(
        seen,
        [
            (1, "Hello, Thrift!", None),
            (2, "h\u{e9}llo \u{2713}", None)
        ]
    );
    assert_eq!(client.history(1).unwrap()[0].id, 2);
}

fn our_client_against_their_server(implementation: &str) {
    if !peer_available(implementation) {
        return;
    }
    for (protocol, transport) in COMBINATIONS {
        if implementation == "thriftpy2" && protocol == "json" {
            // thriftpy2's `TApacheJSONProtocol` keeps the first message it reads for the
            // life of a connection, so its server answers that request again and again: its
            // client (one call per connection) is tested against our server instead.
            continue;
        }
        let server = PeerServer::start(implementation, protocol, transport);
        let mut client = ChatServiceClient::builder()
            .protocol(protocol.parse().unwrap())
            .transport(transport.parse().unwrap())
            .read_timeout(std::time::Duration::from_secs(10))
            .connect_tcp(("127.0.0.1", server.port))
            .unwrap_or_else(|e| panic!("{implementation} {protocol}/{transport}: {e}"));
        run_chat_script(&mut client);
    }
}

fn their_client_against_our_server(implementation: &str) {
    if !peer_available(implementation) {
        return;
    }
    for (protocol, transport) in COMBINATIONS {
        let server = Server::new(ChatServiceProcessor::new(ChatHandler::default()))
            .protocol(protocol.parse::<ProtocolKind>().unwrap())
            .transport(transport.parse::<TransportKind>().unwrap())
            .bind("127.0.0.1:0")
            .unwrap();
        let port = server.local_addr().unwrap().port().to_string();
        let output = Command::new("python3")
            .arg(root().join("tests/peers/chat_peer.py"))
            .args(["client", implementation, protocol, transport, &port])
            .output()
            .expect("run python3");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.trim() == "ok",
            "{implementation} client, {protocol}/{transport}: {stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        server.shutdown();
    }
}

#[test]
fn our_client_against_a_thriftpy2_server() {
    our_client_against_their_server("thriftpy2");
}

#[test]
fn a_thriftpy2_client_against_our_server() {
    their_client_against_our_server("thriftpy2");
}

#[test]
fn our_client_against_an_apache_python_server() {
    our_client_against_their_server("apache");
}

#[test]
fn an_apache_python_client_against_our_server() {
    their_client_against_our_server("apache");
}
