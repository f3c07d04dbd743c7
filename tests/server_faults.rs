//! The server under attack: slow clients, floods, malformed and oversized frames, resets in
//! the middle of a reply, panicking handlers. After each, the server must still answer a
//! normal client correctly.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use thrift_core::server::{Server, ServerHandle};
use thrift_core::{ApplicationExceptionKind, ProtocolKind, TransportKind};

#[allow(dead_code)]
#[path = "support/store.rs"]
mod store_service;

use store_service::{Item, StoreClient, StoreHandler, StoreProcessor};

fn server(transport: TransportKind, workers: usize, backlog: usize) -> (ServerHandle, SocketAddr) {
    let server = Server::new(StoreProcessor::new(StoreHandler::default()))
        .transport(transport)
        .workers(workers)
        .backlog(backlog)
        .read_timeout(Some(Duration::from_millis(500)))
        .message_timeout(Some(Duration::from_millis(300)))
        .bind("127.0.0.1:0")
        .expect("bind");
    let addr = server.local_addr().expect("tcp");
    (server, addr)
}

fn client(addr: SocketAddr, transport: TransportKind) -> StoreClient {
    StoreClient::builder()
        .transport(transport)
        .read_timeout(Duration::from_secs(5))
        .connect_tcp(addr)
        .expect("connect")
}

/// A fresh client gets correct answers: the server is up and healthy.
fn assert_healthy(addr: SocketAddr, transport: TransportKind) {
    let mut c = client(addr, transport);
    assert_eq!(c.add(40, 2).unwrap(), 42);
    assert_eq!(c.echo("ok".into(), 2).unwrap(), "okok");
}

/// A valid `add(1, 2)` call in the binary protocol, framed or not.
fn call_bytes(transport: TransportKind) -> Vec<u8> {
    let mut message = vec![
        0x80, 0x01, 0x00, 0x01, 0, 0, 0, 3, b'a', b'd', b'd', 0, 0, 0, 1,
    ];
    message.extend([8, 0, 1, 0, 0, 0, 1, 8, 0, 2, 0, 0, 0, 2, 0]);
    match transport {
        TransportKind::Framed => {
            let mut framed = (message.len() as u32).to_be_bytes().to_vec();
            framed.extend(message);
            framed
        }
        TransportKind::Buffered => message,
    }
}

/// Sends a valid call one byte at a time, `gap` apart; returns whether a reply came.
fn trickle(addr: SocketAddr, transport: TransportKind, gap: Duration) -> bool {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    for byte in call_bytes(transport) {
        if stream.write_all(&[byte]).is_err() {
            return false;
        }
        thread::sleep(gap);
    }
    let mut reply = [0u8; 64];
    matches!(stream.read(&mut reply), Ok(n) if n > 0)
}

/// The flood test counts the process's threads, so the tests here run one at a time.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// The server's threads in this process, once they have all started: the pool names them
/// `thrift-...`, each thread as it starts, so the count is read until it holds still. The
/// test harness's own threads come and go as tests start, so they are not counted.
fn settled_server_threads() -> usize {
    let mut count = server_threads();
    for _ in 0..40 {
        thread::sleep(Duration::from_millis(50));
        let now = server_threads();
        if now == count {
            break;
        }
        count = now;
    }
    count
}

fn server_threads() -> usize {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .filter(|name| name.starts_with("thrift-"))
        .count()
}

#[test]
fn a_slow_client_is_cut_off_and_frees_its_worker() {
    let _serial = serial();
    let (_server, addr) = server(TransportKind::Buffered, 1, 4);
    // One byte every 100 ms never trips a read timeout, but the request deadline ends it.
    let slow =
        thread::spawn(move || trickle(addr, TransportKind::Buffered, Duration::from_millis(100)));
    thread::sleep(Duration::from_millis(50));
    // Waiting behind it in the backlog, a normal client is served once the slow one is cut.
    let started = Instant::now();
    assert_healthy(addr, TransportKind::Buffered);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(
        !slow.join().unwrap(),
        "the trickling request must not be answered"
    );
}

