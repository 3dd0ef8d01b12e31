//! The faults section (`--section faults`, issue 18 item 3): the load function
//! (`benches/apps/load.rs`) on each transport behind the emulator's Invoke API, in process
//! (`Sandbox` plus `rie::serve_while`, what `lambkin-emulator serve --port` runs), with a few
//! callers invoking continuously while the function is killed, stopped past its deadline, cut
//! off mid-event and mid-response, and while one caller dribbles its request and another hangs
//! up. Each fault must get Lambda's answer, a new sandbox where Lambda starts one, and every
//! other invocation its own event back; anything else fails the section.

mod client;
mod inject;

use std::fmt::Write as _;
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use lambkin_benches::sections::thousands;
use lambkin_emulator::{Config, FunctionSpec, Sandbox, rie};

use crate::{procs, subjects};
use client::{Callers, Slow};
use inject::{Ctx, Row};

/// The function timeout: SIGSTOP's invocation times out this long after its delivery.
const TIMEOUT: Duration = Duration::from_secs(1);
/// Background callers, each on its own keep-alive connection.
const CALLERS: usize = 4;
/// Each background caller's pause between invocations (the machine is shared).
const PAUSE: Duration = Duration::from_millis(5);

/// How long each measuring window lasts, and the slow caller's gap between bytes.
#[derive(Clone, Copy)]
struct Plan {
    window: Duration,
    gap: Duration,
}

const FULL: Plan = Plan {
    // The slow caller takes about 90 s: both windows and the faults fit in its life.
    window: Duration::from_secs(10),
    gap: Duration::from_secs(1),
};
const SMOKE: Plan = Plan {
    window: Duration::from_millis(400),
    gap: Duration::from_millis(5),
};

/// One transport's run.
struct Run {
    transport: &'static str,
    rows: Vec<Row>,
    /// Background latencies before the slow caller, and while it alone was sending.
    before: Vec<Duration>,
    during: Vec<Duration>,
    slow: Slow,
    /// Background invocations answered while the slow caller was connected.
    beside_slow: usize,
    /// Background invocations answered with their own event.
    right: u64,
    /// Function processes seen, and those alive once the sandbox was dropped.
    pids: Vec<u32>,
    left: Vec<u32>,
    fds: (usize, usize),
    threads: (usize, usize),
    took: Duration,
}

/// The section's markdown. `machine` says where and how it ran (cores, date, command).
pub fn section(smoke: bool, machine: &str) -> Result<String, String> {
    let plan = if smoke { SMOKE } else { FULL };
    let mut built = Vec::new();
    for s in subjects::load() {
        eprintln!("building {}", s.name);
        built.push((s.name, s.release()?));
    }
    let load_before = crate::stream::load();
    let started = Instant::now();
    let mut runs = Vec::new();
    for (name, exe) in &built {
        let transport = name.strip_prefix("load-").unwrap_or(name);
        let run = one(transport, exe, plan).map_err(|e| format!("faults section: {e}"))?;
        eprintln!(
            "faults: {transport} done in {:.1} s",
            run.took.as_secs_f64()
        );
        runs.push(run);
    }
    Ok(markdown(
        &runs,
        plan,
        machine,
        started.elapsed(),
        &load_before,
    ))
}

