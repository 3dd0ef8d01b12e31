//! `lambkin-benches`: the same function on lambkin and on the official runtime, against one
//! Runtime API server, in alternating rounds. Nine sections: hello (lambkin's transports, the
//! official runtime and a hand-written floor), HTTP (one axum app on lambkin-http and on
//! lambda_http), logs, cores (`AWS_LAMBDA_MAX_CONCURRENCY`: CPU-bound throughput on two
//! cores, and what idle workers cost), stream (a 50 MiB streamed response and the first
//! byte against the official `StreamResponse`, on the bench's own Runtime API) and extension
//! (a telemetry extension counting records against `lambda-extension`, on the bench's own
//! Extensions and Telemetry APIs), then lambkin alone under load: soak (a million
//! invocations per transport, memory, files and threads), crowd (1,000 callers of
//! `lambkin-emulator serve --concurrency 8`) and faults (signals, resets and bad callers while
//! other invocations run).
//!
//! `cargo run --release -p lambkin-benches` regenerates `benches/RESULTS.md` and
//! `benches/ratios.svg` (keeping the micro-benchmark section `--bin micro` writes there);
//! `-- --section http` (or `hello`, `logs`: the cost of a JSON log line, `cores`, `stream`,
//! `extension`, `soak`, `crowd`, `faults`) runs one section and rewrites only its part; `--smoke` runs a few hundred
//! invocations per binary (CI), a 400 KiB stream and a few telemetry batches, and writes under
//! `target/benches/` instead.
#![forbid(unsafe_code)]
#![allow(
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::cast_precision_loss
)]

mod cores;
mod crowd;
mod extension;
mod extension_api;
mod faults;
mod hello;
mod http;
mod invoke_api;
mod logs;
mod measure;
mod procs;
mod report;
mod rounds;
mod soak;
mod stream;
mod stream_api;
mod subjects;
mod valgrind;

use std::process::ExitCode;

use lambkin_benches::sections;
use rounds::Plan;

/// The sections, in the order they run and `--section` names them.
const SECTIONS: [&str; 9] = [
    "hello",
    "http",
    "logs",
    "cores",
    "stream",
    "extension",
    "soak",
    "crowd",
    "faults",
];

struct Options {
    smoke: bool,
    plan: Plan,
    /// Which of [`SECTIONS`] run.
    run: [bool; 9],
}

impl Options {
    fn runs(&self, section: &str) -> bool {
        SECTIONS
            .iter()
            .zip(self.run)
            .any(|(name, on)| on && *name == section)
    }
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        smoke: false,
        plan: Plan {
            rounds: 20,
            invocations: 20_000,
            valgrind: true,
        },
        run: [true; 9],
    };
    let mut chosen: Option<[bool; 9]> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--smoke" => {
                o.smoke = true;
                o.plan.rounds = 3;
                o.plan.invocations = 300;
                o.plan.valgrind = false;
            }
            "--rounds" => o.plan.rounds = number(&a, &value()?)?.max(1),
            "--invocations" => o.plan.invocations = number(&a, &value()?)?,
            "--no-valgrind" => o.plan.valgrind = false,
            "--section" => {
                let name = value()?;
                let Some(i) = SECTIONS.iter().position(|s| *s == name) else {
                    return Err(format!(
                        "unknown section {name}; use one of {}",
                        SECTIONS.join(", ")
                    ));
                };
                if let Some(on) = chosen.get_or_insert([false; 9]).get_mut(i) {
                    *on = true;
                }
            }
            other => {
                return Err(format!(
                    "unknown argument {other}; use [--smoke] [--rounds N] [--invocations N] [--no-valgrind] [--section {}]...",
                    SECTIONS.join("|")
                ));
            }
        }
    }
    if let Some(chosen) = chosen {
        o.run = chosen;
    }
    Ok(o)
}

fn number(flag: &str, v: &str) -> Result<usize, String> {
    v.parse().map_err(|_| format!("{flag} needs a number"))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lambkin-benches: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let o = options()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = if args.is_empty() {
        "cargo run --release -p lambkin-benches".to_owned()
    } else {
        format!(
            "cargo run --release -p lambkin-benches -- {}",
            args.join(" ")
        )
    };
    let machine = format!(
        "Machine: {} cores, {}. Date: {}. Command: `{command}`.",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        std::env::consts::ARCH,
        today(),
    );
    let context = format!(
        "{machine} {} rounds, {} invocations per binary, alternating. Figures are medians over rounds; ratios are medians of pairwise ratios within each round where the figure is per round.",
        o.plan.rounds,
        o.plan.per_round() * o.plan.rounds,
    );
    let dir = if o.smoke {
        subjects::root().join("target/benches")
    } else {
        subjects::root().join("benches")
    };
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // Each section rewrites only its own part; the micro section (`--bin micro`) stays as it was.
    let mut doc = std::fs::read_to_string(dir.join("RESULTS.md")).unwrap_or_default();
    if o.runs("hello") {
        let hello = hello::section(o.plan, o.smoke, &command, &context)?;
        doc = sections::with_top(&doc, &hello.markdown);
        std::fs::write(dir.join("ratios.svg"), report::svg(&hello.ratios))
            .map_err(|e| e.to_string())?;
        println!("{}", hello.markdown);
    }
    if o.runs("http") {
        let started = std::time::Instant::now();
        let http = http::section(o.plan, o.smoke, &context)?;
        doc = sections::with_http(&doc, &http);
        println!("{http}");
        eprintln!("HTTP section: {:.0} s", started.elapsed().as_secs_f64());
    }
    if o.runs("logs") {
        let logs = logs::section(o.plan, &command)?;
        doc = sections::with_logs(&doc, &logs);
        println!("{logs}");
    }
    if o.runs("cores") {
        let started = std::time::Instant::now();
        let cores = cores::section(o.plan, &context)?;
        doc = sections::with_cores(&doc, &cores);
        println!("{cores}");
        eprintln!("cores section: {:.0} s", started.elapsed().as_secs_f64());
    }
    if o.runs("stream") {
        let started = std::time::Instant::now();
        let stream = stream::section(o.plan, o.smoke, &machine)?;
        doc = sections::with_stream(&doc, &stream);
        println!("{stream}");
        eprintln!("stream section: {:.0} s", started.elapsed().as_secs_f64());
    }
    if o.runs("extension") {
        let started = std::time::Instant::now();
        let extension = extension::section(o.plan, o.smoke, &machine)?;
        doc = sections::with_extension(&doc, &extension);
        println!("{extension}");
        eprintln!(
            "extension section: {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    // lambkin alone under load: each section is run, then put in its place.
    type Run = fn(bool, &str) -> Result<String, String>;
    type Place = fn(&str, &str) -> String;
    let load: [(&str, Run, Place); 3] = [
        ("soak", soak::section, sections::with_soak),
        ("crowd", crowd::section, sections::with_crowd),
        ("faults", faults::section, sections::with_faults),
    ];
    for (name, run, place) in load {
        if o.runs(name) {
            let started = std::time::Instant::now();
            let section = run(o.smoke, &machine)?;
            doc = place(&doc, &section);
            println!("{section}");
            eprintln!("{name} section: {:.0} s", started.elapsed().as_secs_f64());
        }
    }
    std::fs::write(dir.join("RESULTS.md"), doc).map_err(|e| e.to_string())
}

/// Today's date (UTC), from `date`, for the report's header.
fn today() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%F"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map_or_else(|| "unknown".into(), |d| d.trim().to_owned())
}
