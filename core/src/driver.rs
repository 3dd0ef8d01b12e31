//! The session loop over an embedded-io byte stream, written once for every transport.
//!
//! A transport supplies a [`Platform`] (blocking) or [`AsyncPlatform`]: how to connect, how to
//! run the handler's future (catching panics, applying deadlines), and where notices go. It
//! never sees HTTP.

use core::fmt;
use core::future::Future;

use crate::config::RuntimeApi;
use crate::context::Context;
use crate::diagnostic;
use crate::handler::{self, Handler, Outcome};
use crate::session::{self, Event, Notice, Session};

/// Why the handler's future did not finish: it panicked or ran out of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abort {
    /// The `errorType` to report (e.g. [`crate::diagnostic::error_type::PANIC`]).
    pub error_type: &'static str,
    /// The `errorMessage`, truncated to fit.
    pub message: heapless::String<512>,
}

impl Abort {
    /// An abort with a message, truncated at 512 bytes.
    pub fn new(error_type: &'static str, message: &str) -> Self {
        Self {
            error_type,
            message: diagnostic::truncated(message),
        }
    }
}

/// What a blocking transport provides.
// `Abort` carries its message inline (no alloc in core); it only travels on the panic path.
#[allow(clippy::result_large_err)]
pub trait Platform {
    /// A connected byte stream.
    type Stream: embedded_io::Read + embedded_io::Write;
    /// Why a connection could not be made.
    type ConnectError: fmt::Display;

    /// Opens a connection to the Runtime API.
    fn connect(&mut self, api: &RuntimeApi<'_>) -> Result<Self::Stream, Self::ConnectError>;

    /// Runs `f` to completion on this thread; `Err` if it panicked or timed out.
    fn run<F: Future>(&mut self, ctx: &Context<'_>, f: F) -> Result<F::Output, Abort>;

    /// Something worth logging.
    fn notice(&mut self, notice: &Notice);
}

/// What an async transport provides.
#[allow(clippy::result_large_err)]
pub trait AsyncPlatform {
    /// A connected byte stream.
    type Stream: embedded_io_async::Read + embedded_io_async::Write;
    /// Why a connection could not be made.
    type ConnectError: fmt::Display;

    /// Opens a connection to the Runtime API.
    fn connect(
        &mut self,
        api: &RuntimeApi<'_>,
    ) -> impl Future<Output = Result<Self::Stream, Self::ConnectError>>;

    /// Awaits `f`; `Err` if it panicked or timed out.
    fn run<F: Future>(
        &mut self,
        ctx: &Context<'_>,
        f: F,
    ) -> impl Future<Output = Result<F::Output, Abort>>;

    /// Something worth logging.
    fn notice(&mut self, notice: &Notice);
}

/// Why a driver stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stop<E> {
    /// The session stopped (a 500 from the Runtime API, a reported init error, …).
    Session(session::Error),
    /// The Runtime API could not be reached.
    Connect(E),
}

impl<E: fmt::Display> fmt::Display for Stop<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Session(e) => e.fmt(f),
            Self::Connect(e) => write!(f, "cannot connect to the Runtime API: {e}"),
        }
    }
}

impl<E: fmt::Display + fmt::Debug> core::error::Error for Stop<E> {}

/// One step the loop takes that does not need the stream or the handler.
enum Step {
    Transmit,
    Reconnect,
    Invoke,
    Receive,
    Stop(session::Error),
}

fn next_step(session: &mut Session<'_>, notice: &mut impl FnMut(&Notice)) -> Step {
    loop {
        if session.poll_transmit().is_some() {
            return Step::Transmit;
        }
        match session.poll_event() {
            Some(Event::Notice(n)) => notice(&n),
            Some(Event::Reconnect) => return Step::Reconnect,
            Some(Event::Invocation) => return Step::Invoke,
            Some(Event::Fatal(e)) => return Step::Stop(e),
            None => return Step::Receive,
        }
    }
}

