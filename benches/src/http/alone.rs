//! The app alone (`benches/apps/axum_alone.rs`): the HTTP section's router with no runtime, a
//! floor under both runtimes' per-invocation figures, and what each target leaves beyond it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use lambkin_benches::sections::thousands;

use super::{ALLOCATIONS_TARGET, INSTRUCTIONS_TARGET};
use crate::report::{Row, opt};
use crate::rounds::Plan;
use crate::subjects;
use crate::valgrind::{self, Tool};

/// The app alone's Valgrind figures per request.
#[derive(Clone, Copy)]
pub struct Floor {
    allocs: f64,
    instructions: f64,
}

/// Builds the binary and checks that it answers `body`, the body both runtimes answered (so
/// it served the same request).
pub fn build(body: &str) -> Result<PathBuf, String> {
    let subject = subjects::http_alone();
    eprintln!("building {}", subject.name);
    let exe = subject.release()?;
    let out = valgrind::bounded(Command::new(&exe).arg("1"), Duration::from_secs(60))?;
    let said = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || said.trim_end_matches('\n') != body {
        return Err(format!(
            "{} answered {said:?} ({}: {}), the runtimes {body:?}",
            subject.name,
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(exe)
}

/// The figures, where the plan and the machine run Valgrind.
pub fn measure(exe: &Path, plan: Plan) -> Result<Option<Floor>, String> {
    if !(plan.valgrind && valgrind::available()) {
        return Ok(None);
    }
    eprintln!("valgrind: axum-alone");
    Ok(Some(Floor {
        allocs: valgrind::per_request(Tool::Dhat, exe, 50, 250)?,
        instructions: valgrind::per_request(Tool::Callgrind, exe, 50, 250)?,
    }))
}

/// What each runtime adds to the app alone, and what that leaves of each per-invocation
/// target: a target below the app's own figure cannot be met by any runtime.
pub fn markdown(base: &Row, ours: &Row, floor: Option<Floor>) -> String {
    let Some(floor) = floor else {
        return String::new();
    };
    let mut md = format!(
        "\n**The app alone** (`benches/apps/axum_alone.rs`: the same router called in a loop, with no runtime, on the event's request built in memory, its body a shared `Bytes`, its answer read frame by frame; Valgrind as above, (250 − 50 requests) / 200): {} instructions and {} allocations per request. That is a floor under any runtime running this app: building a request and reading the answer cost at least that much. What each runtime adds to it:\n\n| per invocation, beyond the app alone | {} | {} | {} / {} |\n|---|---:|---:|---:|\n",
        thousands(floor.instructions.round() as u64),
        opt(Some(floor.allocs), 1),
        base.name,
        ours.name,
        ours.name,
        base.name,
    );
    // Each row with how its numbers print: instructions whole, allocations to one decimal.
    let whole: fn(f64) -> String = |v| thousands(v.round() as u64);
    let tenths: fn(f64) -> String = |v| opt(Some(v), 1);
    let rows = [
        (
            "instructions",
            base.instructions,
            ours.instructions,
            floor.instructions,
            INSTRUCTIONS_TARGET,
            whole,
        ),
        (
            "allocations",
            base.allocs,
            ours.allocs,
            floor.allocs,
            ALLOCATIONS_TARGET,
            tenths,
        ),
    ];
    let mut verdicts = String::new();
    for (what, b, o, app, target, show) in rows {
        let (Some(b), Some(o)) = (b, o) else { continue };
        if o < app || b <= app {
            // A runtime below the app alone means the floor is not one: say so, not a ratio.
            let _ = writeln!(
                md,
                "| {what} | {} | {} | **below the app alone: the floor does not hold** |",
                show(b - app),
                show(o - app)
            );
            continue;
        }
        let _ = writeln!(
            md,
            "| {what} | {} | {} | {:.2}× |",
            show(b - app),
            show(o - app),
            (o - app) / (b - app)
        );
        let budget = target * b;
        let _ = write!(
            verdicts,
            " The {what} target ({target:.2}× of {}) allows {} per invocation in all: ",
            base.name,
            show(budget)
        );
        let _ = if budget < app {
            write!(
                verdicts,
                "fewer than the app alone, so **no runtime can meet it with this app**."
            )
        } else {
            write!(
                verdicts,
                "{} beyond the app alone, where {} adds {}.",
                show(budget - app),
                ours.name,
                show(o - app)
            )
        };
    }
    md.push('\n');
    md.push_str(verdicts.trim_start());
    md.push('\n');
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, instructions: f64, allocs: f64) -> Row {
        Row {
            name: name.to_owned(),
            allocs: Some(allocs),
            instructions: Some(instructions),
            ..Row::default()
        }
    }

    /// The figures of the 2026-12-04 run: instructions whole, allocations to one decimal, and
    /// the allocation target below the app alone said as such.
    #[test]
    fn what_each_runtime_adds_and_what_the_targets_leave() {
        let floor = Floor {
            allocs: 122.0,
            instructions: 69_732.0,
        };
        let base = row("lambda_http", 344_961.0, 356.0);
        let ours = row("lambkin-http", 128_510.0, 133.0);
        let md = markdown(&base, &ours, Some(floor));
        for line in [
            "| instructions | 275,229 | 58,778 | 0.21× |",
            "| allocations | 234.0 | 11.0 | 0.05× |",
            "allows 120,736 per invocation in all: 51,004 beyond the app alone, where lambkin-http adds 58,778.",
            "allows 106.8 per invocation in all: fewer than the app alone, so **no runtime can meet it with this app**.",
        ] {
            assert!(md.contains(line), "{line:?} not in:\n{md}");
        }
        assert_eq!(markdown(&base, &ours, None), "");
    }

    #[test]
    fn a_runtime_below_the_app_alone_is_not_given_a_ratio() {
        let floor = Floor {
            allocs: 140.0,
            instructions: 69_732.0,
        };
        let md = markdown(
            &row("lambda_http", 344_961.0, 356.0),
            &row("lambkin-http", 128_510.0, 133.0),
            Some(floor),
        );
        assert!(
            md.contains(
                "| allocations | 216.0 | -7.0 | **below the app alone: the floor does not hold** |"
            ),
            "{md}"
        );
    }
}