#[test]
fn a_flood_of_connections_is_refused_without_new_threads() {
    let _serial = serial();
    let (_server, addr) = server(TransportKind::Framed, 4, 4);
    let before = settled_server_threads();
    let flood: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(addr).ok())
        .collect();
    thread::sleep(Duration::from_millis(100));
    let during = server_threads();
    assert!(before > 0, "no server threads found");
    assert!(
        during <= before,
        "server threads grew from {before} to {during}"
    );
    // Connections beyond workers + backlog were closed by the server.
    let closed = flood
        .iter()
        .filter(|s| {
            s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
            matches!((&**s).read(&mut [0u8; 1]), Ok(0) | Err(_))
        })
        .count();
    assert!(
        closed >= 292,
        "only {closed} of 300 were refused or idle-closed"
    );
    drop(flood);
    thread::sleep(Duration::from_millis(600));
    assert_healthy(addr, TransportKind::Framed);
}

#[test]
fn a_reset_in_the_middle_of_a_reply_is_survived() {
    let _serial = serial();
    let (_server, addr) = server(TransportKind::Framed, 2, 4);
    let mut loader = client(addr, TransportKind::Framed);
    for id in 1..=2000 {
        loader
            .put(Item {
                id,
                label: Some("x".repeat(100)),
            })
            .unwrap();
    }
    // Ask for a ~250 KB reply and hang up without reading it.
    for _ in 0..5 {
        let mut c = client(addr, TransportKind::Framed);
        c.client_mut()
            .transport_mut()
            .get_mut()
            .configure(&thrift_core::transport::SocketOptions {
                read_timeout: Some(Duration::from_millis(1)),
                ..Default::default()
            })
            .unwrap();
        let _ = c.all();
        drop(c);
    }
    assert_eq!(loader.all().unwrap().len(), 2000);
    assert_healthy(addr, TransportKind::Framed);
}

/// The fault run: each fault in turn, with a health check after each.
fn fault_run(transport: TransportKind) {
    let (server, addr) = server(transport, 4, 8);
    let attacks: [(&str, Vec<u8>); 4] = [
        (
            "garbage",
            b"\x16\x03\x01\x02\x00 not thrift at all \xff\xfe".to_vec(),
        ),
        ("half frame", vec![0, 0, 1, 0, 0x80, 0x01, 0x00]),
        ("oversized frame", vec![0x7f, 0xff, 0xff, 0xff, 1, 2, 3]),
        ("truncated call", call_bytes(transport)[..9].to_vec()),
    ];
    for (name, bytes) in attacks {
        let mut bad = TcpStream::connect(addr).unwrap();
        let _ = bad.write_all(&bytes);
        thread::sleep(Duration::from_millis(20));
        drop(bad);
        assert_healthy(addr, transport);
        eprintln!("survived: {name}");
    }
    assert!(!trickle(addr, transport, Duration::from_millis(60)));
    assert_healthy(addr, transport);
    let flood: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(addr).ok())
        .collect();
    drop(flood);
    thread::sleep(Duration::from_millis(600));
    assert_healthy(addr, transport);
    let mut c = client(addr, transport);
    let err = c.crash("panic".into()).unwrap_err();
    assert_eq!(
        err.application_exception().unwrap().kind,
        ApplicationExceptionKind::InternalError
    );
    assert_eq!(c.add(1, 1).unwrap(), 2);
    assert_healthy(addr, transport);
    server.shutdown();
}

#[test]
fn scripted_fault_run_buffered() {
    let _serial = serial();
    fault_run(TransportKind::Buffered);
}

#[test]
fn scripted_fault_run_framed() {
    let _serial = serial();
    fault_run(TransportKind::Framed);
}

#[test]
fn compact_servers_survive_binary_clients() {
    let _serial = serial();
    // A client speaking the wrong protocol is a malformed request, nothing more.
    let server = Server::new(StoreProcessor::new(StoreHandler::default()))
        .protocol(ProtocolKind::Compact)
        .transport(TransportKind::Framed)
        .bind("127.0.0.1:0")
        .unwrap();
    let addr = server.local_addr().unwrap();
    let mut wrong = client(addr, TransportKind::Framed);
    assert!(wrong.add(1, 2).is_err());
    let mut right = StoreClient::builder()
        .compact()
        .framed()
        .connect_tcp(addr)
        .unwrap();
    assert_eq!(right.add(1, 2).unwrap(), 3);
}
