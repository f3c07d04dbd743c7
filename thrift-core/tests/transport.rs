//! Transports over memory, pipes, TCP and Unix sockets.

use std::io::{self, Cursor, Read, Write};
use std::net::TcpListener;
use std::os::unix::net::UnixStream;
use std::thread;
use std::time::{Duration, Instant};

use thrift_core::binary::{BinaryInputProtocol, BinaryOutputProtocol};
use thrift_core::compact::{CompactInputProtocol, CompactOutputProtocol};
use thrift_core::io::Input;
use thrift_core::transport::{
    BufferedTransport, FramedTransport, Listener, MemoryTransport, Socket, SocketOptions, Transport,
};
use thrift_core::value::Value;
use thrift_core::{ErrorKind, InputProtocol, Limits, MessageType, OutputProtocol, ThriftType};

/// Reads scripted bytes, at most `step` per call, and records each write call separately.
struct Scripted {
    input: Cursor<Vec<u8>>,
    step: usize,
    writes: Vec<Vec<u8>>,
    reads: usize,
}

impl Scripted {
    fn new(input: Vec<u8>, step: usize) -> Self {
        Scripted {
            input: Cursor::new(input),
            step,
            writes: Vec::new(),
            reads: 0,
        }
    }
}

impl Read for Scripted {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reads += 1;
        let n = self.step.min(buf.len());
        self.input.read(&mut buf[..n])
    }
}

impl Write for Scripted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writes.push(buf.to_vec());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn sample() -> Value {
    Value::Struct(vec![
        (1, Value::string("Hello, Thrift!")),
        (2, Value::I64(42)),
    ])
}

/// Writes a call message carrying `sample()` and flushes it.
fn send<T: Transport>(transport: &mut T) {
    let mut w = BinaryOutputProtocol::new(&mut *transport);
    w.write_message_begin("send_message", MessageType::Call, 7)
        .unwrap();
    sample().write(&mut w).unwrap();
    w.write_message_end().unwrap();
    transport.flush().unwrap();
}

fn receive<T: Transport>(transport: &mut T) -> (String, Value) {
    assert!(transport.next_message().unwrap());
    let mut r = BinaryInputProtocol::new(&mut *transport);
    let header = r.read_message_begin().unwrap();
    let value = Value::read(&mut r).unwrap();
    r.read_message_end().unwrap();
    (header.name, value)
}

#[test]
fn framed_sends_one_write_per_message_and_reads_short_reads() {
    let mut out = FramedTransport::new(Scripted::new(Vec::new(), 1));
    send(&mut out);
    send(&mut out);
    let writes = out.into_inner().writes;
    assert_eq!(writes.len(), 2, "length and body go out in one write");
    let frame = &writes[0];
    assert_eq!(
        u32::from_be_bytes(frame[..4].try_into().unwrap()) as usize,
        frame.len() - 4
    );
    // Read both frames back through a reader that returns one byte per call.
    let wire: Vec<u8> = writes.concat();
    let mut input = FramedTransport::new(Scripted::new(wire, 1));
    for _ in 0..2 {
        let (name, value) = receive(&mut input);
        assert_eq!(name, "send_message");
        assert_eq!(value, sample());
    }
    assert!(!input.next_message().unwrap(), "clean end of stream");
}

#[test]
fn framed_receives_small_frames_whole_and_big_ones_as_they_grow() {
    let mut out = FramedTransport::new(Scripted::new(Vec::new(), 1));
    send(&mut out);
    send(&mut out);
    let wire: Vec<u8> = out.into_inner().writes.concat();
    // A stream that hands over everything at once: both frames, lengths included, arrive in
    // one read, and the second is served from what was left over.
    let mut input = FramedTransport::new(Scripted::new(wire, usize::MAX));
    for _ in 0..2 {
        assert_eq!(receive(&mut input).1, sample());
    }
    assert!(!input.next_message().unwrap());
    assert_eq!(
        input.into_inner().reads,
        2,
        "one read for both frames, one for the end"
    );

    // A frame far bigger than the receive buffer's first size, arriving in uneven pieces,
    // followed by a small one.
    let big = Value::Struct(vec![(1, Value::string(&"x".repeat(100_000)))]);
    let mut out = FramedTransport::new(Scripted::new(Vec::new(), 1));
    let mut w = BinaryOutputProtocol::new(&mut out);
    big.write(&mut w).unwrap();
    out.flush().unwrap();
    send(&mut out);
    let wire: Vec<u8> = out.into_inner().writes.concat();
    for step in [1, 7, 4096, 70_000] {
        let mut input = FramedTransport::new(Scripted::new(wire.clone(), step));
        assert!(input.next_message().unwrap());
        let mut r = BinaryInputProtocol::new(&mut input);
        assert_eq!(Value::read(&mut r).unwrap(), big, "step {step}");
        input.finish_message();
        assert_eq!(receive(&mut input).1, sample(), "step {step}");
        assert!(!input.next_message().unwrap());
    }
}

