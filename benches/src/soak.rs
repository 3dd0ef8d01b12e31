//! The soak section (`--section soak`): one function process per transport serves a million
//! invocations (`--smoke`: 3,000) through the emulator's [`Sandbox`], the way Lambda keeps a
//! warm sandbox alive, with events drawn from a mix of sizes (1 KiB to 6 MB, the event
//! fixtures included). Each answer must be its event, byte for byte. Issue 18's targets: peak
//! RSS (VmHWM) after 10,000 and after 1,000,000 invocations within 2% of each other; open file
//! descriptors and threads the same at both points; the process never replaced.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use lambkin_benches::cases::EVENTS_DIR;
use lambkin_benches::sections::thousands;
use lambkin_emulator::{Config, FunctionSpec, Invocation, Outcome, Sandbox};

use crate::{measure, procs, subjects};

/// Invocations in a full run, and the point the first figures are taken.
const FULL: (usize, usize) = (1_000_000, 10_000);
/// Smoke runs (CI): enough for every size to come round at least twice.
const SMOKE: (usize, usize) = (3_000, 1_000);
/// Issue 18's bound on peak RSS growth between the two points.
const MAX_GROWTH: f64 = 0.02;
/// How often progress is printed (stderr).
const PROGRESS: usize = 100_000;

/// The generated sizes and how many of each come in every [`CYCLE`] invocations; the rest of
/// a cycle is every event fixture once, then [`SMALL`] events.
const GENERATED: [(usize, usize); 4] = [
    (6_000_000, 1),
    (1 << 20, 4),
    (256 << 10, 16),
    (16 << 10, 100),
];
/// The size of the events that fill each cycle.
const SMALL: usize = 1 << 10;
/// One cycle of the mix: every size and fixture comes once per cycle, in a shuffled order.
const CYCLE: usize = 1_000;

/// What one transport's run measured.
struct Soak {
    name: &'static str,
    invocations: usize,
    bytes: u64,
    wall: Duration,
    /// Figures at the first point, then at the end.
    early: Point,
    end: Point,
    /// The function's process was the same one throughout.
    same_process: bool,
    /// The fewest and most fds and threads over every sample (one each `early_at`
    /// invocations, and the end), and how many samples.
    fds_range: (usize, usize),
    threads_range: (usize, usize),
    samples: usize,
}

/// The process's figures at one point of the run.
#[derive(Clone, Copy)]
struct Point {
    invocations: usize,
    peak_kib: u64,
    rss_kib: usize,
    fds: usize,
    threads: usize,
    /// VmRSS of this process, which holds the emulator (and the events), KiB.
    emulator_rss_kib: usize,
}

pub fn section(smoke: bool, machine: &str) -> Result<String, String> {
    let (total, early) = if smoke { SMOKE } else { FULL };
    let mix = Mix::new()?;
    let mut runs = Vec::new();
    for subject in subjects::load() {
        eprintln!("building {}", subject.name);
        let exe = subject.release()?;
        eprintln!(
            "soak: {} invocations on {}",
            thousands(total as u64),
            subject.name
        );
        runs.push(soak(subject.name, &exe, &mix, total, early)?);
    }
    let failures: Vec<String> = runs.iter().filter_map(Soak::failure).collect();
    let markdown = markdown(&runs, &mix, machine);
    if failures.is_empty() {
        Ok(markdown)
    } else {
        println!("{markdown}");
        Err(format!("soak: {}", failures.join("; ")))
    }
}

/// The events, in the order one cycle sends them.
struct Mix {
    events: Vec<Vec<u8>>,
    /// Indexes into `events`, [`CYCLE`] long.
    order: Vec<usize>,
    fixtures: usize,
}

impl Mix {
    fn new() -> Result<Self, String> {
        let mut events: Vec<Vec<u8>> = Vec::new();
        let mut order = Vec::new();
        for (size, count) in GENERATED {
            order.extend(std::iter::repeat_n(events.len(), count));
            events.push(padded(size));
        }
        let mut fixtures: Vec<_> = std::fs::read_dir(EVENTS_DIR)
            .map_err(|e| format!("{EVENTS_DIR}: {e}"))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        fixtures.sort();
        for path in &fixtures {
            order.push(events.len());
            events.push(std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?);
        }
        let small = events.len();
        events.push(padded(SMALL));
        if order.len() > CYCLE {
            return Err(format!(
                "the mix has {} events, more than a cycle",
                order.len()
            ));
        }
        order.resize(CYCLE, small);
        shuffle(&mut order);
        Ok(Self {
            events,
            order,
            fixtures: fixtures.len(),
        })
    }

