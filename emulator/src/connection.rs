//! The one HTTP/1.1 connection loop behind both servers (the Runtime API in
//! [`server`](crate::server), the Invoke API in [`rie`](crate::rie)): accept, one thread per
//! connection, read a request, dispatch it, write the answer, keep the connection alive.
//! Requests on a connection are answered one at a time, in order (no runtime we know
//! pipelines, but bytes after a request wait in the buffer for their turn).

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream, ToSocketAddrs};
use std::thread;

use crate::stream::chunked::{ChunkError, Decoder, Frame};
use crate::wire::{self, Framing, ParseError, Request};

/// What one server does on one connection.
pub(crate) trait Service {
    /// Bodies above this are refused with [`refuse`](Self::refuse)'s answer.
    const MAX_BODY: usize;
    /// How much one `read` asks the socket for.
    const READ_CHUNK: usize;

    /// The connection, for reading requests and writing answers.
    fn stream(&mut self) -> &mut TcpStream;

    /// Answers one request on [`stream`](Self::stream); `false` closes the connection.
    fn respond(&mut self, request: Request) -> bool;

    /// The answer to bytes that are not an acceptable request; the connection closes after it.
    fn refuse(&self, error: &ParseError) -> Refusal;

    /// Whether this chunked request (head only) is answered by
    /// [`respond_streamed`](Self::respond_streamed), reading its body as it arrives, instead
    /// of [`respond`](Self::respond) once it is whole.
    fn streams(&self, _head: &Request) -> bool {
        false
    }

    /// Answers a request whose body `body` reads as it arrives; `false` closes the connection
    /// (as does returning before the body was read to its end).
    fn respond_streamed(&mut self, _head: Request, _body: &mut Body<'_>) -> bool {
        false
    }
}

/// A chunked request body read from the connection as it arrives. Bytes after it stay in the
/// connection's buffer for the next request.
pub(crate) struct Body<'a> {
    buf: &'a mut Vec<u8>,
    /// Bytes of `buf` handed out by the last [`next`](Self::next), dropped on the next call.
    used: usize,
    decoder: Decoder,
    read_chunk: usize,
}

/// What [`Body::next`] read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Data of the current chunk.
    Data(&'a [u8]),
    /// The current chunk ended.
    ChunkEnd,
    /// The body ended; its trailers are in [`Body::trailers`].
    Done,
}

/// Why a body could not be read to its end.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// The chunked framing is malformed.
    Framing(ChunkError),
    /// The client closed the connection (or reading failed) first.
    Closed,
}

impl<'a> Body<'a> {
    fn new(buf: &'a mut Vec<u8>, read_chunk: usize) -> Self {
        Self {
            buf,
            used: 0,
            decoder: Decoder::new(),
            read_chunk,
        }
    }

    /// The next piece, reading from `stream` when the buffer holds none.
    pub(crate) fn next(&mut self, stream: &mut impl Read) -> Result<Piece<'_>, BodyError> {
        self.buf.drain(..self.used);
        self.used = 0;
        loop {
            if self.decoder.is_done() {
                return Ok(Piece::Done);
            }
            let (used, frame) = self.decoder.decode(self.buf).map_err(BodyError::Framing)?;
            match frame {
                Frame::Data(data) => {
                    // The data is the tail of what was consumed.
                    let start = used.saturating_sub(data.len());
                    self.used = used;
                    return Ok(Piece::Data(self.buf.get(start..used).unwrap_or_default()));
                }
                Frame::ChunkEnd => {
                    self.buf.drain(..used);
                    return Ok(Piece::ChunkEnd);
                }
                Frame::Done => {
                    self.buf.drain(..used);
                    return Ok(Piece::Done);
                }
                Frame::Partial => {
                    self.buf.drain(..used);
                    let old = self.buf.len();
                    self.buf.resize(old + self.read_chunk, 0);
                    let read = stream.read(self.buf.get_mut(old..).unwrap_or_default());
                    let n = read.unwrap_or(0);
                    self.buf.truncate(old + n);
                    if n == 0 {
                        return Err(BodyError::Closed);
                    }
                }
            }
        }
    }

    /// Whether the body was read to its end.
    pub(crate) fn is_done(&self) -> bool {
        self.decoder.is_done()
    }

    /// The trailer fields, once the body is done.
    pub(crate) fn trailers(&self) -> &[(String, String)] {
        self.decoder.trailers()
    }
}

/// An answer to an unreadable request.
pub(crate) struct Refusal {
    pub(crate) status: u16,
    pub(crate) headers: &'static [(&'static str, &'static str)],
    pub(crate) body: String,
}

/// Connections the kernel completes before they are accepted. std's 128 overflows when a
/// crowd of callers connects at once: Linux then drops their handshakes, and some are reset.
const BACKLOG: i32 = 1024;

/// Binds a listener whose accept queue holds 1,024 connections (at most
/// `net.core.somaxconn`), for servers that face many callers at once.
pub fn listen(addr: impl ToSocketAddrs) -> io::Result<TcpListener> {
    let listener = TcpListener::bind(addr)?;
    // Linux takes a second listen() on a listening socket as its new backlog.
    rustix::net::listen(&listener, BACKLOG)?;
    Ok(listener)
}

