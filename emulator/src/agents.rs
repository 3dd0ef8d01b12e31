//! Extensions as the Extensions API sees them: registration (external when the name is the
//! basename of one started from `--extensions`, internal otherwise), the end of the init phase
//! (the runtime and every extension have called next), INVOKE fan-out, and SHUTDOWN.
//!
//! They live in the emulator's one [`State`], behind its mutex and condition variable, because
//! their events gate the invocations: nothing is delivered before init ends, nor while an
//! extension still works on the last invocation.

use std::collections::VecDeque;
use std::sync::PoisonError;
use std::time::Instant;

use crate::ids;
use crate::invocation::{ErrorReport, WaitError};
use crate::state::{Shared, State};
use crate::telemetry;

struct Agent {
    id: String,
    name: String,
    external: bool,
    invoke: bool,
    shutdown: bool,
    /// It has called `event/next` once: its init is over.
    ready: bool,
    /// Events for its next `event/next`.
    events: VecDeque<String>,
    /// The invocation whose INVOKE it got and has not finished (by calling `event/next`).
    busy: Option<String>,
    shutdown_sent: bool,
    /// It called `event/next` in the shutdown phase with nothing left to get: it is done, and
    /// the call is held (as Lambda holds it) until the process is stopped.
    parked: bool,
    /// Subscribed through the Logs API (`Some(true)`) or the Telemetry API (`Some(false)`).
    subscribed: Option<bool>,
}

/// The extensions of the current init.
#[derive(Default)]
pub(crate) struct Agents {
    list: Vec<Agent>,
    /// Names of the external extensions started for this init: each must register.
    expected: Vec<String>,
    /// Lambda Managed Instances: external extensions may subscribe to SHUTDOWN only.
    managed: bool,
    /// The shutdown phase's deadline (ms since the epoch), once it began.
    shutting_down: Option<u128>,
    /// An extension's `init/error`: the init fails with it.
    init_error: Option<ErrorReport>,
    /// When the last INVOKE subscriber finished its invocation.
    idle_since: Option<Instant>,
    /// When this init began (its extensions are started first).
    started: Option<Instant>,
}

impl Agents {
    /// Whether every external extension started for this init has registered.
    fn all_registered(&self) -> bool {
        self.expected
            .iter()
            .all(|n| self.list.iter().any(|x| x.external && &x.name == n))
    }

    /// Whether an extension still works on an invocation.
    pub(crate) fn busy(&self) -> bool {
        self.list.iter().any(|a| a.busy.is_some())
    }
}

/// Why a registration is refused (403).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    Closed,
    InvalidEvent(String),
    Taken,
}

impl Refusal {
    pub(crate) fn error_type(&self) -> &'static str {
        match self {
            Self::Closed => "Extension.RegistrationClosed",
            Self::InvalidEvent(_) => "Extension.InvalidEventType",
            Self::Taken => "Extension.InvalidExtensionState",
        }
    }

    pub(crate) fn message(&self, name: &str) -> String {
        match self {
            Self::Closed => format!("{name}: registration is closed after init"),
            Self::InvalidEvent(e) => format!("{name}: event {e} is not supported here"),
            Self::Taken => format!("{name}: an extension of this name is already registered"),
        }
    }
}

/// What `event/next` gets.
pub(crate) enum Event {
    Unknown,
    Body(String),
    /// Nothing more will come (the sandbox is going away).
    Ended,
}

/// Registered extensions, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Registered {
    /// Started from `--extensions` and registered under their file's name.
    pub external: usize,
    /// Registered from inside the function's process.
    pub internal: usize,
}

impl State {
    /// Ends the init phase once the runtime has called `/next`, every external extension has
    /// registered and every registered extension has called `event/next`; then what its
    /// telemetry records tell.
    pub(crate) fn settle_init(&mut self) -> Option<InitEnded> {
        let a = &self.agents;
        if self.init_end.is_none()
            && self.first_next.is_some()
            && a.all_registered()
            && a.list.iter().all(|x| x.ready)
        {
            let now = Instant::now();
            self.init_end = Some(now);
            let extensions = a.list.iter().map(|x| {
                let events = [("INVOKE", x.invoke), ("SHUTDOWN", x.shutdown)];
                let events = events.iter().filter(|e| e.1).map(|e| e.0).collect();
                (x.name.clone(), events)
            });
            return Some(InitEnded {
                started: a.started.unwrap_or(now),
                ended: now,
                snapshot: self.snapshot,
                extensions: extensions.collect(),
            });
        }
        None
    }
}

/// An init phase that has ended, as its telemetry records tell it.
pub(crate) struct InitEnded {
    pub(crate) started: Instant,
    pub(crate) ended: Instant,
    /// With SnapStart: when the snapshot was taken (the init's end; `ended` is the restore's).
    pub(crate) snapshot: Option<Instant>,
    /// Each registered extension's name and events.
    pub(crate) extensions: Vec<(String, Vec<&'static str>)>,
}

impl Shared {
    /// A new init phase, with the external extensions started for it.
    pub(crate) fn begin_init(&self, expected: Vec<String>, managed: bool) {
        self.telemetry.clear();
        self.update(|s| {
            s.init_error = None;
            s.snapshot = None;
            s.restore_error = None;
            s.first_next = None;
            s.init_end = None;
            s.agents = Agents {
                expected,
                managed,
                started: Some(Instant::now()),
                ..Agents::default()
            };
        });
    }

