//! The emulator's shared state: the invocation queue and each invocation's lifecycle, behind one
//! mutex, with a condition variable for long polls and waiters.
//!
//! Lifecycle: queued → taken by a `/next` → running (deadline set) → ended (response, error,
//! timeout, rejected) → collected by [`Pending::wait`](crate::Pending::wait). Deadlines are
//! checked lazily on every state access, so no timer thread is needed.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::agents::Agents;
use crate::invocation::{
    ErrorReport, Fault, Invocation, Outcome, RequestRecord, Timing, WaitError,
};
use crate::stream::{Chunk, QUEUE_BYTES, Streamed};
use crate::telemetry::Hub;

enum Phase {
    Queued(Invocation),
    /// Taken by a `/next` (its deadline, once set, is in `State::running`).
    Running,
    Ended(Outcome),
    Collected {
        timed_out: bool,
    },
}

struct Entry {
    phase: Phase,
    fault: Fault,
    delivered: Option<Instant>,
    ended: Option<Instant>,
    /// A streamed response, once its `/response` began.
    stream: Option<Box<Flow>>,
    /// Its [`Pending`](crate::Pending) is gone: the entry goes as soon as it ends.
    orphan: bool,
}

/// A streamed response on its way to the caller: chunks not yet taken, and what was seen.
struct Flow {
    queue: VecDeque<Chunk>,
    queued: usize,
    info: Streamed,
}

impl Flow {
    /// [`Pending::wait`](crate::Pending::wait) collects: queued chunks move into the body.
    fn collect(&mut self) {
        for chunk in self.queue.drain(..) {
            self.info.body.extend_from_slice(&chunk.bytes);
        }
        self.queued = 0;
    }
}

/// The statuses a `/response` or `/error` can get, as the Runtime API answers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Accepted,
    UnknownId,
    WrongState,
    TimedOut,
}

/// How many released timed-out request ids are remembered, so a late `/response` for one is
/// still told 410 (not 400) after its entry is gone.
const REMEMBERED_TIMEOUTS: usize = 1024;

#[derive(Default)]
pub(crate) struct State {
    /// Invocations whose [`Pending`](crate::Pending) lives or that have not ended: the map
    /// holds no more than that, however long the emulator serves.
    entries: HashMap<String, Entry>,
    /// Released timed-out ids, the newest last ([`REMEMBERED_TIMEOUTS`] of them).
    timed_out: VecDeque<String>,
    queue: VecDeque<String>,
    /// Running invocations with a deadline (few: at most the function's concurrency).
    running: Vec<(Instant, String)>,
    records: Vec<RequestRecord>,
    open_polls: usize,
    /// When each waiter in [`Shared::sleep`] wakes at the latest.
    naps: Vec<Instant>,
    pub(crate) init_error: Option<ErrorReport>,
    pub(crate) first_next: Option<Instant>,
    /// The end of the init phase: the runtime and every extension have called next.
    pub(crate) init_end: Option<Instant>,
    /// Extensions registered in this init, and their events ([`agents`](crate::agents)).
    pub(crate) agents: Agents,
    /// SnapStart: `restore/next` is served ([`restore`](crate::restore)).
    pub(crate) snapstart: bool,
    /// When the runtime called `restore/next`: the snapshot, and the restore's start.
    pub(crate) snapshot: Option<Instant>,
    /// What the runtime reported on `restore/error`.
    pub(crate) restore_error: Option<ErrorReport>,
    pub(crate) shutdown: bool,
}

impl State {
    fn expire(&mut self, now: Instant) {
        let entries = &mut self.entries;
        let mut orphans = Vec::new();
        self.running.retain(|(deadline, id)| {
            if *deadline > now {
                return true;
            }
            if let Some(e) = entries
                .get_mut(id)
                .filter(|e| matches!(e.phase, Phase::Running))
            {
                e.phase = Phase::Ended(Outcome::TimedOut);
                e.ended = Some(*deadline);
                if e.orphan {
                    orphans.push(id.clone());
                }
            }
            false
        });
        for id in orphans {
            self.release(&id);
        }
    }