    fn event(&self, i: usize) -> &[u8] {
        let index = self.order.get(i % CYCLE).copied().unwrap_or_default();
        self.events.get(index).map_or(&[], Vec::as_slice)
    }

    fn cycle_bytes(&self) -> u64 {
        (0..CYCLE).map(|i| self.event(i).len() as u64).sum()
    }
}

/// A JSON event of exactly `size` bytes: `{"pad":"xx…"}`.
fn padded(size: usize) -> Vec<u8> {
    let mut event = br#"{"pad":""#.to_vec();
    event.resize(size.saturating_sub(2), b'x');
    event.extend_from_slice(br#""}"#);
    event
}

/// A fixed Fisher–Yates shuffle (an LCG; the same order every run).
fn shuffle(order: &mut [usize]) {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for i in (1..order.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = usize::try_from(state >> 33).unwrap_or_default() % (i + 1);
        order.swap(i, j);
    }
}

fn soak(
    name: &'static str,
    exe: &std::path::Path,
    mix: &Mix,
    total: usize,
    early_at: usize,
) -> Result<Soak, String> {
    let config = Config {
        record_requests: false,
        timeout: Duration::from_secs(30),
        ..Config::default()
    };
    let sandbox = Sandbox::start(FunctionSpec::new(exe), config).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut bytes = 0;
    let mut pid = None;
    let mut same_process = true;
    let mut early = None;
    let mut samples = Vec::new();
    for i in 0..total {
        let event = mix.event(i);
        let report = sandbox.invoke(Invocation::new(event));
        match &report.outcome {
            Outcome::Response { body, .. } if body == event => {}
            other => {
                return Err(format!(
                    "{name}: invocation {i} ({} B) ended {}",
                    event.len(),
                    describe(other)
                ));
            }
        }
        bytes += event.len() as u64;
        let now = sandbox.function_pid();
        same_process &= pid.is_none() || now == pid;
        pid = now;
        if (i + 1) % early_at == 0 {
            let now = point(pid, i + 1)?;
            early.get_or_insert(now);
            samples.push(now);
        }
        if (i + 1) % PROGRESS == 0 {
            eprintln!(
                "  {name}: {} invocations, {:.0} s",
                thousands((i + 1) as u64),
                started.elapsed().as_secs_f64()
            );
        }
    }
    let wall = started.elapsed();
    let end = point(pid, total)?;
    let early = early.ok_or("the run ended before its first point")?;
    if samples.last().map(|p| p.invocations) != Some(total) {
        samples.push(end);
    }
    let range = |f: fn(&Point) -> usize| {
        let all = samples.iter().map(f);
        (
            all.clone().min().unwrap_or_default(),
            all.max().unwrap_or_default(),
        )
    };
    Ok(Soak {
        name,
        invocations: total,
        bytes,
        wall,
        early,
        end,
        same_process,
        fds_range: range(|p| p.fds),
        threads_range: range(|p| p.threads),
        samples: samples.len(),
    })
}

/// The function process's figures now.
fn point(pid: Option<u32>, invocations: usize) -> Result<Point, String> {
    let pid = pid.ok_or("no function process")?;
    let missing = || format!("/proc/{pid} cannot be read");
    Ok(Point {
        invocations,
        peak_kib: measure::peak_kib(pid).ok_or_else(missing)?,
        rss_kib: procs::rss_kib(pid).ok_or_else(missing)?,
        fds: procs::open_fds(pid).ok_or_else(missing)?,
        threads: procs::threads(pid).ok_or_else(missing)?,
        emulator_rss_kib: procs::rss_kib(std::process::id()).unwrap_or_default(),
    })
}

/// An outcome in a few words, without a body that may be megabytes long.
fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Response { body, .. } => format!("with a different response of {} B", body.len()),
        Outcome::Error { error_type, .. } => format!("as an error ({error_type})"),
        Outcome::TimedOut => "timed out".into(),
        Outcome::Rejected { status } => format!("rejected with {status}"),
    }
}

