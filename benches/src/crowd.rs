//! The crowd section (`--section crowd`): `lambkin-emulator serve --port 0 --concurrency 8`
//! (the real command, a process of its own) in front of the echo function on each transport,
//! and 1,000 callers at once, each on its own keep-alive connection, making 100 invokes
//! (`--smoke`: 50 callers × 10). Every answer must be the caller's own event; every request id
//! must be answered once and appear in exactly one REPORT line of the emulator's log. Latency
//! is each invoke's round trip as its caller sees it. Afterwards the emulator must be back to
//! the file descriptors and threads it had before the crowd, and once it is stopped no process
//! it started may be left.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use lambkin_benches::sections::thousands;

use crate::invoke_api::Conn;
use crate::{measure, procs, subjects};

/// Callers and invokes per caller: the issue's crowd, and CI's.
const FULL: (usize, usize) = (1_000, 100);
const SMOKE: (usize, usize) = (50, 10);
/// `AWS_LAMBDA_MAX_CONCURRENCY` of the function.
const CONCURRENCY: u32 = 8;
/// How long one invoke may take before the run fails (a crowd of 1,000 queues for its turn).
const PATIENCE: Duration = Duration::from_secs(120);
/// Each caller's event carries this much padding besides its ids.
const PAD: usize = 200;

/// What one transport's crowd measured.
struct Crowd {
    name: &'static str,
    invokes: usize,
    wall: Duration,
    /// Round trips in microseconds, sorted.
    latencies: Vec<u64>,
    reports: usize,
    distinct_ids: usize,
    /// The emulator's fds and threads before the crowd, after it, and its peak RSS (KiB).
    fds: (usize, usize),
    threads: (usize, usize),
    emulator_peak_kib: u64,
    /// Function processes the emulator had started, and how many were left once it stopped.
    functions: usize,
    left: usize,
}

pub fn section(smoke: bool, machine: &str) -> Result<String, String> {
    let (callers, each) = if smoke { SMOKE } else { FULL };
    let emulator = emulator_exe()?;
    let mut runs = Vec::new();
    for subject in subjects::load() {
        eprintln!("building {}", subject.name);
        let exe = subject.release()?;
        eprintln!(
            "crowd: {callers} callers × {each} invokes on {} (concurrency {CONCURRENCY})",
            subject.name
        );
        runs.push(crowd(subject.name, &emulator, &exe, callers, each)?);
    }
    let failures: Vec<String> = runs.iter().filter_map(Crowd::failure).collect();
    let markdown = markdown(&runs, callers, each, machine);
    if failures.is_empty() {
        Ok(markdown)
    } else {
        println!("{markdown}");
        Err(format!("crowd: {}", failures.join("; ")))
    }
}

/// Builds the `lambkin-emulator` command (release) and returns its path.
fn emulator_exe() -> Result<PathBuf, String> {
    let root = subjects::root();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = root.join("target/benches/emulator");
    let status = Command::new(cargo)
        .args(["build", "--release", "--locked", "-p", "lambkin-emulator"])
        .args(["--bin", "lambkin-emulator", "--target-dir"])
        .arg(&target)
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err(format!("building lambkin-emulator: {status}"));
    }
    Ok(target.join("release/lambkin-emulator"))
}

/// The emulator process, its Invoke API address, and its stderr (START/END/REPORT lines).
struct Served {
    child: Child,
    addr: String,
    log: mpsc::Receiver<String>,
}

fn serve(emulator: &Path, function: &Path) -> Result<Served, String> {
    let mut child = Command::new(emulator)
        .args(["serve", "--port", "0", "--concurrency"])
        .arg(CONCURRENCY.to_string())
        .args(["--timeout", "60", "--"])
        .arg(function)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", emulator.display()))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let (lines, log) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let prefix = "lambkin-emulator: invoke with POST http://";
    let addr = loop {
        match log.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => {
                if let Some(rest) = line.strip_prefix(prefix) {
                    break rest.split('/').next().unwrap_or_default().to_owned();
                }
            }
            Err(_) => {
                let _ = child.kill();
                return Err("the emulator never said where it listens".into());
            }
        }
    };
    Ok(Served { child, addr, log })
}