    fn end(&mut self, id: &str, outcome: Outcome) {
        if let Some(e) = self.entries.get_mut(id) {
            e.phase = Phase::Ended(outcome);
            e.ended = Some(Instant::now());
            if e.orphan {
                self.release(id);
            }
        }
        self.running.retain(|(_, r)| r != id);
    }

    /// Drops `id`'s entry; a timed-out id is remembered for late answers.
    fn release(&mut self, id: &str) {
        let Some(entry) = self.entries.remove(id) else {
            return;
        };
        if matches!(
            entry.phase,
            Phase::Ended(Outcome::TimedOut) | Phase::Collected { timed_out: true }
        ) {
            if self.timed_out.len() == REMEMBERED_TIMEOUTS {
                self.timed_out.pop_front();
            }
            self.timed_out.push_back(id.to_owned());
        }
    }

    /// The verdict for an answer to an id without an entry.
    fn unknown(&self, id: &str) -> Verdict {
        if self.timed_out.iter().any(|t| t == id) {
            Verdict::TimedOut
        } else {
            Verdict::UnknownId
        }
    }
}

/// State shared by the server threads, [`Emulator`](crate::Emulator) and every `Pending`.
pub(crate) struct Shared {
    state: Mutex<State>,
    pub(crate) changed: Condvar,
    pub(crate) timeout: Duration,
    record: bool,
    /// Telemetry API subscriptions of the current init.
    pub(crate) telemetry: Hub,
}

impl Shared {
    pub(crate) fn new(timeout: Duration, record: bool) -> Self {
        Self {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            timeout,
            record,
            telemetry: Hub::default(),
        }
    }

