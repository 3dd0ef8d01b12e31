//! The telemetry destination on `std::net`: one socket bound once, served on one thread.
//!
//! Connections are served one after another with one buffer (Lambda delivers a subscription's
//! batches in order, one at a time); a peer that stalls is dropped after [`STALL`], so it
//! cannot hold the destination. Every batch is answered after its records were processed.

use core::time::Duration;
#[cfg(feature = "std")]
use std::io::{ErrorKind, Read, Write};
#[cfg(feature = "std")]
use std::net::{TcpListener, TcpStream};

use lambkin_core::extension::telemetry::Record;
#[cfg(feature = "std")]
use lambkin_core::extension::telemetry::{Lines, Listener, Progress, records};

/// Longest a connection may go without sending anything.
pub(crate) const STALL: Duration = Duration::from_secs(30);

/// How long the listener waits after a failed `accept` before the next.
pub(crate) const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// The buffer: a batch is at most `maxBytes` (1 MiB at most) of records, plus its head.
/// Allocated zeroed once, so only the pages a batch touches are resident.
pub(crate) const BUFFER: usize = 1_048_576 + 65_536;

/// What the processor is handed: each record of each batch, in order.
pub(crate) type Processor = Box<dyn FnMut(&Record<'_>) + Send>;

#[cfg(feature = "std")]
/// Serves `listener` until the process ends: HTTP batches (`tcp == false`) or NDJSON lines.
pub(crate) fn serve(listener: &TcpListener, tcp: bool, mut processor: Processor) {
    let mut buf = vec![0u8; BUFFER];
    for conn in listener.incoming() {
        let Ok(mut conn) = conn else {
            // Out of descriptors, say: retrying at once would spin.
            std::thread::sleep(ACCEPT_BACKOFF);
            continue;
        };
        let _ = conn.set_read_timeout(Some(STALL));
        if tcp {
            serve_lines(&mut conn, &mut buf, &mut processor);
        } else {
            serve_http(&mut conn, &mut buf, &mut processor);
        }
    }
}

#[cfg(feature = "std")]
/// Reads into `into`, retrying interruptions; a failed read is the end of the connection.
fn read(conn: &mut TcpStream, into: &mut [u8]) -> usize {
    loop {
        match conn.read(into) {
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            result => return result.unwrap_or(0),
        }
    }
}

#[cfg(feature = "std")]
fn deliver(batch: &mut [u8], processor: &mut Processor) {
    // An element that is no record is skipped by the walk; the rest still arrive.
    for record in records(batch).flatten() {
        processor(&record);
    }
}

#[cfg(feature = "std")]
/// HTTP/1.1 requests, each body a JSON array of records, answered 200 once processed.
pub(crate) fn serve_http(conn: &mut TcpStream, buf: &mut [u8], processor: &mut Processor) {
    let mut listener = Listener::new(buf);
    loop {
        let n = read(conn, listener.recv_buf());
        let mut progress = match listener.handle_recv(n) {
            Ok(p) => p,
            Err(e) => {
                let _ = conn.write_all(e.response());
                return;
            }
        };
        while progress == Progress::Complete {
            let close = listener.request().is_some_and(|r| r.close);
            deliver(listener.body_mut(), processor);
            if conn.write_all(Listener::OK).is_err() || close {
                return;
            }
            progress = match listener.next_request() {
                Ok(p) => p,
                Err(e) => {
                    let _ = conn.write_all(e.response());
                    return;
                }
            };
        }
        if progress == Progress::Closed {
            return;
        }
    }
}

#[cfg(feature = "std")]
/// Newline-delimited records; a line too long for the buffer is dropped, the rest kept.
pub(crate) fn serve_lines(conn: &mut TcpStream, buf: &mut [u8], processor: &mut Processor) {
    let mut lines = Lines::new(buf);
    loop {
        let n = read(conn, lines.recv_buf());
        lines.handle_recv(n);
        while let Some(line) = lines.next_line() {
            if let Ok(line) = line {
                deliver(line, processor);
            }
        }
        if lines.is_finished() || n == 0 {
            return;
        }
    }
}
