//! The session loop over a byte stream, written once for every transport.
//!
//! A transport supplies a [`Platform`]: how to connect, how to run the handler's future
//! (catching panics, applying deadlines), and where notices go. It never sees HTTP. There is one
//! loop, [`run`], over `embedded_io_async` streams; a blocking transport wraps its
//! `embedded_io` stream in [`Blocking`] (every call completes at once) and polls the loop on its
//! own thread, so blocking and async transports share every line of it.

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
    pub message: heapless::String<{ handler::MAX_FAILURE_MESSAGE }>,
}

impl Abort {
    /// An abort with a message, truncated at [`handler::MAX_FAILURE_MESSAGE`] bytes.
    pub fn new(error_type: &'static str, message: &str) -> Self {
        Self {
            error_type,
            message: diagnostic::truncated(message),
        }
    }
}

impl From<Abort> for Outcome {
    fn from(abort: Abort) -> Self {
        Outcome::Failed {
            error_type: diagnostic::truncated(abort.error_type),
            message: abort.message,
        }
    }
}

/// What a transport provides.
// `Abort` carries its message inline (no alloc in core); it only travels on the panic path.
#[allow(clippy::result_large_err)]
pub trait Platform {
    /// A connected byte stream ([`Blocking`] makes one of a blocking stream).
    type Stream: embedded_io_async::Read + embedded_io_async::Write;
    /// Why a connection could not be made.
    type ConnectError: fmt::Display;
    /// The stream's calls complete on their first poll ([`Blocking`]): a streamed response is
    /// then written from inside the handler's writes (so a blocking `std::io::Write` works).
    const BLOCKING: bool = false;

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

    /// The outcome of an invocation whose future did not finish: by default the session
    /// reports `abort`'s type and message. A platform that knows more (a panic's backtrace)
    /// writes its own report into `out` with [`Outcome::report`].
    fn aborted(&mut self, abort: Abort, ctx: &Context<'_>, out: &mut [u8]) -> Outcome {
        let _ = (ctx, out);
        abort.into()
    }
}

/// A blocking `embedded_io` stream seen as an `embedded_io_async` one: each call blocks, then
/// completes on its first poll.
#[derive(Debug)]
pub struct Blocking<S>(pub S);

impl<S: embedded_io::ErrorType> embedded_io_async::ErrorType for Blocking<S> {
    type Error = S::Error;
}

impl<S: embedded_io::Read> embedded_io_async::Read for Blocking<S> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, S::Error> {
        self.0.read(buf)
    }
}

impl<S: embedded_io::Write> embedded_io_async::Write for Blocking<S> {
    async fn write(&mut self, buf: &[u8]) -> Result<usize, S::Error> {
        self.0.write(buf)
    }

    async fn flush(&mut self) -> Result<(), S::Error> {
        self.0.flush()
    }
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

/// Runs the session until it stops, over streams from `platform`: the call order documented on
/// [`Session`], as a loop.
pub async fn run<P: Platform, H: Handler>(
    session: &mut Session<'_>,
    platform: &mut P,
    handler: &H,
) -> Stop<P::ConnectError> {
    use embedded_io_async::{Read, Write};
    let mut stream: Option<P::Stream> = None;
    loop {
        if let Some(bytes) = session.poll_transmit() {
            let sent = match &mut stream {
                Some(s) => s.write_all(bytes).await.is_ok() && s.flush().await.is_ok(),
                None => false,
            };
            if sent {
                session.handle_transmitted();
            } else {
                session.handle_disconnected();
            }
            continue;
        }
        match session.poll_event() {
            Some(Event::Notice(n)) => platform.notice(&n),
            Some(Event::Reconnect) => {
                drop(stream.take());
                match platform.connect(&session.config().runtime_api).await {
                    Ok(s) => {
                        stream = Some(s);
                        session.handle_connected();
                    }
                    Err(e) => return Stop::Connect(e),
                }
            }
            Some(Event::Invocation) => {
                if let Some(inv) = session.invocation() {
                    let ctx = inv.context;
                    let progress = crate::stream::Progress::default();
                    let io = crate::stream::Io::new(stream.as_mut(), &progress, P::BLOCKING);
                    let ran = platform.run(&ctx, handler::invoke(handler, inv, io)).await;
                    let outcome = match ran {
                        Ok(outcome) => outcome,
                        // The handler's borrows are over: the buffers are the platform's.
                        Err(abort) => match session.invocation() {
                            // A streamed response can only end with trailers now.
                            Some(inv) if progress.started() => {
                                let message = abort.message.as_str();
                                let s = stream.as_mut();
                                crate::stream::end_aborted(
                                    abort.error_type,
                                    message,
                                    s,
                                    inv.out,
                                    &progress,
                                )
                                .await
                            }
                            Some(inv) => platform.aborted(abort, &inv.context, inv.out),
                            None => abort.into(),
                        },
                    };
                    session.complete(outcome);
                }
            }
            Some(Event::Fatal(e)) => return Stop::Session(e),
            None => {
                let read = match &mut stream {
                    Some(s) => s.read(session.recv_buf()).await.ok(),
                    None => None,
                };
                match read {
                    Some(n) => session.handle_recv(n),
                    None => session.handle_disconnected(),
                }
            }
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