    /// Whether every external extension of this init has registered: the runtime may start.
    pub(crate) fn extensions_registered(&self) -> bool {
        self.lock().agents.all_registered()
    }

    /// The sandbox was reset: the extensions are gone with their work and subscriptions.
    pub(crate) fn reset_extensions(&self) {
        self.telemetry.clear();
        self.update(|s| {
            s.agents.list.clear();
            s.agents.shutting_down = None;
        });
    }

    /// `extension/register`: its identifier and whether it is external.
    pub(crate) fn register_extension(
        &self,
        name: &str,
        events: &[String],
    ) -> Result<(String, bool), Refusal> {
        self.update(|s| {
            if s.init_end.is_some() {
                return Err(Refusal::Closed);
            }
            let external = s.agents.expected.iter().any(|n| n == name);
            if s.agents.list.iter().any(|a| a.name == name) {
                return Err(Refusal::Taken);
            }
            let (mut invoke, mut shutdown) = (false, false);
            for event in events {
                match event.as_str() {
                    // Lambda Managed Instances run invocations concurrently: no INVOKE there.
                    "INVOKE" if !(external && s.agents.managed) => invoke = true,
                    // Internal extensions live in the runtime's process, which gets SIGTERM.
                    "SHUTDOWN" if external => shutdown = true,
                    other => return Err(Refusal::InvalidEvent(other.to_owned())),
                }
            }
            let id = ids::uuid();
            s.agents.list.push(Agent {
                id: id.clone(),
                name: name.to_owned(),
                external,
                invoke,
                shutdown,
                ready: false,
                events: VecDeque::new(),
                busy: None,
                shutdown_sent: false,
                parked: false,
                subscribed: None,
            });
            Ok((id, external))
        })
    }

