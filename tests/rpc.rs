//! RPC end to end over loopback: generated clients against generated processors on the
//! thread-pool server, in every protocol/transport combination, and through misbehaving
//! clients, panicking handlers, floods and shutdown.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use thrift_core::server::{MultiplexedProcessor, Server, ServerHandle};
use thrift_core::{ApplicationExceptionKind, ErrorKind, ProtocolKind, TransportKind};

#[allow(dead_code)]
#[path = "support/store.rs"]
mod store_service;

use store_service::*;

fn server(protocol: ProtocolKind, transport: TransportKind) -> ServerHandle {
    Server::new(StoreProcessor::new(StoreHandler::default()))
        .protocol(protocol)
        .transport(transport)
        .bind("127.0.0.1:0")
        .expect("bind")
}

fn addr(server: &ServerHandle) -> SocketAddr {
    server.local_addr().expect("tcp address")
}

fn client(addr: SocketAddr, protocol: ProtocolKind, transport: TransportKind) -> StoreClient {
    StoreClient::builder()
        .protocol(protocol)
        .transport(transport)
        .read_timeout(Duration::from_secs(10))
        .connect_tcp(addr)
        .expect("connect")
}

const COMBINATIONS: [(ProtocolKind, TransportKind); 6] = [
    (ProtocolKind::Binary, TransportKind::Buffered),
    (ProtocolKind::Binary, TransportKind::Framed),
    (ProtocolKind::Compact, TransportKind::Buffered),
    (ProtocolKind::Compact, TransportKind::Framed),
    (ProtocolKind::Json, TransportKind::Buffered),
    (ProtocolKind::Json, TransportKind::Framed),
];

#[test]
fn every_protocol_and_transport() {
    for (protocol, transport) in COMBINATIONS {
        let server = server(protocol, transport);
        let mut c = client(addr(&server), protocol, transport);
        // Inherited from the parent service in another file.
        assert_eq!(c.name().unwrap(), "store");
        assert_eq!(c.add(2, 40).unwrap(), 42);
        // Declared exceptions arrive typed.
        match c.get(-1) {
            Err(store::GetError::Rejected(r)) => assert_eq!(r.code, Some(400)),
            other => panic!("expected Rejected, got {other:?}"),
        }
        match c.get(0) {
            Err(store::GetError::Unavailable(u)) => {
                assert_eq!(u.why.as_deref(), Some("maintenance"))
            }
            other => panic!("expected Unavailable, got {other:?}"),
        }
        c.put(Item {
            id: 7,
            label: Some("seven".into()),
        })
        .unwrap();
        assert!(matches!(
            c.put(Item {
                id: 8,
                label: Some(String::new()),
            }),
            Err(store::PutError::Rejected(_))
        ));
        assert_eq!(c.get(7).unwrap().label.as_deref(), Some("seven"));
        // A oneway call returns at once; the next call on the connection sees its effect.
        c.forget(7).unwrap();
        assert!(c.all().unwrap().is_empty(), "{protocol:?}/{transport:?}");
        // Default argument values travel like any other argument.
        assert_eq!(c.echo("ab".into(), 3).unwrap(), "ababab");
        server.shutdown();
    }
}

#[test]
fn handler_panics_and_errors_become_internal_errors() {
    let server = server(ProtocolKind::Binary, TransportKind::Buffered);
    let mut c = client(addr(&server), ProtocolKind::Binary, TransportKind::Buffered);
    for how in ["panic", "error"] {
        let err = c.crash(how.into()).unwrap_err();
        let exception = err
            .application_exception()
            .expect("a TApplicationException");
        assert_eq!(exception.kind, ApplicationExceptionKind::InternalError);
        let expected = if how == "panic" {
            "the handler panicked: the handler fell over"
        } else {
            "refused on purpose"
        };
        assert!(exception.message.contains(expected), "{exception}");
        assert!(err.to_string().contains("method `crash`"), "{err}");
        // The same connection keeps working.
        assert_eq!(c.add(1, 1).unwrap(), 2);
    }
}

