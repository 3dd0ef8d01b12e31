//! [`Extension`]: what to register and subscribe to, and the blocking run.

#[cfg(feature = "std")]
use std::net::TcpListener;
use std::path::Path;
#[cfg(feature = "std")]
use std::thread;

use lambkin_core::RuntimeApi;
#[cfg(feature = "std")]
use lambkin_core::extension::Session;
use lambkin_core::extension::telemetry::{self, Subscription};
use lambkin_core::extension::{Event, Registration};

#[cfg(feature = "std")]
use crate::api::Conn;
#[cfg(feature = "std")]
use crate::listener;
use crate::listener::Processor;
use crate::{Error, NextEvent, Record};
#[cfg(feature = "std")]
use crate::{LISTENER_FAILED, PROCESSOR_FAILED, SUBSCRIBE_FAILED};

/// Room for a request (the name, a subscription) and for an answer (an event is < 1 KiB).
#[cfg(feature = "std")]
const TX: usize = 2048;
#[cfg(feature = "std")]
const RX: usize = 8192;

/// The official crate's telemetry listener port.
pub const DEFAULT_PORT: u16 = 9003;

/// Where Lambda sends telemetry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Destination {
    /// HTTP POSTs of JSON arrays to `http://sandbox.localdomain:PORT`.
    Http,
    /// Newline-delimited JSON over a TCP connection (Lambda Managed Instances' choice).
    Tcp,
}

/// A Telemetry (or Logs) API subscription: which API and schema, which records, buffering,
/// and the destination's protocol and port (`0`: any free port, for tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Telemetry {
    /// The Telemetry API with its schema (`2022-12-13` by default, which Lambda accepts
    /// everywhere; Managed Instances need `2025-01-29`), or the Logs API.
    pub api: telemetry::Api,
    /// Which records; platform and function by default.
    pub types: telemetry::Types,
    /// Batching; `None` leaves Lambda's defaults.
    pub buffering: Option<telemetry::Buffering>,
    /// HTTP or TCP.
    pub destination: Destination,
    /// The port to listen on; [`DEFAULT_PORT`] by default.
    pub port: u16,
}

impl Default for Telemetry {
    fn default() -> Self {
        Self {
            api: telemetry::Api::Telemetry(telemetry::Schema::V2022_12_13),
            types: telemetry::Types::PLATFORM_AND_FUNCTION,
            buffering: None,
            destination: Destination::Http,
            port: DEFAULT_PORT,
        }
    }
}

pub(crate) type EventsProcessor = Box<dyn FnMut(NextEvent) -> Result<(), Error>>;

/// The future an async events processor gives.
#[cfg(any(feature = "smol", feature = "tokio"))]
pub(crate) type EventFuture = core::pin::Pin<Box<dyn Future<Output = Result<(), Error>>>>;

/// The events processor: called in place, or awaited (smol and tokio runs only).
pub(crate) enum Events {
    Blocking(Option<EventsProcessor>),
    #[cfg(any(feature = "smol", feature = "tokio"))]
    Async(Box<dyn FnMut(NextEvent) -> EventFuture>),
}

/// An extension to register and run. External by default (a binary in `/opt/extensions`,
/// named after its file, INVOKE and SHUTDOWN); an internal one (in the function's process)
/// subscribes to INVOKE only: `with_events(&["INVOKE"])`, registered before the runtime's
/// first `next`, then run on a thread of its own.
pub struct Extension {
    name: Option<String>,
    invoke: bool,
    shutdown: bool,
    bad_event: Option<String>,
    runtime_api: Option<String>,
    events: Events,
    telemetry: Option<(Telemetry, Processor)>,
}

impl Default for Extension {
    fn default() -> Self {
        Self::new()
    }
}

impl Extension {
    /// An external extension subscribed to INVOKE and SHUTDOWN, with no processors.
    pub fn new() -> Self {
        Self {
            name: None,
            invoke: true,
            shutdown: true,
            bad_event: None,
            runtime_api: None,
            events: Events::Blocking(None),
            telemetry: None,
        }
    }

