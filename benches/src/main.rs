//! `lambkin-benches`: the same hello function on lambkin's transports, the official runtime
//! and a hand-written floor, against one Runtime API server, in alternating rounds.
//!
//! `cargo run --release -p lambkin-benches` regenerates `benches/RESULTS.md` and
//! `benches/ratios.svg` (keeping the micro-benchmark section `--bin micro` writes there);
//! `--smoke` runs a few hundred invocations per binary (CI) and writes
//! under `target/benches/` instead.
#![forbid(unsafe_code)]
#![allow(
    clippy::std_instead_of_core,
    clippy::std_instead_of_alloc,
    clippy::cast_precision_loss
)]

mod measure;
mod report;
mod subjects;
mod valgrind;

use std::process::ExitCode;
use std::time::Duration;

use lambkin_benches::sections;
use lambkin_emulator::{Config, Emulator};
use report::{Ratios, Row};

struct Options {
    smoke: bool,
    rounds: usize,
    invocations: usize,
    valgrind: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        smoke: false,
        rounds: 20,
        invocations: 20_000,
        valgrind: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = || {
            args.next()
                .and_then(|v| v.parse::<usize>().ok())
                .ok_or(format!("{a} needs a number"))
        };
        match a.as_str() {
            "--smoke" => {
                o.smoke = true;
                o.rounds = 3;
                o.invocations = 300;
                o.valgrind = false;
            }
            "--rounds" => o.rounds = number()?.max(1),
            "--invocations" => o.invocations = number()?,
            "--no-valgrind" => o.valgrind = false,
            other => {
                return Err(format!(
                    "unknown argument {other}; use [--smoke] [--rounds N] [--invocations N] [--no-valgrind]"
                ));
            }
        }
    }
    Ok(o)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
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
    let all = subjects::all();
    let subjects: Vec<_> = all.iter().filter(|s| s.run).cloned().collect();
    let mut built = Vec::new();
    for s in &subjects {
        eprintln!("building {}", s.name);
        built.push(s.build(!o.smoke)?);
    }
    let mut sizes = Vec::new();
    for s in all.iter().filter(|s| s.sized) {
        let bytes = match subjects.iter().zip(&built).find(|(r, _)| r.name == s.name) {
            Some((_, b)) => b.stripped_release,
            None => {
                eprintln!("building {} (size only)", s.name);
                s.stripped_release()?
            }
        };
        sizes.push(report::Size {
            name: s.name.to_owned(),
            recipe: s.recipe(),
            bytes,
        });
    }
    let emu = Emulator::start(Config {
        record_requests: false,
        timeout: Duration::from_secs(30),
        ..Config::default()
    })
    .map_err(|e| e.to_string())?;
    let per_round = (o.invocations / o.rounds).max(1);
    // samples[subject][round], gathered A B C A B C … so drift hits every binary alike.
    let mut samples: Vec<Vec<measure::Sample>> = vec![Vec::new(); subjects.len()];
    for round in 0..o.rounds {
        for (i, b) in built.iter().enumerate() {
            let sample = measure::round(&emu, &b.exe, per_round)?;
            samples.get_mut(i).ok_or("subject index")?.push(sample);
        }
        eprintln!("round {}/{} done", round + 1, o.rounds);
    }
    let mut rows = Vec::new();
    for ((s, b), runs) in subjects.iter().zip(&built).zip(&samples) {
        let (allocs, instructions) = if o.valgrind && valgrind::available() {
            eprintln!("valgrind: {}", s.name);
            (
                Some(valgrind::per_invocation(
                    valgrind::Tool::Dhat,
                    &b.exe,
                    50,
                    250,
                )?),
                Some(valgrind::per_invocation(
                    valgrind::Tool::Callgrind,
                    &b.exe,
                    50,
                    250,
                )?),
            )
        } else {
            (None, None)
        };
        let wall: f64 = runs.iter().map(|r| r.wall.as_secs_f64()).sum();
        let calls: usize = runs.iter().map(|r| r.invocations).sum();
        rows.push(Row {
            name: s.name.to_owned(),
            stripped_release: b.stripped_release as f64,
            stripped_size_profile: b.stripped_size_profile as f64,
            clean_build_s: b.clean_build.map(|d| d.as_secs_f64()),
            cold_start_ms: median(
                runs.iter()
                    .map(|r| r.cold_start.as_secs_f64() * 1e3)
                    .collect(),
            ),
            peak_rss_mib: runs.iter().map(|r| r.peak_kib).max().unwrap_or_default() as f64 / 1024.0,
            throughput: calls as f64 / wall.max(1e-9),
            throughput_backlog: calls as f64
                / runs
                    .iter()
                    .map(|r| r.backlog_wall.as_secs_f64())
                    .sum::<f64>()
                    .max(1e-9),
            cpu_us: median(
                runs.iter()
                    .map(|r| r.cpu_per_invocation().as_secs_f64() * 1e6)
                    .collect(),
            ),
            allocs,
            instructions,
        });
    }
    let ratios = ratios(&rows, &samples);
    let command = format!(
        "cargo run --release -p lambkin-benches{}",
        if o.smoke { " -- --smoke" } else { "" }
    );
    let context = format!(
        "Machine: {} cores, {}. Date: {}. Command: `{command}`. {} rounds, {} invocations per binary, alternating. Figures are medians over rounds; ratios are medians of pairwise ratios within each round where the figure is per round.",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        std::env::consts::ARCH,
        today(),
        o.rounds,
        per_round * o.rounds,
    );
    let md = format!(
        "{}\n{}",
        report::markdown(&rows, &ratios, &context),
        report::sizes(&sizes, "lambkin-std", &command)
    );
    let dir = if o.smoke {
        subjects::root().join("target/benches")
    } else {
        subjects::root().join("benches")
    };
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // The micro benchmarks' section (written by `--bin micro`) stays as it was.
    let old = std::fs::read_to_string(dir.join("RESULTS.md")).unwrap_or_default();
    std::fs::write(dir.join("RESULTS.md"), sections::keep_micro(&md, &old))
        .map_err(|e| e.to_string())?;
    std::fs::write(dir.join("ratios.svg"), report::svg(&ratios)).map_err(|e| e.to_string())?;
    println!("{md}");
    Ok(())
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