    /// `extension/event/next`: the extension is done with what it had; blocks until its next
    /// event.
    pub(crate) fn extension_next(&self, id: &str) -> Event {
        let mut state = self.lock();
        let Some(agent) = state.agents.list.iter_mut().find(|a| a.id == id) else {
            return Event::Unknown;
        };
        agent.ready = true;
        let finished = agent.busy.take().is_some();
        if finished && !state.agents.busy() {
            state.agents.idle_since = Some(Instant::now());
        }
        if let Some(ended) = state.settle_init() {
            telemetry::init_records(&self.telemetry, &ended);
        }
        self.changed.notify_all();
        loop {
            let s = &mut *state;
            let Some(agent) = s.agents.list.iter_mut().find(|a| a.id == id) else {
                return Event::Ended;
            };
            if let Some(event) = agent.events.pop_front() {
                return Event::Body(event);
            }
            if let Some(deadline) = s.agents.shutting_down {
                if agent.shutdown && !agent.shutdown_sent {
                    agent.shutdown_sent = true;
                    return Event::Body(format!(
                        r#"{{"eventType":"SHUTDOWN","shutdownReason":"spindown","deadlineMs":{deadline}}}"#
                    ));
                }
                // Done with SHUTDOWN. Lambda never answers this call: extensions that loop on
                // next (lambda-extension does) must not see an error before they are stopped.
                if !agent.parked {
                    agent.parked = true;
                    self.changed.notify_all();
                }
            }
            if s.shutdown {
                return Event::Ended;
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// The runtime got invocation `request_id`: every INVOKE subscriber gets it too.
    pub(crate) fn fan_out_invoke(
        &self,
        request_id: &str,
        deadline_ms: u128,
        arn: &str,
        trace: &str,
    ) {
        let mut state = self.lock();
        // No subscriber: nothing changes, nobody to wake.
        if !state.agents.list.iter().any(|a| a.invoke) {
            return;
        }
        let body = serde_json::json!({
            "eventType": "INVOKE",
            "deadlineMs": deadline_ms as u64,
            "requestId": request_id,
            "invokedFunctionArn": arn,
            "tracing": {"type": "X-Amzn-Trace-Id", "value": trace},
        })
        .to_string();
        for agent in state.agents.list.iter_mut().filter(|a| a.invoke) {
            agent.events.push_back(body.clone());
            agent.busy = Some(request_id.to_owned());
        }
        drop(state);
        self.changed.notify_all();
    }

    /// Waits until no extension works on an invocation any more, at most until `until`;
    /// `Ok(Some(when))` the last one finished, `Ok(None)` when none had anything to do.
    pub(crate) fn extensions_done(&self, until: Instant) -> Result<Option<Instant>, WaitError> {
        let mut state = self.lock();
        loop {
            if !state.agents.busy() {
                return Ok(state.agents.idle_since);
            }
            state = self.wait_more(state, until)?;
        }
    }

    /// `extension/init/error` or `exit/error`; `false` for an unknown identifier. An init
    /// error fails the init (with the extension's error type) when it comes before init ends.
    pub(crate) fn extension_error(&self, id: &str, report: ErrorReport, init: bool) -> bool {
        self.update(|s| {
            if !s.agents.list.iter().any(|a| a.id == id) {
                return false;
            }
            if init && s.init_end.is_none() {
                s.agents.init_error.get_or_insert(report);
            }
            true
        })
    }

    /// A Telemetry API (or Logs API, `logs`) subscription from extension `id`: on refusal, the
    /// status, error type and message.
    pub(crate) fn subscribe(
        &self,
        id: &str,
        body: &[u8],
        logs: bool,
    ) -> Result<(), (u16, &'static str, String)> {
        let (name, managed, earlier) = {
            let s = self.lock();
            let agent = s.agents.list.iter().find(|a| a.id == id).ok_or((
                403,
                "Extension.InvalidExtensionIdentifier",
                "only a registered extension may subscribe".to_owned(),
            ))?;
            (agent.name.clone(), s.agents.managed, agent.subscribed)
        };
        let sub = telemetry::parse(body, logs, managed).map_err(|m| (400, "ValidationError", m))?;
        // Lambda refuses a subscription through one API after one through the other.
        if earlier.is_some_and(|was_logs| was_logs != logs) {
            let message = "already subscribed through the other API (Logs or Telemetry)";
            return Err((400, "ValidationError", message.to_owned()));
        }
        self.update(|s| {
            if let Some(agent) = s.agents.list.iter_mut().find(|a| a.id == id) {
                agent.subscribed = Some(logs);
            }
        });
        self.telemetry.subscribe(&name, sub);
        Ok(())
    }

    /// The error an extension reported on `init/error` in this init.
    pub(crate) fn extension_init_error(&self) -> Option<ErrorReport> {
        self.lock().agents.init_error.clone()
    }

    pub(crate) fn registered(&self) -> Registered {
        let state = self.lock();
        let external = state.agents.list.iter().filter(|a| a.external).count();
        Registered {
            external,
            internal: state.agents.list.len() - external,
        }
    }

    /// The names of the external extensions that have finished their shutdown: called
    /// `event/next` again after their last event.
    pub(crate) fn parked(&self) -> Vec<String> {
        let state = self.lock();
        let done = state.agents.list.iter().filter(|a| a.external && a.parked);
        done.map(|a| a.name.clone()).collect()
    }

    /// The shutdown phase begins: SHUTDOWN subscribers get their event with `deadline_ms`.
    pub(crate) fn begin_shutdown(&self, deadline_ms: u128) {
        self.update(|s| s.agents.shutting_down = Some(deadline_ms));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn shared(expected: &[&str], managed: bool) -> Shared {
        let s = Shared::new(Duration::from_secs(1), false);
        s.begin_init(expected.iter().map(|n| (*n).to_owned()).collect(), managed);
        s
    }

    fn events(list: &[&str]) -> Vec<String> {
        list.iter().map(|e| (*e).to_owned()).collect()
    }

    #[test]
    fn registration_rules() {
        let s = shared(&["ext"], false);
        assert!(
            s.register_extension("ext", &events(&["INVOKE", "SHUTDOWN"]))
                .unwrap()
                .1
        );
        assert_eq!(
            s.register_extension("ext", &events(&[])),
            Err(Refusal::Taken)
        );
        assert_eq!(
            s.register_extension("inside", &events(&["SHUTDOWN"])),
            Err(Refusal::InvalidEvent("SHUTDOWN".into()))
        );
        assert_eq!(
            s.register_extension("inside", &events(&["BOOM"])),
            Err(Refusal::InvalidEvent("BOOM".into()))
        );
        assert!(
            !s.register_extension("inside", &events(&["INVOKE"]))
                .unwrap()
                .1
        );
        assert_eq!(
            s.registered(),
            Registered {
                external: 1,
                internal: 1
            }
        );
        let managed = shared(&["ext"], true);
        assert_eq!(
            managed.register_extension("ext", &events(&["INVOKE"])),
            Err(Refusal::InvalidEvent("INVOKE".into()))
        );
        assert!(
            managed
                .register_extension("ext", &events(&["SHUTDOWN"]))
                .is_ok()
        );
    }

    #[test]
    fn init_waits_for_every_extension() {
        let s = shared(&["a", "b"], false);
        s.lock().first_next = Some(Instant::now());
        let (a, _) = s.register_extension("a", &events(&[])).unwrap();
        let _ = s.lock().settle_init();
        assert!(s.init_end().is_none(), "b has not registered");
        s.register_extension("b", &events(&[])).unwrap();
        s.update(|st| {
            for agent in &mut st.agents.list {
                agent.ready = agent.id == a;
            }
            let _ = st.settle_init();
        });
        assert!(s.init_end().is_none(), "b has not called next");
        s.update(|st| {
            st.agents.list.iter_mut().for_each(|x| x.ready = true);
            let _ = st.settle_init();
        });
        assert!(s.init_end().is_some());
        assert_eq!(
            s.register_extension("late", &events(&[])),
            Err(Refusal::Closed)
        );
    }
}
