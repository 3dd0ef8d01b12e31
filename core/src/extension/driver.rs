//! Runs one Extensions API exchange over an embedded-io stream: sends the request the
//! [`Session`] holds and reads until its answer is in.
//!
//! One loop, [`exchange_async`], as for the Runtime API ([`crate::driver`]); [`exchange`] runs
//! it over a blocking stream through [`Blocking`], whose every call is ready at once.
//! Connecting stays with the caller: on [`Event::Reconnect`] it opens a new stream, calls
//! [`Session::handle_connected`], and runs the exchange again.

use core::future::Future;
use core::pin::pin;
use core::task::{Context, Poll, Waker};

use embedded_io::Error as _;

use super::{Event, Session};
use crate::driver::Blocking;

/// Sends the pending request over a blocking `stream` and reads its answer: the session's
/// event once there is one (the answer, a failure, or [`Event::Reconnect`]); `None` if
/// nothing was asked.
pub fn exchange<'s, S: embedded_io::Read + embedded_io::Write>(
    session: &'s mut Session<'_>,
    stream: &mut S,
) -> Option<Event<'s>> {
    let mut stream = Blocking(stream);
    let exchange = pin!(exchange_async(session, &mut stream));
    match exchange.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(event) => event,
        // Unreachable: a `Blocking` stream never makes the loop wait.
        Poll::Pending => None,
    }
}

/// [`exchange`] over an async `stream`.
pub async fn exchange_async<'s, S: embedded_io_async::Read + embedded_io_async::Write>(
    session: &'s mut Session<'_>,
    stream: &mut S,
) -> Option<Event<'s>> {
    loop {
        if let Some(bytes) = session.poll_transmit() {
            let sent = match stream.write_all(bytes).await {
                Ok(()) => stream.flush().await,
                Err(e) => Err(e),
            };
            match sent {
                Ok(()) => session.handle_transmitted(),
                Err(e) => session.handle_io_error(e.kind()),
            }
        } else if session.is_awaiting() {
            match stream.read(session.recv_buf()).await {
                Ok(n) => session.handle_recv(n),
                Err(e) => session.handle_io_error(e.kind()),
            }
        } else {
            return session.poll_event();
        }
    }
}