    /// Locks and expires deadlines; a panicked holder cannot leave the state torn (each
    /// update is one assignment), so poisoning is ignored.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.expire(Instant::now());
        state
    }

    pub(crate) fn update<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let r = f(&mut self.lock());
        self.changed.notify_all();
        r
    }

    pub(crate) fn enqueue(&self, id: String, mut inv: Invocation) {
        let fault = std::mem::take(&mut inv.fault);
        self.update(|s| {
            s.queue.push_back(id.clone());
            let entry = Entry {
                phase: Phase::Queued(inv),
                fault,
                delivered: None,
                ended: None,
                stream: None,
                orphan: false,
            };
            s.entries.insert(id, entry);
        });
    }

    /// Whether requests are recorded ([`Config::record_requests`](crate::Config)).
    pub(crate) fn recording(&self) -> bool {
        self.record
    }

    pub(crate) fn record(&self, record: RequestRecord) {
        if self.record {
            self.lock().records.push(record);
        }
    }

    /// Long poll: blocks until an invocation is queued and takes it; `None` on shutdown.
    pub(crate) fn take_next(&self) -> Option<(String, Invocation, Fault)> {
        let mut state = self.lock();
        state.first_next.get_or_insert_with(Instant::now);
        state.open_polls += 1;
        // Only the end of init is news (to other pollers); waking every waiter for nothing
        // costs context switches on every invocation.
        if let Some(ended) = state.settle_init() {
            crate::telemetry::init_records(&self.telemetry, &ended);
            self.changed.notify_all();
        }
        let taken = loop {
            if state.shutdown {
                break None;
            }
            // Lambda delivers nothing before init ends, nor while an extension still works on
            // the last invocation.
            let ready = state.init_end.is_some() && !state.agents.busy();
            if ready && let Some(id) = state.queue.pop_front() {
                let Some(entry) = state.entries.get_mut(&id) else {
                    continue;
                };
                let Phase::Queued(inv) = std::mem::replace(&mut entry.phase, Phase::Running) else {
                    continue;
                };
                break Some((id, inv, entry.fault.clone()));
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        };
        // Taking one is no waiter's news either: the caller's `start`, `requeue` or `end`
        // follows, and notifies if that is news.
        state.open_polls -= 1;
        taken
    }

    /// The taken invocation is about to be written: its clock starts now, unless it ended
    /// since it was taken (the function died during an injected `delay_next`, say).
    pub(crate) fn start(&self, id: &str) -> Instant {
        let now = Instant::now();
        let deadline = now + self.timeout;
        let mut state = self.lock();
        if let Some(e) = state
            .entries
            .get_mut(id)
            .filter(|e| matches!(e.phase, Phase::Running))
        {
            e.delivered = Some(now);
            state.running.push((deadline, id.to_owned()));
        }
        // A sleeper must wake by this deadline to expire it; one that wakes earlier anyway (a
        // caller that began waiting with a timeout no longer than the function's) need not.
        let sooner = state.naps.iter().any(|wake| *wake > deadline);
        drop(state);
        if sooner {
            self.changed.notify_all();
        }
        deadline
    }

    /// Delivery failed before the function could see it: queue it again, first in line.
    pub(crate) fn requeue(&self, id: &str, inv: Invocation) {
        self.update(|s| {
            s.running.retain(|(_, r)| r != id);
            if let Some(e) = s.entries.get_mut(id) {
                e.phase = Phase::Queued(inv);
                e.delivered = None;
                s.queue.push_front(id.to_owned());
            }
        });
    }

    pub(crate) fn end(&self, id: &str, outcome: Outcome) {
        self.update(|s| s.end(id, outcome));
    }

    /// The fault of a known invocation (or a remembered timed-out one); takes the one-shot
    /// `drop_mid_response`.
    pub(crate) fn fault(&self, id: &str) -> Option<(Fault, bool)> {
        let mut state = self.lock();
        let Some(entry) = state.entries.get_mut(id) else {
            // A released timed-out invocation has no fault left; its answer is told 410.
            let timed_out = state.unknown(id) == Verdict::TimedOut;
            return timed_out.then(|| (Fault::default(), false));
        };
        let drop = std::mem::take(&mut entry.fault.drop_mid_response);
        Some((entry.fault.clone(), drop))
    }

    /// A `/response` or `/error` for `id`: ends it with `outcome` when it is running.
    pub(crate) fn answer(&self, id: &str, outcome: Outcome) -> Verdict {
        self.update(|s| {
            let verdict = match s.entries.get(id).map(|e| &e.phase) {
                None => s.unknown(id),
                Some(Phase::Running) => Verdict::Accepted,
                Some(Phase::Ended(Outcome::TimedOut) | Phase::Collected { timed_out: true }) => {
                    Verdict::TimedOut
                }
                Some(_) => Verdict::WrongState,
            };
            if verdict == Verdict::Accepted {
                s.end(id, outcome);
            }
            verdict
        })
    }

    /// `/init/error`: accepted only before the first `/next` of this init.
    pub(crate) fn init_error(&self, report: ErrorReport) -> bool {
        self.update(|s| {
            let ok = s.first_next.is_none() && s.init_error.is_none();
            if ok {
                s.init_error = Some(report);
            }
            ok
        })
    }

    /// A waiter's next nap: `Shutdown` or `Elapsed` when it is over, else [`sleep`](Self::sleep).
    pub(crate) fn wait_more<'a>(
        &self,
        state: MutexGuard<'a, State>,
        until: Instant,
    ) -> Result<MutexGuard<'a, State>, WaitError> {
        if state.shutdown {
            return Err(WaitError::Shutdown);
        }
        if Instant::now() >= until {
            return Err(WaitError::Elapsed);
        }
        Ok(self.sleep(state, until))
    }

    /// Waits for a change, until `until` or the earliest deadline (expiry happens on access,
    /// so a deadline must wake someone), whichever comes first.
    fn sleep<'a>(&self, mut state: MutexGuard<'a, State>, until: Instant) -> MutexGuard<'a, State> {
        let wake = state
            .running
            .iter()
            .map(|(d, _)| *d)
            .fold(until, Instant::min);
        let nap = wake.saturating_duration_since(Instant::now()) + Duration::from_millis(1);
        state.naps.push(wake);
        let mut state = self
            .changed
            .wait_timeout(state, nap)
            .map(|(s, _)| s)
            .unwrap_or_else(|e| e.into_inner().0);
        if let Some(i) = state.naps.iter().position(|w| *w == wake) {
            state.naps.swap_remove(i);
        }
        state.expire(Instant::now());
        state
    }

    pub(crate) fn wait(&self, id: &str, timeout: Duration) -> Result<Outcome, WaitError> {
        let until = Instant::now() + timeout;
        let mut state = self.lock();
        loop {
            let Some(entry) = state.entries.get_mut(id) else {
                return Err(WaitError::Collected);
            };
            if let Some(flow) = entry.stream.as_mut().filter(|f| !f.queue.is_empty()) {
                flow.collect();
                self.changed.notify_all();
            }
            match &entry.phase {
                Phase::Collected { .. } => return Err(WaitError::Collected),
                Phase::Ended(outcome) => {
                    let timed_out = *outcome == Outcome::TimedOut;
                    let Phase::Ended(mut outcome) =
                        std::mem::replace(&mut entry.phase, Phase::Collected { timed_out })
                    else {
                        return Err(WaitError::Collected);
                    };
                    if let (Some(flow), Outcome::Response { body, .. }) =
                        (entry.stream.as_ref(), &mut outcome)
                    {
                        body.clone_from(&flow.info.body);
                    }
                    return Ok(outcome);
                }
                Phase::Queued(_) | Phase::Running => {}
            }
            state = self.wait_more(state, until)?;
        }
    }

    /// A streamed `/response` for `id` begins; [`Verdict::Accepted`] when it is running.
    pub(crate) fn begin_stream(&self, id: &str, headers: Vec<(String, String)>) -> Verdict {
        self.update(|s| {
            let Some(entry) = s.entries.get_mut(id) else {
                return s.unknown(id);
            };
            match entry.phase {
                Phase::Running if entry.stream.is_none() => {
                    entry.stream = Some(Box::new(Flow {
                        queue: VecDeque::new(),
                        queued: 0,
                        info: Streamed::new(headers),
                    }));
                    Verdict::Accepted
                }
                Phase::Ended(Outcome::TimedOut) | Phase::Collected { timed_out: true } => {
                    Verdict::TimedOut
                }
                _ => Verdict::WrongState,
            }
        })
    }

    /// Queues a chunk of `id`'s streamed response for its caller, waiting while the queue is
    /// full. `false` when the invocation no longer runs (timed out, ended, shut down).
    pub(crate) fn push_chunk(&self, id: &str, chunk: Chunk) -> bool {
        let mut state = self.lock();
        loop {
            if state.shutdown {
                return false;
            }
            let Some(entry) = state.entries.get_mut(id) else {
                return false;
            };
            let delivered = entry.delivered;
            let (Phase::Running, Some(flow)) = (&entry.phase, entry.stream.as_mut()) else {
                return false;
            };
            if flow.queued < QUEUE_BYTES || flow.queue.is_empty() {
                flow.info.count(chunk.bytes.len(), chunk.at, delivered);
                flow.queued += chunk.bytes.len();
                flow.queue.push_back(chunk);
                drop(state);
                self.changed.notify_all();
                return true;
            }
            state = self.sleep(state, Instant::now() + Duration::from_secs(1));
        }
    }

    /// The next chunk of `id`'s streamed response, waiting up to `timeout`; `Ok(None)` once the
    /// invocation has ended and every chunk was taken (then [`wait`](Self::wait) has the
    /// outcome).
    pub(crate) fn next_chunk(
        &self,
        id: &str,
        timeout: Duration,
    ) -> Result<Option<Chunk>, WaitError> {
        let until = Instant::now() + timeout;
        let mut state = self.lock();
        loop {
            let Some(entry) = state.entries.get_mut(id) else {
                return Err(WaitError::Collected);
            };
            if let Some(flow) = entry.stream.as_mut()
                && let Some(chunk) = flow.queue.pop_front()
            {
                flow.queued -= chunk.bytes.len();
                drop(state);
                self.changed.notify_all();
                return Ok(Some(chunk));
            }
            if matches!(entry.phase, Phase::Ended(_) | Phase::Collected { .. }) {
                return Ok(None);
            }
            state = self.wait_more(state, until)?;
        }
    }

    /// What was seen of `id`'s streamed response, if it streamed.
    pub(crate) fn streamed(&self, id: &str) -> Option<Streamed> {
        let state = self.lock();
        Some(state.entries.get(id)?.stream.as_ref()?.info.clone())
    }

    pub(crate) fn timing(&self, id: &str) -> Option<Timing> {
        let state = self.lock();
        let e = state.entries.get(id)?;
        Some(Timing {
            delivered: e.delivered?,
            ended: e.ended?,
        })
    }

    pub(crate) fn records(&self) -> Vec<RequestRecord> {
        self.lock().records.clone()
    }

    pub(crate) fn open_polls(&self) -> usize {
        self.lock().open_polls
    }

    pub(crate) fn init_report(&self) -> Option<ErrorReport> {
        self.lock().init_error.clone()
    }

    /// The end of the init phase (see [`State::init_end`]).
    pub(crate) fn init_end(&self) -> Option<Instant> {
        self.lock().init_end
    }

    pub(crate) fn queued(&self) -> usize {
        self.lock().queue.len()
    }

    /// Ends every running invocation with the outcome `f` gives for its id.
    pub(crate) fn end_running(&self, mut f: impl FnMut(&str) -> Outcome) {
        self.update(|s| {
            let ids: Vec<String> = s
                .entries
                .iter()
                .filter(|(_, e)| matches!(e.phase, Phase::Running))
                .map(|(id, _)| id.clone())
                .collect();
            for id in ids {
                let outcome = f(&id);
                s.end(&id, outcome);
            }
        });
    }

    /// Ends every queued invocation with the outcome `f` gives for its id.
    pub(crate) fn end_queued(&self, mut f: impl FnMut(&str) -> Outcome) {
        self.update(|s| {
            let now = Instant::now();
            for id in std::mem::take(&mut s.queue) {
                let outcome = f(&id);
                if let Some(e) = s.entries.get_mut(&id) {
                    // Lambda bills a failed init as the invocation's duration.
                    e.delivered = Some(now);
                    e.phase = Phase::Ended(outcome);
                    e.ended = Some(now);
                    if e.orphan {
                        s.release(&id);
                    }
                }
            }
        });
    }

    /// `id`'s [`Pending`](crate::Pending) is gone: its entry goes now if it has ended, else
    /// when it ends (an invocation nobody waits for still runs, as Lambda's async ones do).
    pub(crate) fn forget(&self, id: &str) {
        let mut state = self.lock();
        match state.entries.get_mut(id) {
            Some(e) if matches!(e.phase, Phase::Queued(_) | Phase::Running) => e.orphan = true,
            Some(_) => state.release(id),
            None => {}
        }
    }

    /// How many invocations have an entry (see [`State::entries`]).
    pub(crate) fn tracked(&self) -> usize {
        self.lock().entries.len()
    }

    pub(crate) fn shutdown(&self) {
        self.update(|s| s.shutdown = true);
    }

    pub(crate) fn is_shutdown(&self) -> bool {
        self.lock().shutdown
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
#[path = "state_tests.rs"]
mod tests;
