//! A thread-pool server: a fixed set of workers, each serving one connection at a time, and
//! a bounded queue of accepted connections. Load beyond both is refused, so no client can
//! make the server spawn threads or queue without bound.

use std::collections::HashMap;
use std::net::{Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
#[cfg(unix)]
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::{Processor, ServerCall};
use crate::encoding::ProtocolKind;
use crate::error::Result;
use crate::limits::Limits;
use crate::transport::{Connection, Listener, Socket, SocketOptions, Transport, TransportKind};

/// A thread-pool server for one processor; configure it, then [`Server::bind`] or
/// [`Server::listen`].
pub struct Server<P> {
    processor: Arc<P>,
    protocol: ProtocolKind,
    transport: TransportKind,
    workers: usize,
    backlog: usize,
    socket: SocketOptions,
    message_timeout: Option<Duration>,
    limits: Limits,
}

impl<P: Processor<Connection>> Server<P> {
    /// Binary protocol, buffered transport, 64 workers, up to 256 connections waiting for a
    /// worker, 60 s read and write timeouts so an idle or stalled client frees its worker,
    /// and 60 s for each request from its first byte to the end of its reply, so a client
    /// that trickles bytes (one a second) cannot hold a worker either.
    pub fn new(processor: P) -> Self {
        Server {
            processor: Arc::new(processor),
            protocol: ProtocolKind::default(),
            transport: TransportKind::default(),
            workers: 64,
            backlog: 256,
            socket: SocketOptions {
                read_timeout: Some(Duration::from_secs(60)),
                write_timeout: Some(Duration::from_secs(60)),
                ..SocketOptions::default()
            },
            message_timeout: Some(Duration::from_secs(60)),
            limits: Limits::DEFAULT,
        }
    }

    /// Sets the protocol clients must speak.
    pub fn protocol(mut self, protocol: ProtocolKind) -> Self {
        self.protocol = protocol;
        self
    }

    /// Sets the transport clients must use.
    pub fn transport(mut self, transport: TransportKind) -> Self {
        self.transport = transport;
        self
    }

    /// Sets how many connections are served at once (at least 1).
    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = workers.max(1);
        self
    }

    /// Sets how many accepted connections may wait for a worker; more are closed at once.
    pub fn backlog(mut self, backlog: usize) -> Self {
        self.backlog = backlog;
        self
    }

    /// Bounds each wait for request bytes (`None`: forever).
    pub fn read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.socket.read_timeout = timeout;
        self
    }

    /// Bounds each wait to send reply bytes (`None`: forever).
    pub fn write_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.socket.write_timeout = timeout;
        self
    }

    /// Bounds the time from a request's first byte to the end of its reply, handler
    /// included (`None`: no bound). A connection past it is closed.
    pub fn message_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.message_timeout = timeout;
        self
    }

    /// Bounds what requests may make the server allocate or recurse into.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Listens on a TCP address (port 0 picks a free one) and starts serving.
    pub fn bind(self, addr: impl ToSocketAddrs) -> Result<ServerHandle> {
        self.listen(Listener::bind_tcp(addr)?)
    }

    /// Listens on a Unix domain socket and starts serving.
    #[cfg(unix)]
    pub fn bind_unix(self, path: impl AsRef<Path>) -> Result<ServerHandle> {
        let path = path.as_ref().to_owned();
        let mut handle = self.listen(Listener::bind_unix(&path)?)?;
        handle.shared.wake = Wake::Unix(path);
        Ok(handle)
    }

    /// Starts serving connections from `listener` on background threads.
    pub fn listen(self, listener: Listener) -> Result<ServerHandle> {
        let local_addr = listener.local_addr();
        let wake = match local_addr {
            Some(addr) => Wake::Tcp(addr),
            None => Wake::None,
        };
        let capacity = self.workers + self.backlog;
        let shared = Arc::new(Shared {
            stopping: AtomicBool::new(false),
            next_id: AtomicU64::new(0),
            admitted: AtomicUsize::new(0),
            capacity,
            live: Mutex::new(HashMap::new()),
            epoch: Instant::now(),
        });
        // Room for every admitted connection, so handing one over never blocks.
        let (queue, waiting) = sync_channel::<Socket>(capacity);
        let waiting = Arc::new(Mutex::new(waiting));
        let workers = (0..self.workers)
            .map(|i| {
                let worker = Worker {
                    processor: Arc::clone(&self.processor),
                    protocol: self.protocol,
                    transport: self.transport,
                    limits: self.limits,
                    message_timeout: self.message_timeout,
                    shared: Arc::clone(&shared),
                };
                let waiting = Arc::clone(&waiting);
                thread::Builder::new()
                    .name(format!("thrift-worker-{i}"))
                    .spawn(move || worker.run(&waiting))
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        let mut workers = workers;
        if let Some(timeout) = self.message_timeout {
            let watched = Arc::clone(&shared);
            workers.push(
                thread::Builder::new()
                    .name("thrift-watchdog".into())
                    .spawn(move || watchdog(&watched, timeout))?,
            );
        }
        let accept_shared = Arc::clone(&shared);
        let socket = self.socket;
        let acceptor = thread::Builder::new()
            .name("thrift-accept".into())
            .spawn(move || accept_loop(&listener, &socket, &queue, &accept_shared))?;
        Ok(ServerHandle {
            local_addr,
            shared: HandleShared {
                state: shared,
                wake,
            },
            acceptor: Some(acceptor),
            workers,
        })
    }
}

/// Serves `processor` on `addr` with the defaults until the process ends: the one-liner,
/// like thriftpy2's `make_server(...).serve()`.
pub fn serve<P: Processor<Connection>>(addr: impl ToSocketAddrs, processor: P) -> Result<()> {
    Server::new(processor).bind(addr)?.wait();
    Ok(())
}

struct Shared {
    stopping: AtomicBool,
    next_id: AtomicU64,
    /// Connections being served or waiting for a worker.
    admitted: AtomicUsize,
    /// Workers plus backlog: the most connections admitted at once.
    capacity: usize,
    /// Every connection being served, to unblock its worker on shutdown or past a deadline.
    live: Mutex<HashMap<u64, Arc<Live>>>,
    /// When the server started; deadlines count milliseconds from here.
    epoch: Instant,
}

/// A connection being served, as the shutdown path and the watchdog see it.
struct Live {
    /// A second handle to the socket.
    socket: Socket,
    /// Milliseconds since `epoch` by which the current request must be answered; 0 while
    /// the connection waits for a request.
    deadline: AtomicU64,
}

impl Shared {
    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

/// How to wake an accept loop blocked in `accept`: connect to it.
#[derive(Clone)]
enum Wake {
    None,
    Tcp(SocketAddr),
    #[cfg(unix)]
    Unix(PathBuf),
}

#[derive(Clone)]
struct HandleShared {
    state: Arc<Shared>,
    wake: Wake,
}

impl HandleShared {
    fn trigger(&self) {
        if self.state.stopping.swap(true, Ordering::SeqCst) {
            return;
        }
        match &self.wake {
            Wake::None => {}
            Wake::Tcp(addr) => {
                let _ = TcpStream::connect_timeout(addr, Duration::from_secs(1));
            }
            #[cfg(unix)]
            Wake::Unix(path) => {
                let _ = std::os::unix::net::UnixStream::connect(path);
            }
        }
        // Readers see end of stream; a handler still running finishes and sends its reply.
        let live = self.state.live.lock().unwrap_or_else(|e| e.into_inner());
        for connection in live.values() {
            let _ = connection.socket.shutdown(Shutdown::Read);
        }
    }
}

fn accept_loop(
    listener: &Listener,
    options: &SocketOptions,
    queue: &SyncSender<Socket>,
    shared: &Shared,
) {
    loop {
        let accepted = listener.accept(options);
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        match accepted {
            // Every worker is busy and the backlog is full: closing the connection tells the
            // client at once instead of letting it hang.
            Ok(socket) if shared.admitted.load(Ordering::SeqCst) >= shared.capacity => drop(socket),
            Ok(socket) => {
                shared.admitted.fetch_add(1, Ordering::SeqCst);
                if queue.send(socket).is_err() {
                    return;
                }
            }
            // Out of file descriptors and the like: back off instead of spinning.
            Err(_) => thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Closes connections whose request is past its deadline, so a client that trickles its
/// request (or reads the reply that slowly) frees its worker.
fn watchdog(shared: &Shared, timeout: Duration) {
    let tick = (timeout / 4).clamp(Duration::from_millis(10), Duration::from_millis(250));
    while !shared.stopping.load(Ordering::SeqCst) {
        thread::sleep(tick);
        let now = shared.now_ms();
        let live = shared.live.lock().unwrap_or_else(|e| e.into_inner());
        for connection in live.values() {
            let deadline = connection.deadline.load(Ordering::Relaxed);
            if deadline != 0 && now > deadline {
                let _ = connection.socket.shutdown(Shutdown::Both);
            }
        }
    }
}

struct Worker<P> {
    processor: Arc<P>,
    protocol: ProtocolKind,
    transport: TransportKind,
    limits: Limits,
    message_timeout: Option<Duration>,
    shared: Arc<Shared>,
}

impl<P: Processor<Connection>> Worker<P> {
    fn run(&self, waiting: &Mutex<Receiver<Socket>>) {
        loop {
            let next = waiting.lock().unwrap_or_else(|e| e.into_inner()).recv();
            let Ok(socket) = next else {
                return;
            };
            self.serve_admitted(socket);
            self.shared.admitted.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Serves a connection the accept loop admitted, unless the server is stopping.
    fn serve_admitted(&self, socket: Socket) {
        if self.shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let id = self.shared.next_id.fetch_add(1, Ordering::Relaxed);
        let Ok(clone) = socket.try_clone() else {
            return;
        };
        let live = Arc::new(Live {
            socket: clone,
            deadline: AtomicU64::new(0),
        });
        self.live().insert(id, Arc::clone(&live));
        // A race with shutdown: it may have run between the check and the insert.
        if self.shared.stopping.load(Ordering::SeqCst) {
            let _ = socket.shutdown(Shutdown::Read);
        }
        self.serve(socket, &live);
        self.live().remove(&id);
    }

    fn live(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Live>>> {
        self.shared.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Serves one connection until the client leaves or breaks it.
    fn serve(&self, socket: Socket, live: &Live) {
        let mut transport = Connection::new(self.transport, socket, self.limits);
        loop {
            // Idle between requests: only the read timeout applies.
            match transport.wait_for_message() {
                Ok(true) => {}
                Ok(false) | Err(_) => return,
            }
            // The first byte of a request is here: its clock starts, header included.
            if let Some(timeout) = self.message_timeout {
                let timeout = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
                let deadline = self.shared.now_ms().saturating_add(timeout);
                live.deadline.store(deadline.max(1), Ordering::Relaxed);
            }
            let processed = ServerCall::begin(&mut transport, self.protocol, self.limits)
                .and_then(|mut call| self.processor.process(&mut call));
            live.deadline.store(0, Ordering::Relaxed);
            if processed.is_err() {
                return;
            }
        }
    }
}

/// A running server: its address, and the way to stop it.
pub struct ServerHandle {
    local_addr: Option<SocketAddr>,
    shared: HandleShared,
    acceptor: Option<JoinHandle<()>>,
    workers: Vec<JoinHandle<()>>,
}

/// Stops a server from any thread (cloneable, `Send`).
#[derive(Clone)]
pub struct ShutdownTrigger(HandleShared);

impl ShutdownTrigger {
    /// Asks the server to stop: no new connections are accepted and idle connections close;
    /// calls in progress finish and send their replies.
    pub fn shutdown(&self) {
        self.0.trigger()
    }
}

impl ServerHandle {
    /// The TCP address served (with the real port when bound to port 0).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local_addr
    }

    /// A handle that can stop the server from another thread.
    pub fn trigger(&self) -> ShutdownTrigger {
        ShutdownTrigger(self.shared.clone())
    }

    /// Stops the server and waits until every worker has finished.
    pub fn shutdown(mut self) {
        self.shared.trigger();
        self.join();
    }

    /// Blocks until the server is stopped through a [`ShutdownTrigger`].
    pub fn wait(mut self) {
        self.join();
    }

    fn join(&mut self) {
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

impl Drop for ServerHandle {
    /// Dropping the handle stops the server, so tests and examples never leak threads.
    fn drop(&mut self) {
        if self.acceptor.is_some() {
            self.shared.trigger();
            self.join();
        }
    }
}