/// Accepts connections on `listener` and serves each on its own thread named `name`, with the
/// service `open` makes for it, until `open` declines (`Ok`) or accepting or spawning fails.
pub(crate) fn accept<S: Service + Send + 'static>(
    listener: &TcpListener,
    name: &str,
    mut open: impl FnMut(TcpStream) -> Option<S>,
) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept()?;
        let _ = stream.set_nodelay(true);
        let Some(service) = open(stream) else {
            return Ok(());
        };
        thread::Builder::new()
            .name(name.into())
            .spawn(move || serve(service))?;
    }
}

/// Serves requests on one connection until either side closes it.
fn serve<S: Service>(mut service: S) {
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; S::READ_CHUNK];
    // Whether this request's `Expect: 100-continue` was answered.
    let mut continued = false;
    loop {
        if let Ok(Some(head)) = wire::parse_head(&buf)
            && head.chunked
            && service.streams(&head.request)
        {
            if wire::expects_continue(&buf)
                && service
                    .stream()
                    .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                    .is_err()
            {
                break;
            }
            buf.drain(..head.len);
            let close = head.request.close;
            let mut body = Body::new(&mut buf, S::READ_CHUNK);
            let open = service.respond_streamed(head.request, &mut body);
            if !open || close || !body.is_done() {
                break;
            }
            continued = false;
            continue;
        }
        match wire::parse_request(&buf, S::MAX_BODY) {
            Ok(Some((request, used))) => {
                buf.drain(..used);
                continued = false;
                let close = request.close;
                if !service.respond(request) || close {
                    break;
                }
            }
            Ok(None) => {
                // The head was accepted (a body too large would have been refused by now).
                if !continued && wire::expects_continue(&buf) {
                    continued = true;
                    if service
                        .stream()
                        .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                        .is_err()
                    {
                        break;
                    }
                }
                match service.stream().read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or_default()),
                }
            }
            Err(e) => {
                let refusal = service.refuse(&e);
                let framing = Framing {
                    close: true,
                    ..Framing::default()
                };
                let _ = wire::write_response(
                    service.stream(),
                    refusal.status,
                    refusal.headers,
                    refusal.body.as_bytes(),
                    &framing,
                );
                break;
            }
        }
    }
    let _ = service.stream().shutdown(Shutdown::Both);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Answers each request with its path; refuses with the status as the body.
    struct Echo {
        stream: TcpStream,
    }

    impl Service for Echo {
        const MAX_BODY: usize = 8;
        // Smaller than any request, so every request arrives in several reads.
        const READ_CHUNK: usize = 3;

        fn stream(&mut self) -> &mut TcpStream {
            &mut self.stream
        }

        fn respond(&mut self, request: Request) -> bool {
            let framing = Framing::default();
            let body = request.path.as_bytes();
            wire::write_response(&mut self.stream, 200, &[], body, &framing).is_ok()
        }

        fn refuse(&self, error: &ParseError) -> Refusal {
            let status = if matches!(error, ParseError::TooLarge { .. }) {
                413
            } else {
                400
            };
            Refusal {
                status,
                headers: &[("X-Refused", "yes")],
                body: status.to_string(),
            }
        }
    }

    /// Sends `bytes` on a new connection and reads until the server closes it.
    fn exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        // A server that fails to close fails the test instead of hanging it.
        let wait = std::time::Duration::from_secs(10);
        stream.set_read_timeout(Some(wait)).unwrap();
        stream.write_all(bytes).unwrap();
        let mut got = String::new();
        let _ = stream.read_to_string(&mut got);
        got
    }

    #[test]
    fn serves_in_order_keeps_alive_refuses_and_stops() {
        let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
        let addr = listener.local_addr().unwrap();
        let server = thread::spawn(move || {
            let mut opened = 0;
            accept(&listener, "test-conn", |stream| {
                opened += 1;
                (opened <= 3).then_some(Echo { stream })
            })
        });
        let ok = |path: &str| {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{path}",
                path.len()
            )
        };
        let refused = |status: u16, reason: &str| {
            format!(
                "HTTP/1.1 {status} {reason}\r\nX-Refused: yes\r\nConnection: close\r\nContent-Length: 3\r\n\r\n{status}"
            )
        };
        // Two requests in one write, then one asking to close: all answered on one connection.
        let sent = b"GET /a HTTP/1.1\r\n\r\nPOST /bb HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi\
                     GET /c HTTP/1.1\r\nConnection: close\r\n\r\nGET /never HTTP/1.1\r\n\r\n";
        assert_eq!(exchange(addr, sent), ok("/a") + &ok("/bb") + &ok("/c"));
        // A body above MAX_BODY, after a good request: answered, then refused and closed.
        let sent = b"GET /d HTTP/1.1\r\n\r\nPOST /e HTTP/1.1\r\nContent-Length: 9\r\n\r\n123456789";
        assert_eq!(
            exchange(addr, sent),
            ok("/d") + &refused(413, "Request Entity Too Large")
        );
        let sent = b"NOT HTTP\r\n\r\n";
        assert_eq!(exchange(addr, sent), refused(400, "Bad Request"));
        // The fourth connection is declined: the accept loop ends without an error.
        drop(TcpStream::connect(addr).unwrap());
        assert!(server.join().unwrap().is_ok());
    }
}