impl Soak {
    fn growth(&self) -> f64 {
        let early = self.early.peak_kib as f64;
        (self.end.peak_kib as f64 - early) / early.max(1.0)
    }

    /// Why this run misses the issue's targets, if it does.
    fn failure(&self) -> Option<String> {
        let mut why = Vec::new();
        if self.growth() > MAX_GROWTH {
            why.push(format!("peak RSS grew {:.1}%", self.growth() * 100.0));
        }
        let (fds, threads) = (self.fds_range, self.threads_range);
        if fds.0 != fds.1 {
            why.push(format!("fds between {} and {}", fds.0, fds.1));
        }
        if threads.0 != threads.1 {
            why.push(format!("threads between {} and {}", threads.0, threads.1));
        }
        if !self.same_process {
            why.push("the function process was replaced".into());
        }
        (!why.is_empty()).then(|| format!("{}: {}", self.name, why.join(", ")))
    }
}

fn markdown(runs: &[Soak], mix: &Mix, machine: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Soak: a long-lived sandbox on every transport\n");
    let _ = writeln!(
        out,
        "One function process per transport (`benches/apps/load.rs`: the event's bytes back, \
         each answer checked byte for byte) serves every invocation through the emulator's \
         `Sandbox`, as a warm Lambda sandbox lives. Events come in cycles of {CYCLE}, shuffled \
         once: one of 6,000,000 B, 4 of 1 MiB, 16 of 256 KiB, 100 of 16 KiB, the {} event \
         fixtures, the rest 1 KiB ({} per cycle). Peak RSS is VmHWM of the function process; \
         fds are `/proc/PID/fd` entries; threads from `/proc/PID/status`; all are read at the \
         first point and then every as many invocations ({} samples), fds and threads shown \
         as first → end and the range over every sample. The emulator's RSS is the bench \
         process's own (it runs the emulator and holds the events). Target (issue 18): peak \
         RSS at the end within {:.0}% of the first point, fds and threads unchanged.\n",
        mix.fixtures,
        mib(mix.cycle_bytes()),
        runs.first().map_or(0, |r| r.samples),
        MAX_GROWTH * 100.0,
    );
    let _ = writeln!(out, "{machine}\n");
    let _ = writeln!(
        out,
        "| transport | invocations | event bytes | wall | invocations/s | peak RSS (KiB) first → end | growth | RSS now (KiB) | fds | threads | one process | emulator RSS (KiB) | target |"
    );
    let _ = writeln!(
        out,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|"
    );
    for r in runs {
        let _ = writeln!(
            out,
            "| {} | {} → {} | {} | {:.0} s | {} | {} → {} | {:+.2}% | {} → {} | {} → {} ({}–{}) | {} → {} ({}–{}) | {} | {} → {} | {} |",
            r.name.trim_start_matches("load-"),
            thousands(r.early.invocations as u64),
            thousands(r.invocations as u64),
            mib(r.bytes),
            r.wall.as_secs_f64(),
            thousands((r.invocations as f64 / r.wall.as_secs_f64().max(1e-9)) as u64),
            thousands(r.early.peak_kib),
            thousands(r.end.peak_kib),
            r.growth() * 100.0,
            thousands(r.early.rss_kib as u64),
            thousands(r.end.rss_kib as u64),
            r.early.fds,
            r.end.fds,
            r.fds_range.0,
            r.fds_range.1,
            r.early.threads,
            r.end.threads,
            r.threads_range.0,
            r.threads_range.1,
            if r.same_process { "yes" } else { "no" },
            thousands(r.early.emulator_rss_kib as u64),
            thousands(r.end.emulator_rss_kib as u64),
            if r.failure().is_none() {
                "met"
            } else {
                "missed"
            },
        );
    }
    out
}

fn mib(bytes: u64) -> String {
    if bytes >= 1 << 30 {
        format!("{:.1} GiB", bytes as f64 / f64::from(1u32 << 30))
    } else {
        format!("{:.1} MiB", bytes as f64 / f64::from(1u32 << 20))
    }
}
