//! The async run, generic over the runtime's sockets ([`Net`]): the same protocol steps as
//! the blocking one, with the events loop and the telemetry listener joined in one future, so
//! no executor or `spawn` is needed and neither processor has to be `Send`.

use std::io;

use embedded_io_async::{Read, Write};
use lambkin_core::extension::telemetry::{Lines, Listener, Progress, records};
use lambkin_core::extension::{Event, ExtensionError, Session, driver};
use lambkin_core::{Diagnostic, RuntimeApi};

use crate::builder::{Destination, Events, registered, subscribed};
use crate::listener::{BUFFER, Processor, STALL};
use crate::{
    Error, Extension, LISTENER_FAILED, NextEvent, PROCESSOR_FAILED, SUBSCRIBE_FAILED, refusal,
    reported,
};

/// A runtime's sockets.
pub(crate) trait Net {
    type Stream: Read + Write;
    type Listener;
    async fn connect(host: &str, port: u16) -> io::Result<Self::Stream>;
    fn bind(port: u16) -> io::Result<(Self::Listener, u16)>;
    async fn accept(listener: &Self::Listener) -> io::Result<Self::Stream>;
    /// Reads, giving up (as the end of the stream) after [`STALL`] without bytes.
    async fn read(stream: &mut Self::Stream, into: &mut [u8]) -> usize;
    /// Waits `ACCEPT_BACKOFF`: a failing `accept` (out of descriptors) retried at once would
    /// spin and starve the events loop sharing this future.
    async fn back_off();
}

const TX: usize = 2048;
const RX: usize = 8192;

/// Registers, subscribes, then loops on `event/next` until SHUTDOWN.
pub(crate) async fn run<N: Net>(extension: Extension) -> Result<(), Error> {
    let plan = extension.plan()?;
    let api = RuntimeApi::parse(&plan.authority).map_err(|e| format!("{e}"))?;
    let (mut rx, mut tx) = (vec![0u8; RX], vec![0u8; TX]);
    let mut conn: Option<N::Stream> = None;
    let identifier = {
        let mut session = Session::new(api, &mut rx, &mut tx);
        session.register(&plan.registration())?;
        exchange::<N, _>(&mut conn, &api, &mut session, registered).await?
    };
    let mut listen = None;
    if let Some((telemetry, processor)) = plan.telemetry {
        // Registered: from here a failure is reported on init/error, as Lambda asks.
        let mut session = Session::with_identifier(api, &identifier, &mut rx, &mut tx)?;
        let (listener, port) = match N::bind(telemetry.port) {
            Ok(bound) => bound,
            Err(e) => {
                let e = format!(
                    "cannot bind the telemetry listener on {}: {e}",
                    telemetry.port
                );
                let e = give_up::<N>(
                    &mut conn,
                    &api,
                    &mut session,
                    true,
                    LISTENER_FAILED,
                    e.into(),
                );
                return Err(e.await);
            }
        };
        session.subscribe(&telemetry.subscription(port))?;
        if let Err(e) = exchange::<N, _>(&mut conn, &api, &mut session, subscribed).await {
            let e = give_up::<N>(&mut conn, &api, &mut session, true, SUBSCRIBE_FAILED, e);
            return Err(e.await);
        }
        listen = Some((
            listener,
            telemetry.destination == Destination::Tcp,
            processor,
        ));
    }
    let mut events = plan.events;
    let events_loop = async {
        let mut session = Session::with_identifier(api, &identifier, &mut rx, &mut tx)?;
        loop {
            session.next_event()?;
            let event =
                exchange::<N, _>(&mut conn, &api, &mut session, NextEvent::from_core).await?;
            let last = matches!(event, NextEvent::Shutdown(_));
            let processed = match &mut events {
                Events::Blocking(Some(p)) => p(event),
                Events::Blocking(None) => Ok(()),
                Events::Async(p) => p(event).await,
            };
            if let Err(e) = processed {
                let e = give_up::<N>(&mut conn, &api, &mut session, false, PROCESSOR_FAILED, e);
                return Err(e.await);
            }
            if last {
                return Ok(());
            }
        }
    };
    match listen {
        Some((listener, tcp, processor)) => {
            // The listener never ends: the run ends with the events loop.
            let serving = async {
                serve::<N>(&listener, tcp, processor).await;
                Ok(())
            };
            futures_lite::future::or(events_loop, serving).await
        }
        None => events_loop.await,
    }
}

