//! The logs section: what one JSON log line costs per invocation (examples/logs with
//! `AWS_LAMBDA_LOG_FORMAT=JSON` minus hello), and what the `tracing` feature costs compiled in
//! but unused (hello built with it, `init` not called). Callgrind instructions and DHAT
//! allocations, each the difference between a short and a long run: deterministic figures.

use std::fmt::Write as _;

use crate::measure::HELLO;
use crate::rounds::Plan;
use crate::sections::thousands;
use crate::subjects;
use crate::valgrind::{self, Tool};

/// Invocations of the short and the long Valgrind run.
const RUNS: (usize, usize) = (50, 250);

struct Row {
    name: &'static str,
    recipe: String,
    env: &'static [(&'static str, &'static str)],
    stripped: u64,
    instructions: Option<f64>,
    allocations: Option<f64>,
}

pub fn section(plan: Plan, command: &str) -> Result<String, String> {
    let mut rows = Vec::new();
    for s in subjects::logs() {
        eprintln!("building {}", s.name);
        let (exe, stripped) = s.release_with_size()?;
        // Only examples/logs is asked for JSON; hello+tracing never calls init, so it has no
        // format to read.
        let env: &[(&str, &str)] = if s.name == "logs" {
            &[("AWS_LAMBDA_LOG_FORMAT", "JSON")]
        } else {
            &[]
        };
        let (mut instructions, mut allocations) = (None, None);
        if plan.valgrind && valgrind::available() {
            eprintln!("valgrind: {}", s.name);
            allocations = Some(valgrind::per_invocation_at(
                Tool::Dhat,
                &exe,
                None,
                env,
                HELLO,
                RUNS.0,
                RUNS.1,
            )?);
            instructions = Some(valgrind::per_invocation_at(
                Tool::Callgrind,
                &exe,
                None,
                env,
                HELLO,
                RUNS.0,
                RUNS.1,
            )?);
        }
        rows.push(Row {
            name: s.name,
            recipe: s.recipe(),
            env,
            stripped,
            instructions,
            allocations,
        });
    }
    Ok(markdown(&rows, command))
}

fn figure(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

fn markdown(rows: &[Row], command: &str) -> String {
    let mut md = String::from("## Logs: the cost of one JSON log line\n\n");
    let _ = writeln!(
        md,
        "The std transport, each binary a user crate on the facade (no default features, the features named), answering hello's event. `logs` is hello plus one `tracing::info!` record with one field per invocation, written as a Lambda JSON log line to stdout; `hello+tracing` is hello with the `tracing` feature compiled in and `lambkin::tracing::init` not called. Per invocation: callgrind instructions and DHAT allocations, (total after {} invocations − total after {}) / {}. Command: `{command}`.\n",
        RUNS.1,
        RUNS.0,
        RUNS.1 - RUNS.0
    );
    md.push_str("| binary | built from | environment | stripped (release) | instructions / invocation | allocations / invocation |\n|---|---|---|---|---|---|\n");
    for r in rows {
        let env = if r.env.is_empty() {
            "–".to_owned()
        } else {
            r.env
                .iter()
                .map(|(k, v)| format!("`{k}={v}`"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(
            md,
            "| {} | {} | {env} | {} B | {} | {} |",
            r.name,
            r.recipe,
            thousands(r.stripped),
            figure(r.instructions),
            figure(r.allocations),
        );
    }
    let by = |name: &str| rows.iter().find(|r| r.name == name);
    let diff = |a: &Row, b: &Row, f: fn(&Row) -> Option<f64>| Some(f(a)? - f(b)?);
    if let (Some(hello), Some(off), Some(logs)) =
        (by("lambkin-std"), by("hello+tracing"), by("logs"))
    {
        let _ = writeln!(
            md,
            "\nOne JSON log line (logs − hello): {} instructions and {} allocations per invocation. The feature compiled in but not initialised (hello+tracing − hello): {} instructions and {} allocations per invocation, {} bytes of binary.",
            figure(diff(logs, hello, |r| r.instructions)),
            figure(diff(logs, hello, |r| r.allocations)),
            figure(diff(off, hello, |r| r.instructions)),
            figure(diff(off, hello, |r| r.allocations)),
            i128::from(off.stripped) - i128::from(hello.stripped),
        );
    }
    md
}