#[test]
fn unknown_methods_get_unknown_method() {
    // A Store client against a server that only has the parent service.
    let server = Server::new(rpc_base::BaseServiceProcessor::new(StoreHandler::default()))
        .bind("127.0.0.1:0")
        .unwrap();
    let mut c = StoreClient::connect(addr(&server)).unwrap();
    let err = c.all().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Application);
    assert_eq!(
        err.application_exception().unwrap().kind,
        ApplicationExceptionKind::UnknownMethod
    );
    assert_eq!(c.name().unwrap(), "store");
}

/// Writes a framed binary call of `method` whose body is `args`, and reads the reply frame.
fn raw_framed_call(stream: &mut TcpStream, method: &str, seq: i32, args: &[u8]) -> Vec<u8> {
    let mut message = vec![0x80, 0x01, 0x00, 0x01];
    message.extend((method.len() as i32).to_be_bytes());
    message.extend(method.as_bytes());
    message.extend(seq.to_be_bytes());
    message.extend(args);
    let mut frame = (message.len() as u32).to_be_bytes().to_vec();
    frame.extend(message);
    stream.write_all(&frame).unwrap();
    let mut len = [0u8; 4];
    stream.read_exact(&mut len).unwrap();
    let mut reply = vec![0u8; u32::from_be_bytes(len) as usize];
    stream.read_exact(&mut reply).unwrap();
    reply
}

/// The `PROTOCOL_ERROR` exception that `reply`, a binary message answering call `seq`, holds.
fn protocol_error(reply: &[u8], seq: i32) -> thrift_core::ApplicationException {
    use thrift_core::{InputProtocol, ThriftType};
    let mut reader =
        thrift_core::binary::BinaryInputProtocol::new(thrift_core::io::SliceInput::new(reply));
    let header = reader.read_message_begin().unwrap();
    assert_eq!(
        (header.kind, header.seq),
        (thrift_core::MessageType::Exception, seq)
    );
    let exception = thrift_core::ApplicationException::read(&mut reader).unwrap();
    assert_eq!(exception.kind, ApplicationExceptionKind::ProtocolError);
    exception
}

#[test]
fn undecodable_arguments_get_protocol_error_and_framed_connections_go_on() {
    let server = server(ProtocolKind::Binary, TransportKind::Framed);
    let mut stream = TcpStream::connect(addr(&server)).unwrap();
    // `echo` with field 1 a string of invalid UTF-8.
    let bad = [11, 0, 1, 0, 0, 0, 1, 0xff, 0];
    let reply = raw_framed_call(&mut stream, "echo", 5, &bad);
    let exception = protocol_error(&reply, 5);
    assert!(exception.message.contains("UTF-8"), "{exception}");
    // Arguments that stop short of their stop byte, with the frame, are answered at once:
    // the read does not wait for a next frame to continue the message.
    let cut = [11, 0, 1, 0, 0, 0, 1, b'x'];
    let reply = raw_framed_call(&mut stream, "echo", 6, &cut);
    let exception = protocol_error(&reply, 6);
    assert!(
        exception.message.contains("end of its frame"),
        "{exception}"
    );
    // The same connection answers the next, valid call.
    let good = [11, 0, 1, 0, 0, 0, 1, b'x', 0];
    let reply = raw_framed_call(&mut stream, "echo", 6, &good);
    use thrift_core::InputProtocol;
    let mut reader =
        thrift_core::binary::BinaryInputProtocol::new(thrift_core::io::SliceInput::new(&reply));
    let header = reader.read_message_begin().unwrap();
    assert_eq!(
        (header.kind, header.seq),
        (thrift_core::MessageType::Reply, 6)
    );
}