/// Each binary's figures over the baseline's (the first subject, the official runtime).
fn ratios(rows: &[Row], samples: &[Vec<measure::Sample>]) -> Vec<Ratios> {
    let (Some(base), Some(base_runs)) = (rows.first(), samples.first()) else {
        return Vec::new();
    };
    let pairwise = |runs: &[measure::Sample], f: &dyn Fn(&measure::Sample) -> f64| {
        median(
            runs.iter()
                .zip(base_runs)
                .map(|(a, b)| f(a) / f(b))
                .collect(),
        )
    };
    let div = |a: Option<f64>, b: Option<f64>| Some(a? / b?).filter(|v| v.is_finite());
    rows.iter()
        .zip(samples)
        .skip(1)
        .map(|(r, runs)| Ratios {
            name: r.name.clone(),
            values: vec![
                (
                    "stripped size",
                    Some(r.stripped_release / base.stripped_release),
                ),
                (
                    "size profile",
                    Some(r.stripped_size_profile / base.stripped_size_profile),
                ),
                ("clean build", div(r.clean_build_s, base.clean_build_s)),
                (
                    "cold start",
                    Some(pairwise(runs, &|s| s.cold_start.as_secs_f64())),
                ),
                ("peak RSS", Some(r.peak_rss_mib / base.peak_rss_mib)),
                (
                    "throughput",
                    Some(pairwise(runs, &measure::Sample::per_second)),
                ),
                (
                    "backlog throughput",
                    Some(pairwise(runs, &measure::Sample::backlog_per_second)),
                ),
                (
                    "CPU / invocation",
                    Some(pairwise(runs, &|s| {
                        s.cpu.as_secs_f64() / s.invocations as f64
                    })),
                ),
                ("instructions", div(r.instructions, base.instructions)),
            ],
        })
        .collect()
}
