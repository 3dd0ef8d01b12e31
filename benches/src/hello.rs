//! The hello section: the same hello function on lambkin's transports, the official runtime and
//! a hand-written floor, and the feature size table.

use crate::measure::{HELLO, Sample};
use crate::report::{self, Ratios, Row};
use crate::rounds::{self, Plan, div, pairwise};
use crate::subjects;

/// What the hello run writes: the top of RESULTS.md, and the ratios for `ratios.svg`.
pub struct Hello {
    pub markdown: String,
    pub ratios: Vec<Ratios>,
}

pub fn section(plan: Plan, smoke: bool, command: &str, context: &str) -> Result<Hello, String> {
    let all = subjects::all();
    let subjects: Vec<_> = all.iter().filter(|s| s.run).cloned().collect();
    let mut built = Vec::new();
    for s in &subjects {
        eprintln!("building {}", s.name);
        built.push(s.build(!smoke)?);
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
    let emu = rounds::emulator()?;
    let binaries: Vec<_> = built.iter().map(|b| (b.exe.as_path(), HELLO)).collect();
    let samples = rounds::alternate(&emu, &binaries, plan)?;
    let mut rows = Vec::new();
    for ((s, b), runs) in subjects.iter().zip(&built).zip(&samples) {
        let figures = rounds::valgrind_figures(s.name, &b.exe, HELLO, plan)?;
        rows.push(rounds::row(s.name, b, runs, figures));
    }
    let ratios = ratios(&rows, &samples);
    let markdown = format!(
        "{}\n{}",
        report::markdown(&rows, &ratios, context),
        report::sizes(&sizes, "lambkin-std", command)
    );
    Ok(Hello { markdown, ratios })
}

/// Each binary's figures over the baseline's (the first subject, the official runtime).
fn ratios(rows: &[Row], samples: &[Vec<Sample>]) -> Vec<Ratios> {
    let (Some(base), Some(base_runs)) = (rows.first(), samples.first()) else {
        return Vec::new();
    };
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
                    div(r.stripped_size_profile, base.stripped_size_profile),
                ),
                ("clean build", div(r.clean_build_s, base.clean_build_s)),
                (
                    "cold start",
                    Some(pairwise(runs, base_runs, &|s| s.cold_start.as_secs_f64())),
                ),
                ("peak RSS", Some(r.peak_rss_mib / base.peak_rss_mib)),
                (
                    "throughput",
                    Some(pairwise(runs, base_runs, &Sample::per_second)),
                ),
                (
                    "backlog throughput",
                    Some(pairwise(runs, base_runs, &Sample::backlog_per_second)),
                ),
                (
                    "CPU / invocation",
                    Some(pairwise(runs, base_runs, &rounds::cpu_per_invocation)),
                ),
                ("instructions", div(r.instructions, base.instructions)),
            ],
        })
        .collect()
}
