//! RPC throughput and latency of the chat service's `send_message` over loopback: this
//! project's client and server next to the Apache `thrift` crate's sync client and server,
//! in the same process run, with 1 and 16 client threads. A first row sends the same bytes
//! over raw TCP sockets, with no RPC stack: the ceiling for this machine and client model.
//!
//! `cargo bench -p thrift-benches --bench rpc` (set `RPC_CALLS` to change the calls per
//! thread; default 20,000).

use std::net::TcpListener;
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use thrift_core::server::Server;
use thrift_core::{ProtocolKind, TransportKind};

mod ours {
    thrift_core::thrift!("../examples/chat/chat.thrift");
}

/// The chat semantics: store the message, answer "received: " + message.
#[derive(Default)]
struct Store {
    messages: Mutex<Vec<(i64, String)>>,
}

impl Store {
    fn send(&self, message: String) -> String {
        let reply = format!("received: {message}");
        let mut messages = self.messages.lock().unwrap_or_else(|e| e.into_inner());
        let id = messages.len() as i64 + 1;
        messages.push((id, message));
        reply
    }
}

impl ours::ChatService for Store {
    fn send_message(
        &self,
        message: String,
    ) -> Result<String, ours::chat_service::SendMessageError> {
        Ok(self.send(message))
    }

    fn history(&self, _limit: i32) -> Result<Vec<ours::Message>, thrift_core::Error> {
        Ok(Vec::new())
    }

    fn ping(&self) -> Result<(), thrift_core::Error> {
        Ok(())
    }
}

#[cfg(apache_thrift)]
#[allow(warnings, clippy::all)]
mod apache {
    include!(concat!(env!("OUT_DIR"), "/chat.rs"));

    impl ChatServiceSyncHandler for super::Store {
        fn handle_send_message(&self, message: String) -> thrift::Result<String> {
            Ok(self.send(message))
        }
        fn handle_history(&self, _limit: i32) -> thrift::Result<Vec<Message>> {
            Ok(Vec::new())
        }
        fn handle_ping(&self) -> thrift::Result<()> {
            Ok(())
        }
    }
}

/// Makes one call; a fresh one per client thread.
trait Caller: Send {
    fn call(&mut self) -> String;
}

impl Caller for ours::ChatServiceClient {
    fn call(&mut self) -> String {
        self.send_message("hello, benchmark".into())
            .expect("send_message")
    }
}

/// What one configuration measured.
struct Measured {
    calls_per_second: f64,
    p50: Duration,
    p99: Duration,
}

fn measure(
    threads: usize,
    calls: usize,
    connect: &(dyn Fn() -> Box<dyn Caller> + Sync),
) -> Measured {
    let started = Instant::now();
    let latencies: Vec<Vec<Duration>> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut client = connect();
                    for _ in 0..calls / 10 {
                        client.call();
                    }
                    let mut own = Vec::with_capacity(calls);
                    for _ in 0..calls {
                        let t = Instant::now();
                        let reply = client.call();
                        own.push(t.elapsed());
                        assert_eq!(reply, "received: hello, benchmark");
                    }
                    own
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("client thread"))
            .collect()
    });
    let elapsed = started.elapsed();
    let mut all: Vec<Duration> = latencies.into_iter().flatten().collect();
    all.sort_unstable();
    let total = threads * (calls + calls / 10);
    Measured {
        calls_per_second: total as f64 / elapsed.as_secs_f64(),
        p50: all[all.len() / 2],
        p99: all[all.len() * 99 / 100],
    }
}