/// The faults on one transport, then the teardown checks.
fn one(transport: &'static str, exe: &Path, plan: Plan) -> Result<Run, String> {
    let started = Instant::now();
    let me = std::process::id();
    let fds_before = procs::open_fds(me).unwrap_or_default();
    let threads_before = procs::threads(me).unwrap_or_default();
    let config = Config {
        timeout: TIMEOUT,
        function_name: "f".into(),
        record_requests: false,
        ..Config::default()
    };
    let sandbox =
        Arc::new(Sandbox::start(FunctionSpec::new(exe), config).map_err(|e| e.to_string())?);
    let listener = lambkin_emulator::listen(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    let addr = listener
        .local_addr()
        .map_err(|e| e.to_string())?
        .to_string();
    let running = Arc::new(AtomicBool::new(true));
    let server = {
        let (sandbox, running) = (Arc::clone(&sandbox), Arc::clone(&running));
        thread::spawn(move || {
            rie::serve_while(sandbox, &listener, || running.load(Ordering::SeqCst))
        })
    };
    let watcher = Watcher::start(&sandbox);

    // A cold start first, so the windows measure warm invocations.
    let warm = br#"{"warm":1}"#;
    let answer = crate::invoke_api::Conn::connect(&addr, client::ANSWER)?.invoke(warm)?;
    if answer.body != warm {
        return Err(format!(
            "{transport}: warm-up got {}",
            answer.describe(warm)
        ));
    }
    let callers = Callers::start(&addr, CALLERS, PAUSE, transport);
    let t0 = Instant::now();
    thread::sleep(plan.window);
    let slow_event = format!(r#"{{"slow":"{transport}"}}"#).into_bytes();
    let slow = client::slow(&addr, slow_event, plan.gap);
    let t1 = Instant::now();
    thread::sleep(plan.window);
    let t2 = Instant::now();

    let ctx = Ctx {
        transport,
        addr: &addr,
        sandbox: &sandbox,
        callers: &callers,
    };
    let faults: [inject::Fault; 5] = [
        inject::sigkill,
        inject::sigstop,
        inject::truncated,
        inject::dropped_response,
        inject::disconnect,
    ];
    let mut rows = Vec::new();
    for fault in faults {
        rows.push(fault(&ctx)?);
    }

    let slow = slow.join().map_err(|_| "the slow caller panicked")??;
    let slow_end = Instant::now();
    if slow.answer.status != 200 || slow.answer.function_error || slow.answer.body != slow.event {
        return Err(format!(
            "{transport}: the slow caller got {}",
            slow.answer.describe(&slow.event)
        ));
    }
    let before = callers.latencies(t0, t1);
    let during = callers.latencies(t1, t2);
    if during.is_empty() {
        return Err(format!(
            "{transport}: no caller was answered while the slow one sent"
        ));
    }
    let beside_slow = callers.latencies(t1, slow_end).len();
    let (right, _) = callers.stop()?;

    // Teardown: the server lets go, the last connection threads end, the sandbox drops.
    running.store(false, Ordering::SeqCst);
    drop(TcpStream::connect(&addr));
    server
        .join()
        .map_err(|_| "the server panicked")?
        .map_err(|e| e.to_string())?;
    let pids = watcher.stop()?;
    let sandbox = settle(|| Arc::strong_count(&sandbox) == 1)
        .then_some(sandbox)
        .and_then(Arc::into_inner)
        .ok_or_else(|| format!("{transport}: a connection still holds the sandbox"))?;
    drop(sandbox);
    let left: Vec<u32> = pids.iter().copied().filter(|&p| procs::alive(p)).collect();
    let children = procs::children(me);
    if !left.is_empty() || !children.is_empty() {
        return Err(format!(
            "{transport}: function processes {left:?} outlived the sandbox (children {children:?})"
        ));
    }
    // Lambda starts a sandbox at the first invocation and after SIGKILL and the timeout.
    if pids.len() != 3 {
        return Err(format!(
            "{transport}: {} function processes ({pids:?}), not the 3 Lambda would start",
            pids.len()
        ));
    }
    settle(|| procs::threads(me).unwrap_or_default() <= threads_before);
    let threads_after = procs::threads(me).unwrap_or_default();
    let fds_after = procs::open_fds(me).unwrap_or_default();
    if threads_after > threads_before || fds_after > fds_before {
        return Err(format!(
            "{transport}: threads {threads_before} → {threads_after}, fds {fds_before} → {fds_after}"
        ));
    }
    Ok(Run {
        transport,
        rows,
        before,
        during,
        slow,
        beside_slow,
        right,
        pids,
        left,
        fds: (fds_before, fds_after),
        threads: (threads_before, threads_after),
        took: started.elapsed(),
    })
}

/// Polls `done` every 5 ms for up to 10 s; whether it came true.
fn settle(mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + Duration::from_secs(10);
    while !done() {
        if Instant::now() > until {
            return false;
        }
        thread::sleep(Duration::from_millis(5));
    }
    true
}

/// Notes every function process the sandbox runs (its pid, each millisecond).
struct Watcher {
    stop: Arc<AtomicBool>,
    thread: thread::JoinHandle<Vec<u32>>,
}

impl Watcher {
    fn start(sandbox: &Arc<Sandbox>) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let (done, sandbox) = (Arc::clone(&stop), Arc::clone(sandbox));
        let thread = thread::spawn(move || {
            let mut pids = Vec::new();
            while !done.load(Ordering::SeqCst) {
                if let Some(p) = sandbox.function_pid().filter(|p| !pids.contains(p)) {
                    pids.push(p);
                }
                thread::sleep(Duration::from_millis(1));
            }
            pids
        });
        Self { stop, thread }
    }

    fn stop(self) -> Result<Vec<u32>, String> {
        self.stop.store(true, Ordering::SeqCst);
        self.thread
            .join()
            .map_err(|_| "the pid watcher panicked".into())
    }
}

/// The `q` quantile of sorted latencies, in ms.
fn quantile_ms(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let at = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted
        .get(at)
        .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn markdown(runs: &[Run], plan: Plan, machine: &str, took: Duration, load_before: &str) -> String {
    let mut md = String::from("## Faults: signals, resets and bad callers under load\n\n");
    let _ = writeln!(md, "{machine}\n");
    let _ = writeln!(
        md,
        "`benches/apps/load.rs` (the event echoed; `{{\"sleep_ms\":N` sleeps first) on each transport, behind the emulator in the bench's process: `Sandbox` with a {} s timeout and `rie::serve_while` on a thread, what `lambkin-emulator serve --port` runs. {CALLERS} background callers invoke over the Invoke API (HTTP/1.1 over TCP, one keep-alive connection each, {} ms between invocations) with unique events and check each answer is their own event. While they run, the faults below land one after the other; a fault not answered as Lambda answers it, a lost or wrong background answer, a missing or extra sandbox, a process, thread or file descriptor left behind fails the run. {} s for the three transports.\n",
        TIMEOUT.as_secs(),
        PAUSE.as_millis(),
        took.as_secs()
    );
    md.push_str("- **SIGKILL**, **SIGSTOP**: a `{\"sleep_ms\":600}` invocation over the Invoke API; once the function runs it (a thread of it sleeps: `/proc/PID/task/*/wchan` says `nanosleep`), `kill -KILL` / `kill -STOP` on the function's pid. Lambda answers `Runtime.ExitError` for a crash and `Sandbox.Timedout` at the deadline, 1 s after delivery (so a little under 1 s after the STOP; the stopped process is then killed), and starts a new sandbox for what follows; the background invocations queued behind the faulted one run on it.\n");
    md.push_str("- **Reset mid-event / mid-response**: emulator faults on an invocation sent with `Sandbox::invoke` (the Invoke API cannot carry them): the `/next` body cut after 5 bytes and the connection closed (lambkin reports `Runtime.TruncatedEvent` on `/error` from a new connection and keeps its process: the event never arrived whole, so nothing ran), and the connection closed unanswered under the runtime's first `/response` (lambkin posts it again on a new connection; the caller gets its answer).\n");
    md.push_str("- **Caller gone**: an invoke of a `{\"sleep_ms\":400}` event written and the socket closed at once. As on Lambda, the invocation runs to its end: the function is seen sleeping in it after the caller left, the connection's thread lives until it ends (at least 400 ms; then the emulator logs its REPORT), and the thread then ends.\n");
    let _ = writeln!(
        md,
        "- **Slow caller**: its whole request (head and body) one byte every {} ms, started before the other faults and running through them. The emulator has no request timeout (one thread per connection), so it is answered in the end with its own event; nobody else waits for it.\n",
        plan.gap.as_millis()
    );
    md.push_str("Fault → answer runs from the signal (or the send) to the faulted caller's answer; \"next other answer\" from that answer to the next background answer (a cold start where the sandbox is new); \"others\" counts the background invocations answered and lost from the fault to that next answer.\n\n");
    md.push_str("| transport | fault | faulted caller got | sandbox | fault → answer | next other answer | others answered / lost |\n|---|---|---|---|---:|---:|---:|\n");
    for run in runs {
        for r in &run.rows {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} / {} |",
                run.transport,
                r.fault,
                r.got,
                r.sandbox,
                ms(r.answer),
                ms(r.recovery),
                thousands(r.others.0),
                r.others.1
            );
        }
    }
    md.push_str("\nThe slow caller, the background callers around it, and what was left after each transport's sandbox was dropped (the bench's own file descriptors and threads, before the sandbox started and after):\n\n");
    md.push_str("| transport | slow caller: bytes, sending, answer | background p50 / p99 before | with the slow caller | answered beside it | background answered / lost | sandboxes | processes left | fds | threads | time |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for run in runs {
        let _ = writeln!(
            md,
            "| {} | {} B, {:.1} s, {} | {:.2} / {:.2} ms | {:.2} / {:.2} ms | {} | {} / 0 | {} | {} | {} → {} | {} → {} | {:.1} s |",
            run.transport,
            run.slow.bytes,
            run.slow.sending.as_secs_f64(),
            format_args!(
                "{} at {:.1} s",
                run.slow.answer.describe(&run.slow.event),
                run.slow.total.as_secs_f64()
            ),
            quantile_ms(&run.before, 0.5),
            quantile_ms(&run.before, 0.99),
            quantile_ms(&run.during, 0.5),
            quantile_ms(&run.during, 0.99),
            thousands(run.beside_slow as u64),
            thousands(run.right),
            run.pids.len(),
            run.left.len(),
            run.fds.0,
            run.fds.1,
            run.threads.0,
            run.threads.1,
            run.took.as_secs_f64(),
        );
    }
    let _ = writeln!(
        md,
        "\nThe p50 / p99 windows are {:.1} s each: background answers before the slow caller connected, and while it alone was sending (the other faults came after). The machine is shared (load average, 1 min: {load_before} before the section, {} after): a stall of tens of ms, all callers at once, lands in either window now and then, which is what moves a p99 here.",
        plan.window.as_secs_f64(),
        crate::stream::load()
    );
    md
}