fn finish(session: &mut Session<'_>, result: Result<Outcome, Abort>) {
    match result {
        Ok(Outcome::Response(len)) => session.respond(len),
        Ok(Outcome::Error { error_type, len }) => session.respond_error(&error_type, len),
        Err(abort) => session.fail(abort.error_type, &abort.message.as_str()),
    }
}

/// Runs the session until it stops, over blocking streams from `platform`.
pub fn run<P: Platform, H: Handler>(
    session: &mut Session<'_>,
    platform: &mut P,
    handler: &H,
) -> Stop<P::ConnectError> {
    use embedded_io::{Read, Write};
    let mut stream: Option<P::Stream> = None;
    loop {
        match next_step(session, &mut |n| platform.notice(n)) {
            Step::Transmit => {
                let sent = match (&mut stream, session.poll_transmit()) {
                    (Some(s), Some(bytes)) => s.write_all(bytes).and_then(|()| s.flush()).is_ok(),
                    _ => false,
                };
                if sent {
                    session.handle_transmitted();
                } else {
                    session.handle_disconnected();
                }
            }
            Step::Reconnect => {
                drop(stream.take());
                match platform.connect(&session.config().runtime_api) {
                    Ok(s) => {
                        stream = Some(s);
                        session.handle_connected();
                    }
                    Err(e) => return Stop::Connect(e),
                }
            }
            Step::Invoke => {
                let result = match session.invocation() {
                    Some(inv) => {
                        let ctx = inv.context;
                        platform.run(&ctx, handler::invoke(handler, inv))
                    }
                    None => continue,
                };
                finish(session, result);
            }
            Step::Receive => {
                let Some(s) = &mut stream else {
                    session.handle_disconnected();
                    continue;
                };
                match s.read(session.recv_buf()) {
                    Ok(n) => session.handle_recv(n),
                    Err(_) => session.handle_disconnected(),
                }
            }
            Step::Stop(e) => return Stop::Session(e),
        }
    }
}

/// Runs the session until it stops, over async streams from `platform`.
pub async fn run_async<P: AsyncPlatform, H: Handler>(
    session: &mut Session<'_>,
    platform: &mut P,
    handler: &H,
) -> Stop<P::ConnectError> {
    use embedded_io_async::{Read, Write};
    let mut stream: Option<P::Stream> = None;
    loop {
        match next_step(session, &mut |n| platform.notice(n)) {
            Step::Transmit => {
                let sent = match (&mut stream, session.poll_transmit()) {
                    (Some(s), Some(bytes)) => {
                        s.write_all(bytes).await.is_ok() && s.flush().await.is_ok()
                    }
                    _ => false,
                };
                if sent {
                    session.handle_transmitted();
                } else {
                    session.handle_disconnected();
                }
            }
            Step::Reconnect => {
                drop(stream.take());
                match platform.connect(&session.config().runtime_api).await {
                    Ok(s) => {
                        stream = Some(s);
                        session.handle_connected();
                    }
                    Err(e) => return Stop::Connect(e),
                }
            }
            Step::Invoke => {
                let result = match session.invocation() {
                    Some(inv) => {
                        let ctx = inv.context;
                        platform.run(&ctx, handler::invoke(handler, inv)).await
                    }
                    None => continue,
                };
                finish(session, result);
            }
            Step::Receive => {
                let Some(s) = &mut stream else {
                    session.handle_disconnected();
                    continue;
                };
                match s.read(session.recv_buf()).await {
                    Ok(n) => session.handle_recv(n),
                    Err(_) => session.handle_disconnected(),
                }
            }
            Step::Stop(e) => return Stop::Session(e),
        }
    }
}

/// A handler for sessions that never invoke (reporting an init error).
#[derive(Debug, Clone, Copy)]
pub struct NoHandler;

impl Handler for NoHandler {
    type Event<'a> = crate::handler::Raw<'a>;
    type Output<'a> = crate::handler::Raw<'a>;
    type Error = &'static str;

    async fn call<'a>(
        &'a self,
        _: Self::Event<'a>,
        _: &'a Context<'a>,
    ) -> Result<Self::Output<'a>, Self::Error> {
        Err("no handler: this session only reports an init error")
    }
}