#[test]
fn arguments_past_a_tuple_and_missing_required_arguments() {
    let server = Server::new(OtherProcessor::new(OtherHandler))
        .transport(TransportKind::Framed)
        .bind("127.0.0.1:0")
        .unwrap();
    let mut c = OtherClient::builder()
        .framed()
        .connect_tcp(addr(&server))
        .unwrap();
    assert_eq!(c.length("four".into()).unwrap(), 4);
    assert_eq!(
        c.sum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)
            .unwrap(),
        153
    );
    // The 17th argument, left out, takes its IDL default; the 16th, its type's.
    let mut stream = TcpStream::connect(addr(&server)).unwrap();
    let first_fifteen: Vec<u8> = (1..=15i16)
        .flat_map(|id| {
            [
                vec![10],
                id.to_be_bytes().to_vec(),
                1i64.to_be_bytes().to_vec(),
            ]
        })
        .flatten()
        .chain([0])
        .collect();
    let reply = raw_framed_call(&mut stream, "sum", 1, &first_fifteen);
    // Reply header (4 + 4 + 3 + 4 bytes), then field 0: i64 (type 10, id 0).
    assert_eq!(&reply[15..18], &[10, 0, 0]);
    assert_eq!(i64::from_be_bytes(reply[18..26].try_into().unwrap()), 115);
    // `length` without its required argument is a decoding error, not a handler call.
    let reply = raw_framed_call(&mut stream, "length", 2, &[0]);
    let exception = protocol_error(&reply, 2);
    assert!(
        exception.message.contains("`text` (id 1) of `length_args`"),
        "{exception}"
    );
}

