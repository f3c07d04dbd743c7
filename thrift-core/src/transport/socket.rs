//! TCP and Unix domain sockets with connect, read and write timeouts.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
#[cfg(unix)]
use std::os::unix::net::{UnixListener, UnixStream};
#[cfg(unix)]
use std::path::Path;
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};

/// Socket settings for clients and for connections a server accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SocketOptions {
    /// How long to wait for a TCP connection to be established (`None`: the OS default).
    pub connect_timeout: Option<Duration>,
    /// How long a read may wait for data (`None`: forever).
    pub read_timeout: Option<Duration>,
    /// How long a write may wait for room (`None`: forever).
    pub write_timeout: Option<Duration>,
    /// Disables Nagle's algorithm on TCP, so a small request is sent at once. On by default:
    /// transports already write each message in one call.
    pub nodelay: bool,
}

impl Default for SocketOptions {
    fn default() -> Self {
        SocketOptions {
            connect_timeout: None,
            read_timeout: None,
            write_timeout: None,
            nodelay: true,
        }
    }
}

/// A connected stream socket: TCP, or a Unix domain socket.
#[derive(Debug)]
pub enum Socket {
    /// A TCP connection.
    Tcp(TcpStream),
    /// A Unix domain socket connection.
    #[cfg(unix)]
    Unix(UnixStream),
}

impl Socket {
    /// Connects over TCP to the first address of `addr` that accepts.
    pub fn connect_tcp(addr: impl ToSocketAddrs, options: &SocketOptions) -> Result<Socket> {
        let mut last_error = None;
        for addr in addr.to_socket_addrs()? {
            let attempt = match options.connect_timeout {
                Some(timeout) => TcpStream::connect_timeout(&addr, timeout),
                None => TcpStream::connect(addr),
            };
            match attempt {
                Ok(stream) => {
                    let socket = Socket::Tcp(stream);
                    socket.configure(options)?;
                    return Ok(socket);
                }
                Err(e) => last_error = Some(e),
            }
        }
        Err(match last_error {
            Some(e) => e.into(),
            None => Error::new(ErrorKind::Io, "address resolved to nothing"),
        })
    }

    /// Connects to the Unix domain socket at `path`.
    #[cfg(unix)]
    pub fn connect_unix(path: impl AsRef<Path>, options: &SocketOptions) -> Result<Socket> {
        let socket = Socket::Unix(UnixStream::connect(path)?);
        socket.configure(options)?;
        Ok(socket)
    }

    /// Applies the read/write timeouts and `nodelay` of `options`.
    pub fn configure(&self, options: &SocketOptions) -> Result<()> {
        match self {
            Socket::Tcp(s) => {
                s.set_read_timeout(options.read_timeout)?;
                s.set_write_timeout(options.write_timeout)?;
                s.set_nodelay(options.nodelay)?;
            }
            #[cfg(unix)]
            Socket::Unix(s) => {
                s.set_read_timeout(options.read_timeout)?;
                s.set_write_timeout(options.write_timeout)?;
            }
        }
        Ok(())
    }

    /// A second handle to the same connection (e.g. to shut it down from another thread).
    pub fn try_clone(&self) -> Result<Socket> {
        Ok(match self {
            Socket::Tcp(s) => Socket::Tcp(s.try_clone()?),
            #[cfg(unix)]
            Socket::Unix(s) => Socket::Unix(s.try_clone()?),
        })
    }

    /// Shuts down reading, writing or both.
    pub fn shutdown(&self, how: Shutdown) -> Result<()> {
        match self {
            Socket::Tcp(s) => s.shutdown(how)?,
            #[cfg(unix)]
            Socket::Unix(s) => s.shutdown(how)?,
        }
        Ok(())
    }

    /// The peer's address, for logs.
    pub fn peer(&self) -> String {
        match self {
            Socket::Tcp(s) => s
                .peer_addr()
                .map_or_else(|_| "unknown peer".into(), |a| a.to_string()),
            #[cfg(unix)]
            Socket::Unix(_) => "unix socket peer".into(),
        }
    }
}

impl Read for Socket {
    #[inline]
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Socket::Tcp(s) => s.read(buf),
            #[cfg(unix)]
            Socket::Unix(s) => s.read(buf),
        }
    }
}

impl Write for Socket {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Socket::Tcp(s) => s.write(buf),
            #[cfg(unix)]
            Socket::Unix(s) => s.write(buf),
        }
    }

    #[inline]
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Socket::Tcp(s) => s.flush(),
            #[cfg(unix)]
            Socket::Unix(s) => s.flush(),
        }
    }
}

/// A listening socket that accepts [`Socket`]s.
#[derive(Debug)]
pub enum Listener {
    /// Listens for TCP connections.
    Tcp(TcpListener),
    /// Listens on a Unix domain socket path.
    #[cfg(unix)]
    Unix(UnixListener),
}

impl Listener {
    /// Listens on a TCP address; port 0 picks a free port (see [`Listener::local_addr`]).
    pub fn bind_tcp(addr: impl ToSocketAddrs) -> Result<Listener> {
        Ok(Listener::Tcp(TcpListener::bind(addr)?))
    }

    /// Listens on a Unix domain socket at `path`.
    #[cfg(unix)]
    pub fn bind_unix(path: impl AsRef<Path>) -> Result<Listener> {
        Ok(Listener::Unix(UnixListener::bind(path)?))
    }

    /// The TCP address listened on (`None` for a Unix socket).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        match self {
            Listener::Tcp(l) => l.local_addr().ok(),
            #[cfg(unix)]
            Listener::Unix(_) => None,
        }
    }

    /// Waits for a connection and applies `options` to it.
    pub fn accept(&self, options: &SocketOptions) -> Result<Socket> {
        let socket = match self {
            Listener::Tcp(l) => Socket::Tcp(l.accept()?.0),
            #[cfg(unix)]
            Listener::Unix(l) => Socket::Unix(l.accept()?.0),
        };
        socket.configure(options)?;
        Ok(socket)
    }

    /// Switches between blocking and non-blocking `accept` (servers poll a shutdown flag).
    pub fn set_nonblocking(&self, nonblocking: bool) -> Result<()> {
        match self {
            Listener::Tcp(l) => l.set_nonblocking(nonblocking)?,
            #[cfg(unix)]
            Listener::Unix(l) => l.set_nonblocking(nonblocking)?,
        }
        Ok(())
    }
}