    /// Registers as `name` instead of the executable's file name (which Lambda requires of
    /// an external extension; an internal one may be called anything unique).
    pub fn with_extension_name(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    /// The events to subscribe to: `"INVOKE"`, `"SHUTDOWN"` (external extensions only).
    /// Another name fails [`register`](Self::register).
    pub fn with_events(mut self, events: &[&str]) -> Self {
        self.invoke = events.contains(&"INVOKE");
        self.shutdown = events.contains(&"SHUTDOWN");
        self.bad_event = events
            .iter()
            .find(|e| !matches!(**e, "INVOKE" | "SHUTDOWN"))
            .map(|e| (*e).to_owned());
        self
    }

    /// The Runtime API's authority instead of `AWS_LAMBDA_RUNTIME_API`.
    pub fn with_runtime_api(mut self, authority: &str) -> Self {
        self.runtime_api = Some(authority.to_owned());
        self
    }

    /// Called with every event, on the caller's thread; an error ends [`run`](Self::run).
    pub fn with_events_processor(
        mut self,
        processor: impl FnMut(NextEvent) -> Result<(), Error> + 'static,
    ) -> Self {
        self.events = Events::Blocking(Some(Box::new(processor)));
        self
    }

    /// Called with every event and awaited, on the run's task (the smol and tokio runs).
    /// Telemetry keeps being received while it runs.
    #[cfg(any(feature = "smol", feature = "tokio"))]
    pub fn with_async_events_processor<F>(
        mut self,
        mut processor: impl FnMut(NextEvent) -> F + 'static,
    ) -> Self
    where
        F: Future<Output = Result<(), Error>> + 'static,
    {
        self.events = Events::Async(Box::new(move |e| Box::pin(processor(e))));
        self
    }

    /// Subscribes to the Telemetry API as `telemetry` says, handing each record to
    /// `processor` on the listener's thread.
    pub fn with_telemetry(
        mut self,
        telemetry: Telemetry,
        processor: impl FnMut(&Record<'_>) + Send + 'static,
    ) -> Self {
        self.telemetry = Some((telemetry, Box::new(processor)));
        self
    }

    /// Subscribes to the Telemetry API's platform and function records over HTTP on
    /// [`DEFAULT_PORT`] (the official crate's default).
    pub fn with_telemetry_processor(
        self,
        processor: impl FnMut(&Record<'_>) + Send + 'static,
    ) -> Self {
        self.with_telemetry(Telemetry::default(), processor)
    }

    /// Subscribes to the Logs API (`2020-08-15`), as the official crate's logs processor.
    pub fn with_logs_processor(self, processor: impl FnMut(&Record<'_>) + Send + 'static) -> Self {
        let logs = Telemetry {
            api: telemetry::Api::Logs,
            ..Telemetry::default()
        };
        self.with_telemetry(logs, processor)
    }

    /// Registers, then runs until SHUTDOWN (blocking: feature `std`) (or, with INVOKE only, forever).
    #[cfg(feature = "std")]
    pub fn run(self) -> Result<(), Error> {
        self.register()?.run()
    }

    /// Registers, binds the telemetry listener and subscribes: the extension's init. Its
    /// loop starts with [`Registered::run`].
    #[cfg(feature = "std")]
    pub fn register(self) -> Result<Registered, Error> {
        let mut plan = self.plan()?;
        // Irrefutable without the async features.
        #[allow(clippy::infallible_destructuring_match)]
        let events = match core::mem::replace(&mut plan.events, Events::Blocking(None)) {
            Events::Blocking(events) => events,
            #[cfg(any(feature = "smol", feature = "tokio"))]
            Events::Async(_) => {
                return Err("an async events processor needs an async run (smol or tokio)".into());
            }
        };
        let api = RuntimeApi::parse(&plan.authority).map_err(|e| format!("{e}"))?;
        let (mut rx, mut tx) = (vec![0u8; RX], vec![0u8; TX]);
        let mut conn = Conn::default();
        let identifier = {
            let mut session = Session::new(api, &mut rx, &mut tx);
            session.register(&plan.registration())?;
            conn.exchange(&api, &mut session, registered)?
        };
        // Registered: from here a failure is reported on init/error, as Lambda asks.
        let mut port = None;
        if let Some((telemetry, processor)) = plan.telemetry {
            let socket = match TcpListener::bind(("0.0.0.0", telemetry.port)) {
                Ok(socket) => socket,
                Err(e) => {
                    let e = format!(
                        "cannot bind the telemetry listener on {}: {e}",
                        telemetry.port
                    );
                    let mut session = Session::with_identifier(api, &identifier, &mut rx, &mut tx)?;
                    return Err(conn.give_up(&api, &mut session, true, LISTENER_FAILED, e.into()));
                }
            };
            let bound = socket.local_addr()?.port();
            let tcp = telemetry.destination == Destination::Tcp;
            thread::Builder::new()
                .name("lambkin-telemetry".into())
                .spawn(move || listener::serve(&socket, tcp, processor))?;
            let subscription = telemetry.subscription(bound);
            let mut session = Session::with_identifier(api, &identifier, &mut rx, &mut tx)?;
            session.subscribe(&subscription)?;
            if let Err(e) = conn.exchange(&api, &mut session, subscribed) {
                return Err(conn.give_up(&api, &mut session, true, SUBSCRIBE_FAILED, e));
            }
            port = Some(bound);
        }
        Ok(Registered {
            authority: plan.authority,
            identifier,
            telemetry_port: port,
            events,
            conn,
            rx,
            tx,
        })
    }

    /// Checks the configuration and fills in the defaults from the environment.
    pub(crate) fn plan(self) -> Result<Plan, Error> {
        if let Some(bad) = &self.bad_event {
            return Err(format!("unknown extension event {bad:?}: INVOKE or SHUTDOWN").into());
        }
        let authority = match self.runtime_api {
            Some(a) => a,
            None => std::env::var("AWS_LAMBDA_RUNTIME_API")
                .map_err(|_| "AWS_LAMBDA_RUNTIME_API is not set")?,
        };
        let name = match self.name {
            Some(n) => n,
            None => executable_name().ok_or("cannot tell the executable's name")?,
        };
        RuntimeApi::parse(&authority).map_err(|e| format!("{e}"))?;
        Ok(Plan {
            authority,
            name,
            invoke: self.invoke,
            shutdown: self.shutdown,
            events: self.events,
            telemetry: self.telemetry,
        })
    }
}

/// A checked [`Extension`], ready to register on any transport.
pub(crate) struct Plan {
    pub(crate) authority: String,
    name: String,
    invoke: bool,
    shutdown: bool,
    pub(crate) events: Events,
    pub(crate) telemetry: Option<(Telemetry, Processor)>,
}

impl Plan {
    pub(crate) fn registration(&self) -> Registration<'_> {
        let mut registration = Registration::new(&self.name);
        if self.invoke {
            registration = registration.with_invoke();
        }
        if self.shutdown {
            registration = registration.with_shutdown();
        }
        registration
    }
}

impl Telemetry {
    /// The subscription for a listener bound to `port`.
    pub(crate) fn subscription(&self, port: u16) -> Subscription<'static> {
        let destination = match self.destination {
            Destination::Tcp => telemetry::Destination::Tcp(port),
            Destination::Http => telemetry::Destination::HttpPort(port),
        };
        let mut subscription = Subscription::telemetry(destination).with_types(self.types);
        subscription.api = self.api;
        subscription.buffering = self.buffering;
        subscription
    }
}

/// The identifier of a registration's answer.
pub(crate) fn registered(event: &Event<'_>) -> Option<String> {
    match event {
        Event::Registered(r) => Some(r.identifier.to_owned()),
        _ => None,
    }
}

/// Whether a subscription was accepted.
pub(crate) fn subscribed(event: &Event<'_>) -> Option<()> {
    matches!(event, Event::Subscribed).then_some(())
}

/// A registered extension, its listener (if any) serving.
#[cfg(feature = "std")]
pub struct Registered {
    authority: String,
    identifier: String,
    telemetry_port: Option<u16>,
    events: Option<EventsProcessor>,
    conn: Conn,
    rx: Vec<u8>,
    tx: Vec<u8>,
}

#[cfg(feature = "std")]
impl Registered {
    /// `Lambda-Extension-Identifier`.
    pub fn identifier(&self) -> &str {
        &self.identifier
    }

    /// The port the telemetry listener is bound to, if subscribed.
    pub fn telemetry_port(&self) -> Option<u16> {
        self.telemetry_port
    }

    /// Loops on `event/next`, handing each event to the events processor; returns after
    /// SHUTDOWN has been processed.
    pub fn run(mut self) -> Result<(), Error> {
        let api = RuntimeApi::parse(&self.authority).map_err(|e| format!("{e}"))?;
        let mut session =
            Session::with_identifier(api, &self.identifier, &mut self.rx, &mut self.tx)?;
        loop {
            session.next_event()?;
            let event = self
                .conn
                .exchange(&api, &mut session, NextEvent::from_core)?;
            let last = matches!(event, NextEvent::Shutdown(_));
            if let Some(processor) = &mut self.events
                && let Err(e) = processor(event)
            {
                let conn = &mut self.conn;
                return Err(conn.give_up(&api, &mut session, false, PROCESSOR_FAILED, e));
            }
            if last {
                return Ok(());
            }
        }
    }
}

/// The executable's file name, as Lambda names an external extension: the name it was
/// started by, or the file it runs from.
fn executable_name() -> Option<String> {
    let from = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(str::to_owned);
    std::env::args_os()
        .next()
        .and_then(|a| from(Path::new(&a)))
        .or_else(|| std::env::current_exe().ok().and_then(|p| from(&p)))
}