/// The floor under any RPC stack: the same request and reply bytes over loopback TCP with
/// `TCP_NODELAY`, one `write` and blocking reads on each side, no Thrift at all. A Thrift
/// call cannot make fewer syscalls or context switches than this, so its calls/s bound what
/// any client and server design can reach on the machine.
mod raw {
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};

    use super::Caller;

    /// A call's request and reply, as this project's binary protocol encodes them.
    fn messages() -> (Vec<u8>, Vec<u8>) {
        use thrift_core::{
            Binary, MessageType, OutputProtocol, Protocol, ThriftStruct, ThriftType,
        };

        /// `send_message`'s arguments and result structs, as the IDL declares them.
        #[derive(ThriftStruct)]
        struct SendMessageArgs {
            #[thrift(id = 1)]
            message: String,
        }
        #[derive(ThriftStruct)]
        struct SendMessageResult {
            #[thrift(id = 0)]
            success: Option<String>,
        }
        fn message<T: ThriftType>(kind: MessageType, body: &T) -> Vec<u8> {
            let mut p = Binary::writer(Vec::new(), thrift_core::Limits::DEFAULT);
            p.write_message_begin("sendMessage", kind, 1).unwrap();
            body.write(&mut p).unwrap();
            p.write_message_end().unwrap();
            Binary::into_output(p)
        }
        let args = SendMessageArgs {
            message: "hello, benchmark".into(),
        };
        let result = SendMessageResult {
            success: Some("received: hello, benchmark".into()),
        };
        (
            message(MessageType::Call, &args),
            message(MessageType::Reply, &result),
        )
    }

    /// Echoes each request's reply bytes, a thread per connection, until the process exits.
    pub fn serve() -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let (request, reply) = messages();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (len, reply) = (request.len(), reply.clone());
                std::thread::spawn(move || {
                    stream.set_nodelay(true).expect("nodelay");
                    let mut buf = vec![0; len];
                    while stream.read_exact(&mut buf).is_ok() {
                        if stream.write_all(&reply).is_err() {
                            break;
                        }
                    }
                });
            }
        });
        port
    }

    pub struct Client {
        stream: TcpStream,
        request: Vec<u8>,
        reply: Vec<u8>,
    }

    pub fn connect(port: u16) -> Box<dyn Caller> {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        let (request, reply) = messages();
        Box::new(Client {
            stream,
            request,
            reply: vec![0; reply.len()],
        })
    }

    impl Caller for Client {
        fn call(&mut self) -> String {
            self.stream.write_all(&self.request).expect("write");
            self.stream.read_exact(&mut self.reply).expect("read");
            // The reply's string is its last field, before the struct's stop byte.
            let text = &self.reply[self.reply.len() - 27..self.reply.len() - 1];
            String::from_utf8_lossy(text).into_owned()
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn ours_connect(port: u16, transport: TransportKind) -> impl Fn() -> Box<dyn Caller> + Sync {
    move || {
        Box::new(
            ours::ChatServiceClient::builder()
                .transport(transport)
                .connect_tcp(("127.0.0.1", port))
                .expect("connect"),
        ) as Box<dyn Caller>
    }
}

#[cfg(apache_thrift)]
mod apache_side {
    use super::{apache, Caller, Store};
    use thrift::protocol::{
        TBinaryInputProtocol, TBinaryInputProtocolFactory, TBinaryOutputProtocol,
        TBinaryOutputProtocolFactory,
    };
    use thrift::server::TServer;
    use thrift::transport::{
        ReadHalf, TBufferedReadTransport, TBufferedReadTransportFactory, TBufferedWriteTransport,
        TBufferedWriteTransportFactory, TFramedReadTransport, TFramedReadTransportFactory,
        TFramedWriteTransport, TFramedWriteTransportFactory, TIoChannel, TTcpChannel, WriteHalf,
    };

    use apache::TChatServiceSyncClient;

    type Buffered = apache::ChatServiceSyncClient<
        TBinaryInputProtocol<TBufferedReadTransport<ReadHalf<TTcpChannel>>>,
        TBinaryOutputProtocol<TBufferedWriteTransport<WriteHalf<TTcpChannel>>>,
    >;
    type Framed = apache::ChatServiceSyncClient<
        TBinaryInputProtocol<TFramedReadTransport<ReadHalf<TTcpChannel>>>,
        TBinaryOutputProtocol<TFramedWriteTransport<WriteHalf<TTcpChannel>>>,
    >;

    impl Caller for Buffered {
        fn call(&mut self) -> String {
            self.send_message("hello, benchmark".into())
                .expect("send_message")
        }
    }

    impl Caller for Framed {
        fn call(&mut self) -> String {
            self.send_message("hello, benchmark".into())
                .expect("send_message")
        }
    }

    /// Starts the Apache crate's thread-pool server; it runs until the process exits.
    pub fn serve(port: u16, framed: bool, workers: usize) {
        std::thread::spawn(move || {
            let processor = apache::ChatServiceSyncProcessor::new(Store::default());
            let addr = format!("127.0.0.1:{port}");
            let result = if framed {
                TServer::new(
                    TFramedReadTransportFactory::new(),
                    TBinaryInputProtocolFactory::new(),
                    TFramedWriteTransportFactory::new(),
                    TBinaryOutputProtocolFactory::new(),
                    processor,
                    workers,
                )
                .listen(&addr)
            } else {
                TServer::new(
                    TBufferedReadTransportFactory::new(),
                    TBinaryInputProtocolFactory::new(),
                    TBufferedWriteTransportFactory::new(),
                    TBinaryOutputProtocolFactory::new(),
                    processor,
                    workers,
                )
                .listen(&addr)
            };
            result.expect("apache server");
        });
        // The server binds on its own thread; wait until it accepts.
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the Apache server did not start");
    }

    pub fn connect(port: u16, framed: bool) -> Box<dyn Caller> {
        let mut channel = TTcpChannel::new();
        channel.open(format!("127.0.0.1:{port}")).expect("connect");
        let (read, write) = channel.split().expect("split");
        if framed {
            Box::new(apache::ChatServiceSyncClient::new(
                TBinaryInputProtocol::new(TFramedReadTransport::new(read), true),
                TBinaryOutputProtocol::new(TFramedWriteTransport::new(write), true),
            ))
        } else {
            Box::new(apache::ChatServiceSyncClient::new(
                TBinaryInputProtocol::new(TBufferedReadTransport::new(read), true),
                TBinaryOutputProtocol::new(TBufferedWriteTransport::new(write), true),
            ))
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and wants a
    // quick smoke run.
    let quick = !std::env::args().any(|a| a == "--bench");
    let calls: usize = std::env::var("RPC_CALLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 200 } else { 20_000 });
    let workers = 16;
    println!("send_message over loopback, binary protocol, {calls} calls per client thread");
    println!(
        "{:<10} {:<9} {:>7} {:>12} {:>9} {:>9} {:>12}",
        "impl", "transport", "threads", "calls/s", "p50 µs", "p99 µs", "vs apache"
    );
    // The floor first: raw TCP round trips of the same bytes, as calls/s no RPC stack can pass.
    let raw_port = raw::serve();
    for threads in [1, 16] {
        let m = measure(threads, calls, &|| raw::connect(raw_port));
        println!(
            "{:<10} {:<9} {threads:>7} {:>12.0} {:>9.1} {:>9.1} {:>12}",
            "raw tcp",
            "-",
            m.calls_per_second,
            m.p50.as_secs_f64() * 1e6,
            m.p99.as_secs_f64() * 1e6,
            "ceiling",
        );
    }
    for (name, transport) in [
        ("buffered", TransportKind::Buffered),
        ("framed", TransportKind::Framed),
    ] {
        let port = free_port();
        let server = Server::new(ours::ChatServiceProcessor::new(Store::default()))
            .protocol(ProtocolKind::Binary)
            .transport(transport)
            .workers(workers)
            .bind(("127.0.0.1", port))
            .expect("bind");
        #[cfg(apache_thrift)]
        let apache_port = {
            let port = free_port();
            apache_side::serve(port, transport == TransportKind::Framed, workers);
            port
        };
        for threads in [1, 16] {
            let ours = measure(threads, calls, &ours_connect(port, transport));
            #[cfg(apache_thrift)]
            let baseline = {
                let framed = transport == TransportKind::Framed;
                // Apache's framed client writes length and body separately without
                // TCP_NODELAY, so each call waits out a delayed ACK: keep its run short.
                let apache_calls = if framed { (calls / 100).max(20) } else { calls };
                let connect = move || apache_side::connect(apache_port, framed);
                Some(measure(threads, apache_calls, &connect))
            };
            #[cfg(not(apache_thrift))]
            let baseline: Option<Measured> = None;
            let report = |label: &str, m: &Measured, ratio: &str| {
                println!(
                    "{label:<10} {name:<9} {threads:>7} {:>12.0} {:>9.1} {:>9.1} {ratio:>12}",
                    m.calls_per_second,
                    m.p50.as_secs_f64() * 1e6,
                    m.p99.as_secs_f64() * 1e6,
                );
            };
            match &baseline {
                Some(apache) => {
                    let ratio = format!("{:.2}x", ours.calls_per_second / apache.calls_per_second);
                    report("thrift-rs", &ours, &ratio);
                    report("apache", apache, "1.00x");
                }
                None => report("thrift-rs", &ours, "n/a"),
            }
        }
        server.shutdown();
    }
}