/// [`crate::api::Conn::give_up`] over an async stream.
async fn give_up<N: Net>(
    conn: &mut Option<N::Stream>,
    api: &RuntimeApi<'_>,
    session: &mut Session<'_>,
    init: bool,
    error_type: &str,
    error: Error,
) -> Error {
    let message = error.to_string();
    let diagnostic = Diagnostic::new(error_type, &message);
    let asked = if init {
        session.init_error(&diagnostic)
    } else {
        session.exit_error(&diagnostic)
    };
    let report = match asked {
        Ok(()) => {
            let done = |e: &Event<'_>| matches!(e, Event::ErrorReported).then_some(());
            exchange::<N, _>(conn, api, session, done).await
        }
        Err(e) => Err(e.into()),
    };
    reported(error, report)
}

/// [`crate::api::Conn::exchange`] over an async stream.
async fn exchange<N: Net, R>(
    conn: &mut Option<N::Stream>,
    api: &RuntimeApi<'_>,
    session: &mut Session<'_>,
    f: impl FnOnce(&Event<'_>) -> Option<R>,
) -> Result<R, Error> {
    if conn.is_some() {
        session.handle_connected();
    }
    loop {
        let stream = match conn {
            Some(s) => s,
            None => {
                let s = N::connect(api.host(), api.port()).await.map_err(|e| {
                    format!(
                        "cannot connect to the Extensions API at {}: {e}",
                        api.authority()
                    )
                })?;
                session.handle_connected();
                conn.insert(s)
            }
        };
        match driver::exchange_async(session, stream).await {
            Some(Event::Reconnect) => *conn = None,
            Some(event) => {
                if let Some(r) = f(&event) {
                    return Ok(r);
                }
                if matches!(event, Event::Failed(_)) {
                    *conn = None;
                }
                return Err(refusal(&event));
            }
            None => return Err(Box::new(ExtensionError::OutOfOrder)),
        }
    }
}

async fn serve<N: Net>(listener: &N::Listener, tcp: bool, mut processor: Processor) {
    let mut buf = vec![0u8; BUFFER];
    loop {
        let Ok(mut conn) = N::accept(listener).await else {
            N::back_off().await;
            continue;
        };
        if tcp {
            let mut lines = Lines::new(&mut buf);
            loop {
                let n = N::read(&mut conn, lines.recv_buf()).await;
                lines.handle_recv(n);
                while let Some(line) = lines.next_line() {
                    if let Ok(line) = line {
                        for record in records(line).flatten() {
                            processor(&record);
                        }
                    }
                }
                if lines.is_finished() || n == 0 {
                    break;
                }
            }
        } else {
            serve_http::<N>(&mut conn, &mut buf, &mut processor).await;
        }
    }
}

async fn serve_http<N: Net>(conn: &mut N::Stream, buf: &mut [u8], processor: &mut Processor) {
    let mut listener = Listener::new(buf);
    loop {
        let n = N::read(conn, listener.recv_buf()).await;
        let mut progress = listener.handle_recv(n);
        while let Ok(Progress::Complete) = progress {
            let close = listener.request().is_some_and(|r| r.close);
            for record in records(listener.body_mut()).flatten() {
                processor(&record);
            }
            if send(conn, Listener::OK).await.is_err() || close {
                return;
            }
            progress = listener.next_request();
        }
        match progress {
            Ok(Progress::Partial) => {}
            Ok(_) => return,
            Err(e) => {
                let _ = send(conn, e.response()).await;
                return;
            }
        }
    }
}

async fn send<S: Write>(conn: &mut S, bytes: &[u8]) -> Result<(), S::Error> {
    conn.write_all(bytes).await?;
    conn.flush().await
}

/// [`STALL`], for the runtimes' timers.
pub(crate) const fn stall() -> core::time::Duration {
    STALL
}
