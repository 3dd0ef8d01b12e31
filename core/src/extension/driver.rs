//! Runs one Extensions API exchange over an embedded-io stream: sends the request the
//! [`Session`] holds and reads until its answer is in.
//!
//! Both drivers take the same steps (what to do next, and how a write or read result reaches
//! the session) from one set of functions; they differ only in awaiting. Connecting stays with the caller: on
//! [`Event::Reconnect`] it opens a new stream, calls [`Session::handle_connected`], and runs
//! the exchange again.

use embedded_io::ErrorKind;

use super::{Event, Session};

/// What the exchange needs next.
enum Step {
    Transmit,
    Receive,
    Done,
}

fn step(session: &Session<'_>) -> Step {
    if session.poll_transmit().is_some() {
        Step::Transmit
    } else if session.is_awaiting() {
        Step::Receive
    } else {
        Step::Done
    }
}

fn transmitted(session: &mut Session<'_>, result: Result<(), ErrorKind>) {
    match result {
        Ok(()) => session.handle_transmitted(),
        Err(kind) => session.handle_io_error(kind),
    }
}

fn received(session: &mut Session<'_>, result: Result<usize, ErrorKind>) {
    match result {
        Ok(n) => session.handle_recv(n),
        Err(kind) => session.handle_io_error(kind),
    }
}

/// Sends the pending request over a blocking `stream` and reads its answer: the session's
/// event once there is one (the answer, a failure, or [`Event::Reconnect`]); `None` if
/// nothing was asked.
pub fn exchange<'s, S: embedded_io::Read + embedded_io::Write>(
    session: &'s mut Session<'_>,
    stream: &mut S,
) -> Option<Event<'s>> {
    loop {
        match step(session) {
            Step::Transmit => {
                let bytes = session.poll_transmit().unwrap_or_default();
                let sent = stream.write_all(bytes).and_then(|()| stream.flush());
                transmitted(session, sent.map_err(|e| embedded_io::Error::kind(&e)));
            }
            Step::Receive => {
                let read = stream.read(session.recv_buf());
                received(session, read.map_err(|e| embedded_io::Error::kind(&e)));
            }
            Step::Done => return session.poll_event(),
        }
    }
}

/// [`exchange`] over an async `stream`.
pub async fn exchange_async<'s, S: embedded_io_async::Read + embedded_io_async::Write>(
    session: &'s mut Session<'_>,
    stream: &mut S,
) -> Option<Event<'s>> {
    loop {
        match step(session) {
            Step::Transmit => {
                let bytes = session.poll_transmit().unwrap_or_default();
                let sent = match stream.write_all(bytes).await {
                    Ok(()) => stream.flush().await,
                    Err(e) => Err(e),
                };
                transmitted(session, sent.map_err(|e| embedded_io::Error::kind(&e)));
            }
            Step::Receive => {
                let read = stream.read(session.recv_buf()).await;
                received(session, read.map_err(|e| embedded_io::Error::kind(&e)));
            }
            Step::Done => return session.poll_event(),
        }
    }
}