fn crowd(
    name: &'static str,
    emulator: &Path,
    function: &Path,
    callers: usize,
    each: usize,
) -> Result<Crowd, String> {
    let mut served = serve(emulator, function)?;
    let pid = served.child.id();
    // One invoke first: the function's init is not the crowd's concern.
    Conn::connect(&served.addr, PATIENCE)?.invoke(b"{\"warm\":true}")?;
    thread::sleep(Duration::from_millis(200));
    let before = (procs::open_fds(pid), procs::threads(pid));
    let started = Instant::now();
    let (done, results) = mpsc::channel();
    for c in 0..callers {
        let (addr, done) = (served.addr.clone(), done.clone());
        thread::Builder::new()
            .stack_size(128 << 10)
            .spawn(move || {
                let _ = done.send(call(&addr, c, each));
            })
            .map_err(|e| format!("caller thread: {e}"))?;
    }
    drop(done);
    let mut latencies = Vec::with_capacity(callers * each);
    let mut ids = HashSet::with_capacity(callers * each);
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(answers) => {
                for (id, us) in answers {
                    latencies.push(us);
                    if !ids.insert(id.clone()) {
                        errors.push(format!("request id {id} answered twice"));
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    let wall = started.elapsed();
    if !errors.is_empty() {
        let exited = served.child.try_wait().ok().flatten();
        let said: Vec<String> = served
            .log
            .try_iter()
            .filter(|l| {
                !["START ", "END ", "REPORT "]
                    .iter()
                    .any(|p| l.starts_with(p))
            })
            .take(5)
            .collect();
        let _ = served.child.kill();
        let _ = served.child.wait();
        return Err(format!(
            "{name}: {} errors, the first: {}; the emulator {}; its other lines: {said:?}",
            errors.len(),
            errors.first().map_or("", String::as_str),
            exited.map_or("was still running".to_owned(), |s| format!(
                "had exited ({s})"
            ))
        ));
    }
    let emulator_peak_kib = measure::peak_kib(pid).unwrap_or_default();
    // The callers closed their connections: the emulator's threads for them end.
    let settled = Instant::now() + Duration::from_secs(10);
    let after = loop {
        let now = (procs::open_fds(pid), procs::threads(pid));
        if now == before || Instant::now() > settled {
            break now;
        }
        thread::sleep(Duration::from_millis(50));
    };
    let functions = procs::children(pid);
    stop(&mut served.child)?;
    let left = functions.iter().filter(|p| procs::alive(**p)).count();
    let reports = report_ids(&served.log, &ids, &mut errors);
    if let Some(first) = errors.first() {
        return Err(format!(
            "{name}: {} errors, the first: {first}",
            errors.len()
        ));
    }
    latencies.sort_unstable();
    Ok(Crowd {
        name,
        invokes: callers * each,
        wall,
        latencies,
        reports,
        distinct_ids: ids.len(),
        fds: (before.0.unwrap_or_default(), after.0.unwrap_or_default()),
        threads: (before.1.unwrap_or_default(), after.1.unwrap_or_default()),
        emulator_peak_kib,
        functions: functions.len(),
        left,
    })
}

/// Stops the emulator as a user does (SIGTERM, as systemd or Ctrl-C's cousin sends), then
/// waits for it; SIGKILL if it lingers.
fn stop(child: &mut Child) -> Result<(), String> {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            // Give orphans a moment to notice, as the check after this expects them gone.
            thread::sleep(Duration::from_millis(500));
            return Ok(());
        }
        thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    Err("the emulator ignored SIGTERM for 10 s".into())
}

/// REPORT lines in the emulator's log: each must name a request id a caller was answered
/// with, and each such id must have exactly one.
fn report_ids(
    log: &mpsc::Receiver<String>,
    ids: &HashSet<String>,
    errors: &mut Vec<String>,
) -> usize {
    let mut reported = HashSet::with_capacity(ids.len());
    let mut reports = 0;
    while let Ok(line) = log.recv_timeout(Duration::from_secs(2)) {
        let Some(rest) = line.strip_prefix("REPORT RequestId: ") else {
            continue;
        };
        let id = rest.split('\t').next().unwrap_or_default().to_owned();
        // The warm-up invoke has a report of its own.
        if !ids.contains(&id) {
            continue;
        }
        reports += 1;
        if !reported.insert(id.clone()) {
            errors.push(format!("two REPORT lines for {id}"));
        }
    }
    let missing = ids.iter().filter(|id| !reported.contains(*id)).count();
    if missing > 0 {
        errors.push(format!("{missing} answered invokes have no REPORT line"));
    }
    reports
}

/// One caller: `each` invokes on one connection; the request id and round trip (µs) of each.
fn call(addr: &str, c: usize, each: usize) -> Result<Vec<(String, u64)>, String> {
    let mut conn = Conn::connect(addr, PATIENCE)?;
    let mut answers = Vec::with_capacity(each);
    for i in 0..each {
        let event = format!(
            r#"{{"caller":{c},"invoke":{i},"pad":"{}"}}"#,
            "x".repeat(PAD)
        );
        let started = Instant::now();
        let answer = conn.invoke(event.as_bytes())?;
        let us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        if answer.status != 200 || answer.body != event.as_bytes() {
            return Err(format!(
                "caller {c} invoke {i} got {}",
                answer.describe(event.as_bytes())
            ));
        }
        answers.push((answer.request_id, us));
    }
    Ok(answers)
}

impl Crowd {
    fn percentile(&self, p: f64) -> f64 {
        let n = self.latencies.len();
        if n == 0 {
            return 0.0;
        }
        let at = ((n as f64 * p).ceil() as usize).clamp(1, n) - 1;
        self.latencies.get(at).copied().unwrap_or_default() as f64 / 1000.0
    }

    /// Why this run misses the issue's targets, if it does.
    fn failure(&self) -> Option<String> {
        let mut why = Vec::new();
        if self.distinct_ids != self.invokes {
            why.push(format!(
                "{} of {} invokes answered",
                self.distinct_ids, self.invokes
            ));
        }
        if self.fds.0 != self.fds.1 {
            why.push(format!("emulator fds {} → {}", self.fds.0, self.fds.1));
        }
        if self.threads.0 != self.threads.1 {
            why.push(format!(
                "emulator threads {} → {}",
                self.threads.0, self.threads.1
            ));
        }
        if self.left > 0 {
            why.push(format!(
                "{} function processes left after the emulator stopped",
                self.left
            ));
        }
        (!why.is_empty()).then(|| format!("{}: {}", self.name, why.join(", ")))
    }
}

fn markdown(runs: &[Crowd], callers: usize, each: usize, machine: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Crowd: 1,000 callers of `serve --concurrency 8`\n");
    let _ = writeln!(
        out,
        "`lambkin-emulator serve --port 0 --concurrency {CONCURRENCY} --timeout 60 -- FUNCTION` \
         runs as its own process in front of `benches/apps/load.rs` (an echo) on each \
         transport. {callers} callers start at once, each on its own keep-alive connection, \
         and make {each} invokes one after another, each with its own {PAD}-byte-padded event. \
         Every answer must be the caller's own event; every request id must come back once \
         and have exactly one REPORT line in the emulator's log. Latency is each invoke's \
         round trip as its caller sees it, queueing for one of the {CONCURRENCY} slots \
         included. Afterwards the emulator must be back to its file descriptors and threads \
         of before the crowd; then it gets SIGTERM, and no function process it started may \
         be left.\n"
    );
    let _ = writeln!(out, "{machine}\n");
    let _ = writeln!(
        out,
        "| transport | invokes | answered once, right | REPORT lines | invokes/s | p50 (ms) | p99 (ms) | max (ms) | emulator fds before → after | threads before → after | emulator peak RSS | processes left |"
    );
    let _ = writeln!(
        out,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for r in runs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.1} | {:.1} | {:.1} | {} → {} | {} → {} | {:.1} MiB | {} of {} |",
            r.name.trim_start_matches("load-"),
            thousands(r.invokes as u64),
            thousands(r.distinct_ids as u64),
            thousands(r.reports as u64),
            thousands((r.invokes as f64 / r.wall.as_secs_f64().max(1e-9)) as u64),
            r.percentile(0.50),
            r.percentile(0.99),
            r.percentile(1.0),
            r.fds.0,
            r.fds.1,
            r.threads.0,
            r.threads.1,
            r.emulator_peak_kib as f64 / 1024.0,
            r.left,
            r.functions,
        );
    }
    out
}
