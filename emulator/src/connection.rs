//! The one HTTP/1.1 connection loop behind both servers (the Runtime API in
//! [`server`](crate::server), the Invoke API in [`rie`](crate::rie)): accept, one thread per
//! connection, read a request, dispatch it, write the answer, keep the connection alive.
//! Requests on a connection are served in order; no runtime we know pipelines.

use std::io::{self, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::thread;

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
}

/// An answer to an unreadable request.
pub(crate) struct Refusal {
    pub(crate) status: u16,
    pub(crate) headers: &'static [(&'static str, &'static str)],
    pub(crate) body: String,
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
    loop {
        match wire::parse_request(&buf, S::MAX_BODY) {
            Ok(Some((request, used))) => {
                buf.drain(..used);
                let close = request.close;
                if !service.respond(request) || close {
                    break;
                }
            }
            Ok(None) => match service.stream().read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            },
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