#[test]
fn malformed_json_gets_protocol_error_and_framed_connections_go_on() {
    use thrift_core::{InputProtocol, ThriftType};
    let server = server(ProtocolKind::Json, TransportKind::Framed);
    let mut stream = TcpStream::connect(addr(&server)).unwrap();
    let mut call = |text: &str| {
        let mut frame = (text.len() as u32).to_be_bytes().to_vec();
        frame.extend(text.as_bytes());
        stream.write_all(&frame).unwrap();
        let mut len = [0u8; 4];
        stream.read_exact(&mut len).unwrap();
        let mut reply = vec![0u8; u32::from_be_bytes(len) as usize];
        stream.read_exact(&mut reply).unwrap();
        let mut reader =
            thrift_core::json::JsonInputProtocol::new(thrift_core::io::SliceInput::new(&reply));
        let header = reader.read_message_begin().unwrap();
        let exception = (header.kind == thrift_core::MessageType::Exception)
            .then(|| thrift_core::ApplicationException::read(&mut reader).unwrap());
        (header.seq, exception)
    };
    // A broken escape, a string where a number belongs, a frame cut short.
    for (seq, args) in [
        (5, r#"{"1":{"str":"\q"},"2":{"i32":1}}]"#),
        (6, r#"{"1":{"str":"x"},"2":{"i32":"many"}}]"#),
        (7, r#"{"1":{"str":"x"#),
    ] {
        let (got, exception) = call(&format!(r#"[1,"echo",1,{seq},{args}"#));
        let exception = exception.expect("an exception");
        assert_eq!(got, seq);
        assert_eq!(
            exception.kind,
            ApplicationExceptionKind::ProtocolError,
            "{exception}"
        );
    }
    // The same connection answers the next, valid call.
    let (seq, exception) = call(r#"[1,"echo",1,8,{"1":{"str":"ab"},"2":{"i32":2}}]"#);
    assert_eq!((seq, exception), (8, None));
}

#[test]
fn replies_must_carry_the_call_sequence_id() {
    // A fake server that answers every call with the wrong sequence id.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let fake = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 256];
        let _ = stream.read(&mut request).unwrap();
        let mut reply = vec![0x80, 0x01, 0x00, 0x02, 0, 0, 0, 4];
        reply.extend(b"name");
        reply.extend(99i32.to_be_bytes());
        reply.extend([11, 0, 0, 0, 0, 0, 1, b'x', 0]);
        stream.write_all(&reply).unwrap();
    });
    let mut c = StoreClient::connect(addr).unwrap();
    let err = c.name().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadReply);
    assert!(err.to_string().contains("sequence id 99"), "{err}");
    // The connection is now out of step: later calls fail fast instead of misreading.
    assert!(c.name().unwrap_err().to_string().contains("reconnect"));
    fake.join().unwrap();
}

#[test]
fn sixty_four_clients_each_make_a_thousand_calls() {
    let server = server(ProtocolKind::Compact, TransportKind::Framed);
    let addr = addr(&server);
    let threads: Vec<_> = (0..64)
        .map(|t| {
            thread::spawn(move || {
                let mut c = client(addr, ProtocolKind::Compact, TransportKind::Framed);
                for i in 0..1000 {
                    assert_eq!(c.add(t, i).unwrap(), t + i);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("client thread");
    }
}

#[test]
fn misbehaving_clients_do_not_disturb_others() {
    for transport in [TransportKind::Buffered, TransportKind::Framed] {
        let server = server(ProtocolKind::Binary, transport);
        let addr = addr(&server);
        let mut good = client(addr, ProtocolKind::Binary, transport);
        // Garbage, a half frame, a frame claiming 2 GiB, and a call cut off mid-message.
        let attacks: [&[u8]; 4] = [
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            &[0, 0, 0, 100, 0x80, 0x01],
            &[0x7f, 0xff, 0xff, 0xff],
            &[0x80, 0x01, 0x00, 0x01, 0, 0, 0, 3, b'a', b'd'],
        ];
        for attack in attacks {
            let mut bad = TcpStream::connect(addr).unwrap();
            bad.write_all(attack).unwrap();
            assert_eq!(good.add(20, 22).unwrap(), 42);
            drop(bad);
            assert_eq!(good.echo("ok".into(), 1).unwrap(), "ok");
        }
        // A client that disconnects while its call is running.
        let mut quitter = client(addr, ProtocolKind::Binary, transport);
        quitter
            .client_mut()
            .transport_mut()
            .get_mut()
            .configure(&thrift_core::transport::SocketOptions {
                read_timeout: Some(Duration::from_millis(20)),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(quitter.slow(200).unwrap_err().kind(), ErrorKind::TimedOut);
        drop(quitter);
        assert_eq!(good.add(1, 2).unwrap(), 3);
        let mut fresh = client(addr, ProtocolKind::Binary, transport);
        assert_eq!(fresh.name().unwrap(), "store");
    }
}

#[test]
fn shutdown_completes_with_clients_connected() {
    let server = server(ProtocolKind::Binary, TransportKind::Buffered);
    let addr = addr(&server);
    let mut idle = client(addr, ProtocolKind::Binary, TransportKind::Buffered);
    assert_eq!(idle.add(1, 1).unwrap(), 2);
    // A call in progress when shutdown starts still gets its reply.
    let busy = thread::spawn(move || {
        let mut c = client(addr, ProtocolKind::Binary, TransportKind::Buffered);
        c.slow(300)
    });
    thread::sleep(Duration::from_millis(100));
    let started = Instant::now();
    server.shutdown();
    assert!(started.elapsed() < Duration::from_secs(5));
    busy.join().unwrap().expect("the in-flight call finishes");
    assert!(idle.add(1, 1).is_err(), "the idle connection was closed");
}

#[test]
fn connections_beyond_workers_and_backlog_are_refused() {
    let server = Server::new(StoreProcessor::new(StoreHandler::default()))
        .workers(1)
        .backlog(0)
        .bind("127.0.0.1:0")
        .unwrap();
    let addr = addr(&server);
    let mut first = client(addr, ProtocolKind::Binary, TransportKind::Buffered);
    assert_eq!(first.add(1, 2).unwrap(), 3);
    // The only worker serves `first`; the next connection is closed instead of queued.
    let mut second = client(addr, ProtocolKind::Binary, TransportKind::Buffered);
    let err = second.add(1, 2).unwrap_err();
    assert!(err.is_disconnect(), "{err:?}");
    assert_eq!(first.add(2, 2).unwrap(), 4);
}

#[test]
fn multiplexed_services_share_a_port() {
    let processor = MultiplexedProcessor::new()
        .register("Store", StoreProcessor::new(StoreHandler::default()))
        .register("Other", OtherProcessor::new(OtherHandler));
    let server = Server::new(processor)
        .transport(TransportKind::Framed)
        .bind("127.0.0.1:0")
        .unwrap();
    let mut store = StoreClient::builder()
        .framed()
        .multiplexed("Store")
        .connect_tcp(addr(&server))
        .unwrap();
    let mut other = OtherClient::builder()
        .framed()
        .multiplexed("Other")
        .connect_tcp(addr(&server))
        .unwrap();
    assert_eq!(store.add(3, 4).unwrap(), 7);
    assert_eq!(other.hello("mux".into()).unwrap(), "hello, mux");
    let mut unknown = OtherClient::builder()
        .framed()
        .multiplexed("Nope")
        .connect_tcp(addr(&server))
        .unwrap();
    let err = unknown.hello("x".into()).unwrap_err();
    assert_eq!(
        err.application_exception().unwrap().kind,
        ApplicationExceptionKind::UnknownMethod
    );
}

#[test]
fn unix_domain_sockets() {
    let dir = std::env::temp_dir().join(format!("thrift-rpc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("store.sock");
    let _ = std::fs::remove_file(&path);
    let server = Server::new(StoreProcessor::new(StoreHandler::default()))
        .protocol(ProtocolKind::Compact)
        .bind_unix(&path)
        .unwrap();
    let mut c = StoreClient::builder()
        .compact()
        .connect_unix(&path)
        .unwrap();
    assert_eq!(c.echo("unix".into(), 2).unwrap(), "unixunix");
    server.shutdown();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn handlers_can_be_shared_trait_objects() {
    let handler: Arc<dyn Other> = Arc::new(OtherHandler);
    let server = Server::new(OtherProcessor::from_arc(handler))
        .bind("127.0.0.1:0")
        .unwrap();
    let mut c = OtherClient::connect(addr(&server)).unwrap();
    assert_eq!(c.hello("dyn".into()).unwrap(), "hello, dyn");
}

mod clash {
    thrift_core::thrift!("tests/idl/clashing_names.thrift");
}

struct ClashHandler;

impl clash::Clash for ClashHandler {
    fn ping(&self, args: clash::PingArgs) -> Result<clash::PingResult, clash::clash::PingError> {
        match args.value {
            Some(value) if value >= 0 => Ok(clash::PingResult {
                echoed: Some(value),
            }),
            _ => Err(clash::PingError {
                message: Some("negative".into()),
            }
            .into()),
        }
    }

    fn add(&self, a: i32, b: i32) -> Result<i32, thrift_core::Error> {
        Ok(a + b)
    }

    fn add_result(&self, a: i32, b: i32) -> Result<clash::AddResult, thrift_core::Error> {
        Ok(clash::AddResult { sum: Some(a + b) })
    }
}

#[test]
fn user_types_named_like_generated_ones_stay_distinct() {
    let server = Server::new(clash::ClashProcessor::new(ClashHandler))
        .bind("127.0.0.1:0")
        .expect("bind");
    let mut c = clash::ClashClient::connect(addr(&server)).expect("connect");
    let args = clash::PingArgs { value: Some(7) };
    assert_eq!(c.ping(args).unwrap().echoed, Some(7));
    match c.ping(clash::PingArgs { value: Some(-1) }) {
        Err(clash::clash::PingError::Error(e)) => {
            assert_eq!(e.message.as_deref(), Some("negative"))
        }
        other => panic!("expected the declared exception, got {other:?}"),
    }
    assert_eq!(c.add(2, 3).unwrap(), 5);
    assert_eq!(c.add_result(2, 3).unwrap().sum, Some(5));
}
