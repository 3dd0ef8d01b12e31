//! The faults themselves, each against a sandbox whose background callers keep invoking: it
//! checks the answer Lambda would give and whether the sandbox was kept or replaced, and
//! returns the table's row (or `Err` when the fault was not handled as Lambda handles it).

use std::io::Write as _;
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use lambkin_emulator::{Invocation, Outcome, Sandbox};

use super::client::{self, Callers};
use crate::procs;

/// How long the sleeping invocation a signal lands in sleeps (it is faulted long before).
const SLEEP_MS: u64 = 600;
/// The disconnecting caller's invocation sleeps this long.
const GONE_MS: u64 = 400;
/// How long a fault may take to settle (a new sandbox, a thread ending).
const SETTLE: Duration = Duration::from_secs(10);

/// What a fault row needs.
pub(super) struct Ctx<'a> {
    pub(super) transport: &'a str,
    pub(super) addr: &'a str,
    pub(super) sandbox: &'a Sandbox,
    pub(super) callers: &'a Callers,
}

/// A fault: lands it on the sandbox `Ctx` describes and checks what follows.
pub(super) type Fault = fn(&Ctx<'_>) -> Result<Row, String>;

/// One row of the faults table.
pub(super) struct Row {
    pub(super) fault: &'static str,
    /// What the faulted caller got.
    pub(super) got: String,
    /// What became of the sandbox.
    pub(super) sandbox: String,
    /// From the fault to the faulted caller's answer.
    pub(super) answer: Duration,
    /// From the answer to the next background answer.
    pub(super) recovery: Duration,
    /// Background invocations answered while the fault was handled, and lost.
    pub(super) others: (u64, u64),
}

impl Ctx<'_> {
    fn pid(&self) -> Result<u32, String> {
        let until = Instant::now() + SETTLE;
        loop {
            if let Some(pid) = self.sandbox.function_pid() {
                return Ok(pid);
            }
            if Instant::now() > until {
                return Err("no function process".into());
            }
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// Waits until the function runs a sleeping invocation (a thread of it sleeps: only
    /// `sleep_ms` events do), and gives its pid.
    fn sleeping(&self) -> Result<u32, String> {
        let until = Instant::now() + SETTLE;
        loop {
            if let Some(pid) = self.sandbox.function_pid().filter(|&p| in_sleep(p)) {
                return Ok(pid);
            }
            if Instant::now() > until {
                return Err(format!(
                    "{}: the function never ran the sleeping invocation (or /proc/PID/task/*/wchan is unreadable)",
                    self.transport
                ));
            }
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// A new function process replaced `old` (and `old` is gone): the table's words.
    fn replaced(&self, old: u32) -> Result<String, String> {
        let until = Instant::now() + SETTLE;
        loop {
            let now = self.sandbox.function_pid();
            if let Some(new) = now.filter(|&p| p != old && !procs::alive(old)) {
                return Ok(format!("new (pid {old} gone, {new} started)"));
            }
            if Instant::now() > until {
                return Err(format!(
                    "{}: no new sandbox after {SETTLE:?} (pid {old} alive: {}, now {now:?})",
                    self.transport,
                    procs::alive(old)
                ));
            }
            thread::sleep(Duration::from_millis(1));
        }
    }

    /// The same process still serves.
    fn kept(&self, old: u32) -> Result<String, String> {
        match self.sandbox.function_pid() {
            Some(p) if p == old && procs::alive(old) => Ok(format!("kept (pid {old})")),
            now => Err(format!(
                "{}: the sandbox was replaced ({old} → {now:?}) where Lambda keeps it",
                self.transport
            )),
        }
    }

    fn fail(&self, fault: &str, want: &str, got: &str) -> String {
        format!("{}, {fault}: expected {want}, got {got}", self.transport)
    }

    /// Runs `fault`, then waits for the next background answer; fills in the timings and
    /// the background counts around it.
    fn row(
        &self,
        fault: &'static str,
        run: impl FnOnce() -> Result<(String, String, Duration), String>,
    ) -> Result<Row, String> {
        let (right, wrong) = (self.callers.right(), self.callers.wrong());
        let (got, sandbox, answer) = run()?;
        let recovery = self.callers.next_after(self.callers.right(), SETTLE)?;
        Ok(Row {
            fault,
            got,
            sandbox,
            answer,
            recovery,
            others: (self.callers.right() - right, self.callers.wrong() - wrong),
        })
    }
}

/// Sends `signal` to the process `pid` with kill(1) (the crates here forbid unsafe code).
fn signal(name: &str, pid: u32) -> Result<(), String> {
    let status = std::process::Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .status()
        .map_err(|e| format!("kill: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("kill -{name} {pid}: {status}"))
}

/// A sleeping invocation over the Invoke API, `signal` sent to the function while it runs:
/// the caller must get `want` and a new sandbox must follow.
fn signalled(ctx: &Ctx<'_>, fault: &'static str, name: &str, want: &str) -> Result<Row, String> {
    ctx.row(fault, || {
        let event = format!(r#"{{"sleep_ms":{SLEEP_MS},"fault":"{name}"}}"#).into_bytes();
        let caller = client::invoke_once(ctx.addr, event.clone());
        let pid = ctx.sleeping()?;
        let sent = Instant::now();
        signal(name, pid)?;
        let answer = caller.join().map_err(|_| "the caller panicked")??;
        let took = sent.elapsed();
        let got = answer.describe(&event);
        if !answer.function_error || answer.error_type().as_deref() != Some(want) {
            return Err(ctx.fail(fault, want, &got));
        }
        Ok((got, ctx.replaced(pid)?, took))
    })
}

/// SIGKILL mid-invocation: `Runtime.ExitError`, a new sandbox.
pub(super) fn sigkill(ctx: &Ctx<'_>) -> Result<Row, String> {
    signalled(ctx, "SIGKILL mid-invocation", "KILL", "Runtime.ExitError")
}

/// SIGSTOP past the deadline: the timeout's `Sandbox.Timedout`, the stopped process killed,
/// a new sandbox.
pub(super) fn sigstop(ctx: &Ctx<'_>) -> Result<Row, String> {
    signalled(ctx, "SIGSTOP past the deadline", "STOP", "Sandbox.Timedout")
}

/// An invocation with an emulator fault, through `Sandbox::invoke` (the Invoke API cannot
/// carry one): its outcome, and whether the sandbox stayed.
fn injected(
    ctx: &Ctx<'_>,
    fault: &'static str,
    event: &[u8],
    inject: lambkin_emulator::Fault,
    want: impl FnOnce(&Outcome) -> Result<String, String>,
) -> Result<Row, String> {
    ctx.row(fault, || {
        let pid = ctx.pid()?;
        let sent = Instant::now();
        let report = ctx.sandbox.invoke(Invocation {
            fault: inject,
            ..Invocation::new(event)
        });
        let took = sent.elapsed();
        let got = want(&report.outcome).map_err(|got| ctx.fail(fault, "otherwise", &got))?;
        Ok((got, ctx.kept(pid)?, took))
    })
}

/// The Runtime API connection closed after 5 bytes of the event: lambkin reports
/// `Runtime.TruncatedEvent` on `/error` and keeps going in the same process.
pub(super) fn truncated(ctx: &Ctx<'_>) -> Result<Row, String> {
    let event = br#"{"fault":"truncated event","pad":"0123456789"}"#;
    let inject = lambkin_emulator::Fault {
        truncate_body_at: Some(5),
        ..lambkin_emulator::Fault::default()
    };
    injected(
        ctx,
        "Runtime API reset mid-event",
        event,
        inject,
        |o| match o {
            Outcome::Error { error_type, .. } if error_type == "Runtime.TruncatedEvent" => {
                Ok(format!("error {error_type}"))
            }
            other => Err(format!("{other:?}, not Runtime.TruncatedEvent")),
        },
    )
}

/// The connection closed under the runtime's `/response`: lambkin posts it again and the
/// caller gets its answer.
pub(super) fn dropped_response(ctx: &Ctx<'_>) -> Result<Row, String> {
    let event = br#"{"fault":"reset mid-response"}"#;
    let inject = lambkin_emulator::Fault {
        drop_mid_response: true,
        ..lambkin_emulator::Fault::default()
    };
    injected(
        ctx,
        "Runtime API reset mid-response",
        event,
        inject,
        |o| match o {
            Outcome::Response { body, .. } if body == event => {
                Ok("response (own event, posted again)".into())
            }
            other => Err(format!("{other:?}, not the event back")),
        },
    )
}

/// A caller that sends a sleeping invocation and closes its socket at once: the invocation
/// runs to its end (its connection thread lives until then), the thread ends, the emulator
/// keeps answering.
pub(super) fn disconnect(ctx: &Ctx<'_>) -> Result<Row, String> {
    let fault = "caller gone before its answer";
    ctx.row(fault, || {
        let pid = ctx.pid()?;
        let threads = steady_connection_threads()?;
        let event = format!(r#"{{"sleep_ms":{GONE_MS},"fault":"disconnect"}}"#).into_bytes();
        let mut s = TcpStream::connect(ctx.addr).map_err(|e| format!("connect: {e}"))?;
        s.write_all(&crate::invoke_api::request(&event))
            .map_err(|e| format!("send: {e}"))?;
        let sent = Instant::now();
        drop(s);
        // The function runs it after its caller left.
        ctx.sleeping()?;
        // Its connection thread appears, then ends once the invocation has.
        let until = sent + SETTLE;
        let mut grew = false;
        loop {
            let now = client::connection_threads();
            grew |= now > threads;
            if grew && now <= threads {
                break;
            }
            if Instant::now() > until {
                return Err(format!(
                    "{}, {fault}: {now} connection threads after {SETTLE:?}, {threads} before",
                    ctx.transport
                ));
            }
            thread::sleep(Duration::from_millis(1));
        }
        let lived = sent.elapsed();
        if lived < Duration::from_millis(GONE_MS) {
            return Err(format!(
                "{}, {fault}: the connection ended after {lived:?}, before the {GONE_MS} ms invocation could",
                ctx.transport
            ));
        }
        let got = format!(
            "nothing; the function ran it after the caller left, its connection ended at {} ms",
            lived.as_millis()
        );
        Ok((got, ctx.kept(pid)?, lived))
    })
}

/// The emulator's connection threads once their number held for 50 ms (the one-shot callers'
/// connections of the faults before have ended).
fn steady_connection_threads() -> Result<usize, String> {
    let until = Instant::now() + SETTLE;
    let (mut seen, mut since) = (client::connection_threads(), Instant::now());
    while since.elapsed() < Duration::from_millis(50) {
        if Instant::now() > until {
            return Err("the emulator's connection threads never settled".into());
        }
        thread::sleep(Duration::from_millis(2));
        let now = client::connection_threads();
        if now != seen {
            (seen, since) = (now, Instant::now());
        }
    }
    Ok(seen)
}

/// Whether a thread of `pid` sleeps in `nanosleep` (the load function's `sleep_ms`; its
/// runtime otherwise waits in reads, `epoll` or futexes).
fn in_sleep(pid: u32) -> bool {
    std::fs::read_dir(format!("/proc/{pid}/task")).is_ok_and(|tasks| {
        tasks.flatten().any(|t| {
            std::fs::read_to_string(t.path().join("wchan")).is_ok_and(|w| w.contains("nanosleep"))
        })
    })
}