/// Hands out one scripted chunk per read, as a socket does when its peer sends one message
/// at a time.
struct Chunked {
    chunks: std::collections::VecDeque<Vec<u8>>,
    reads: usize,
}

impl Read for Chunked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reads += 1;
        let Some(chunk) = self.chunks.front_mut() else {
            return Ok(0);
        };
        let n = chunk.len().min(buf.len());
        buf[..n].copy_from_slice(&chunk[..n]);
        chunk.drain(..n);
        if chunk.is_empty() {
            self.chunks.pop_front();
        }
        Ok(n)
    }
}

impl Write for Chunked {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn framed_takes_each_small_frame_in_one_read_however_many_came_before() {
    let mut out = FramedTransport::new(Scripted::new(Vec::new(), 1));
    // Enough frames to fill the first receive buffer many times over.
    for _ in 0..500 {
        send(&mut out);
    }
    let chunks = out.into_inner().writes.into_iter().collect();
    let mut input = FramedTransport::new(Chunked { chunks, reads: 0 });
    for _ in 0..500 {
        assert_eq!(receive(&mut input).1, sample());
    }
    assert!(!input.next_message().unwrap());
    assert_eq!(
        input.into_inner().reads,
        501,
        "one read per frame, one for the end"
    );
}

#[test]
fn framed_messages_end_with_their_frame() {
    // A frame whose struct lacks its stop byte, then a whole message: reading past the first
    // frame's end fails at once, rather than taking the next frame's bytes for its own.
    let mut wire = 8u32.to_be_bytes().to_vec();
    wire.extend([11, 0, 1, 0, 0, 0, 1, b'x']);
    let mut out = FramedTransport::new(Scripted::new(Vec::new(), 1));
    send(&mut out);
    wire.extend(out.into_inner().writes.concat());
    let mut input = FramedTransport::new(Scripted::new(wire, usize::MAX));
    assert!(input.next_message().unwrap());
    let err = Value::read(&mut BinaryInputProtocol::new(&mut input)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnexpectedEof, "{err}");
    assert_eq!(err.offset(), Some(8), "{err}");
    input.finish_message();
    assert_eq!(receive(&mut input).1, sample());
    // A message's first read loads its frame when nothing asked for it before.
    let mut out = FramedTransport::new(Scripted::new(Vec::new(), 1));
    send(&mut out);
    let wire = out.into_inner().writes.concat();
    let mut input = FramedTransport::new(Scripted::new(wire, 3));
    let header = BinaryInputProtocol::new(&mut input).read_message_begin();
    assert_eq!(header.unwrap().name, "send_message");
}

#[test]
fn framed_binaries_share_their_frame_and_outlive_it() {
    let mut out = FramedTransport::new(Scripted::new(Vec::new(), 1));
    for fill in [1u8, 2, 3] {
        let mut w = BinaryOutputProtocol::new(&mut out);
        w.write_binary(&[fill; 100]).unwrap();
        w.write_binary(&[fill; 100]).unwrap();
        out.flush().unwrap();
    }
    let wire: Vec<u8> = out.into_inner().writes.concat();
    // One frame per read, so later frames land in the buffer while earlier values live on.
    let mut input = FramedTransport::new(Scripted::new(wire, 4 + 2 * (4 + 100)));
    let mut kept = Vec::new();
    for fill in [1u8, 2, 3] {
        assert!(input.next_message().unwrap());
        let mut r = BinaryInputProtocol::new(&mut input);
        let a = r.read_bytes().unwrap();
        let b = r.read_bytes().unwrap();
        // Slices of one frame: the second starts right after the first and its length.
        assert_eq!(b.as_ptr(), a.as_ptr().wrapping_add(100 + 4), "zero-copy");
        input.finish_message();
        kept.push((fill, a, b));
    }
    assert!(!input.next_message().unwrap());
    for (fill, a, b) in kept {
        assert!(a.iter().chain(&b).all(|&byte| byte == fill), "frame {fill}");
    }
}

#[test]
fn framed_rejects_oversized_and_negative_frames_before_allocating() {
    let limits = Limits {
        max_frame_size: 1024,
        ..Limits::DEFAULT
    };
    for (header, kind) in [
        (2048u32.to_be_bytes(), ErrorKind::SizeLimit),
        (u32::MAX.to_be_bytes(), ErrorKind::NegativeSize),
        (0x7fff_ffffu32.to_be_bytes(), ErrorKind::SizeLimit),
    ] {
        let mut t = FramedTransport::with_limits(Scripted::new(header.to_vec(), 64), limits);
        let err = t.next_message().unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
    }
    // Writing an oversized frame fails too, and the transport stays usable.
    let mut t = FramedTransport::with_limits(Scripted::new(Vec::new(), 64), limits);
    let mut w = CompactOutputProtocol::new(&mut t);
    w.write_binary(&[0u8; 2000]).unwrap();
    assert_eq!(t.flush().unwrap_err().kind(), ErrorKind::SizeLimit);
    send(&mut t);
    assert_eq!(t.into_inner().writes.len(), 1);
}

#[test]
fn framed_half_frame_is_unexpected_eof() {
    let mut wire = 100u32.to_be_bytes().to_vec();
    wire.extend([0u8; 10]);
    let mut t = FramedTransport::new(Scripted::new(wire, 3));
    assert_eq!(
        t.next_message().unwrap_err().kind(),
        ErrorKind::UnexpectedEof
    );
    let mut t = FramedTransport::new(Scripted::new(vec![0, 0], 3));
    assert_eq!(
        t.next_message().unwrap_err().kind(),
        ErrorKind::UnexpectedEof
    );
}

#[test]
fn framed_bounds_lengths_by_the_frame() {
    // A frame of 5 bytes holding a list header that claims 1,000 i32s.
    let mut wire = 5u32.to_be_bytes().to_vec();
    wire.extend([8, 0, 0, 3, 0xe8]);
    let mut t = FramedTransport::new(Scripted::new(wire, 64));
    assert!(t.next_message().unwrap());
    assert_eq!(t.remaining(), Some(5));
    let mut r = BinaryInputProtocol::new(&mut t);
    let err = Vec::<i32>::read(&mut r);
    // The element type byte is i32, the count 1,000: more than the frame holds.
    assert_eq!(err.unwrap_err().kind(), ErrorKind::SizeLimit);
}

#[test]
fn buffered_round_trip_over_a_unix_socket_pair() {
    let (a, b) = UnixStream::pair().unwrap();
    let server = thread::spawn(move || {
        let mut t = BufferedTransport::new(b);
        let mut seen = Vec::new();
        while t.next_message().unwrap() {
            let mut r = CompactInputProtocol::new(&mut t);
            let header = r.read_message_begin().unwrap();
            seen.push((header.name, header.seq, Value::read(&mut r).unwrap()));
        }
        seen
    });
    let mut t = BufferedTransport::new(a);
    for seq in 0..100 {
        let mut w = CompactOutputProtocol::new(&mut t);
        w.write_message_begin("m", MessageType::Oneway, seq)
            .unwrap();
        sample().write(&mut w).unwrap();
        t.flush().unwrap();
    }
    drop(t);
    let seen = server.join().unwrap();
    assert_eq!(seen.len(), 100);
    assert!(seen
        .iter()
        .enumerate()
        .all(|(i, (name, seq, v))| name == "m" && *seq == i as i32 && *v == sample()));
}

#[test]
fn tcp_sockets_with_timeouts() {
    let listener = Listener::bind_tcp("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = thread::spawn(move || {
        let socket = listener.accept(&SocketOptions::default()).unwrap();
        let mut t = FramedTransport::new(socket);
        let (name, value) = receive(&mut t);
        assert_eq!(name, "send_message");
        // Echo the value back, then go quiet so the client's read times out.
        let mut w = BinaryOutputProtocol::new(&mut t);
        w.write_message_begin(&name, MessageType::Reply, 7).unwrap();
        value.write(&mut w).unwrap();
        t.flush().unwrap();
        thread::sleep(Duration::from_millis(400));
    });
    let options = SocketOptions {
        connect_timeout: Some(Duration::from_secs(2)),
        read_timeout: Some(Duration::from_millis(100)),
        write_timeout: Some(Duration::from_secs(2)),
        ..SocketOptions::default()
    };
    let socket = Socket::connect_tcp(addr, &options).unwrap();
    let mut t = FramedTransport::new(socket);
    send(&mut t);
    let (_, value) = receive(&mut t);
    assert_eq!(value, sample());
    let started = Instant::now();
    let err = t.next_message().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TimedOut, "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));
    server.join().unwrap();
}

#[test]
fn connect_to_a_closed_port_fails_cleanly() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = Socket::connect_tcp(("127.0.0.1", port), &SocketOptions::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.io_error().is_some());
}

#[test]
fn unix_listener_accepts() {
    let dir = std::env::temp_dir().join(format!("thrift-core-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sock");
    let _ = std::fs::remove_file(&path);
    let listener = Listener::bind_unix(&path).unwrap();
    let client_path = path.clone();
    let client = thread::spawn(move || {
        let socket = Socket::connect_unix(&client_path, &SocketOptions::default()).unwrap();
        let mut t = BufferedTransport::new(socket);
        send(&mut t);
    });
    let socket = listener.accept(&SocketOptions::default()).unwrap();
    let mut t = BufferedTransport::new(socket);
    assert_eq!(receive(&mut t).1, sample());
    client.join().unwrap();
    assert!(!t.next_message().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn memory_transport_collects_and_replays() {
    let mut t = MemoryTransport::new(Vec::new());
    send(&mut t);
    let written = t.take_written();
    let mut replay = MemoryTransport::new(written);
    assert_eq!(receive(&mut replay).1, sample());
    assert!(!replay.next_message().unwrap());
}
