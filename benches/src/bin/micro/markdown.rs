//! The micro section of RESULTS.md.

use std::fmt::Write as _;

use lambkin_benches::cases::{EVENT_CASES, EVENTS_DIR, SKIPPED, SMOKE_CASES, bench_id};
use lambkin_benches::sections::thousands;

use crate::summary::{All, Figures};

/// Where and how the figures were taken.
pub struct Context {
    pub command: String,
    pub machine: String,
    pub tools: String,
    pub date: String,
    /// Only the first `SMOKE_CASES` event fixtures were measured.
    pub smoke: bool,
}

/// The core benchmarks, in report order: `(function, id, what it measures)`.
const RUNTIME: &[(&str, &str, &str)] = &[
    (
        "head_parse",
        "next",
        "Response head parsing: a `/next` answer (Lambda's 7 headers)",
    ),
    (
        "head_parse",
        "next_mobile",
        "Response head parsing: `/next` with client context and Cognito identity",
    ),
    (
        "head_parse",
        "accepted",
        "Response head parsing: Lambda's `202` to `/response`",
    ),
    (
        "head_split",
        "one_read",
        "Response reader: a 16 KiB head (about 500 headers) in one read",
    ),
    (
        "head_split",
        "dribbled",
        "Response reader: the same 16 KiB head fed one byte at a time",
    ),
    (
        "context",
        "lambda_headers",
        "Context extraction from a parsed `/next` head",
    ),
    (
        "context",
        "mobile",
        "Context extraction plus decoding the client context and Cognito identity JSON",
    ),
    (
        "diagnostic",
        "message",
        "Diagnostic encoding (`/error` body), escaped message",
    ),
    (
        "diagnostic",
        "with_stack_trace",
        "Diagnostic encoding with a 3-frame stack trace",
    ),
    (
        "session_turn",
        "hello",
        "One session turn: `/next` answer in, hello handler, `/response` out, `202` in, `GET /next` out",
    ),
];

fn get<'a>(all: &'a All, function: &str, id: &str) -> Result<&'a Figures, String> {
    all.get(&(function.to_owned(), id.to_owned()))
        .ok_or_else(|| format!("no figures for {function} {id}"))
}

fn ratio(a: u64, b: u64) -> String {
    if b == 0 {
        return "–".to_owned();
    }
    format!("{:.2}×", a as f64 / b as f64)
}

fn allocs(f: &Figures) -> String {
    if f.allocations == 0 {
        "0".to_owned()
    } else {
        format!("{} ({} B)", f.allocations, thousands(f.bytes))
    }
}

pub fn section(all: &All, c: &Context) -> Result<String, String> {
    let mut md = String::from("## Micro benchmarks (callgrind, DHAT)\n\n");
    let _ = writeln!(
        md,
        "Machine: {}. Tools: {}. Date: {}. Command: `{}` (runs `cargo bench -p lambkin-benches --bench micro`, source in `benches/benches/micro/`).\n",
        c.machine, c.tools, c.date, c.command
    );
    md.push_str(
        "Instructions are callgrind's count of instructions executed inside the benchmarked \
         function, allocations DHAT's count of heap blocks it allocated (bytes in parentheses); \
         setup (building the input) is not counted. lambkin's figures repeat exactly from run \
         to run of one build; a build in another directory lays code out differently and moves \
         them by up to about 0.6%. aws_lambda_events' also move from run to run, by up to about \
         0.3%, because its `HashMap`s are seeded randomly.\n\n",
    );
    md.push_str("### Runtime core (lambkin-core)\n\n");
    md.push_str("| benchmark | what | instructions | heap allocations |\n|---|---|---|---|\n");
    for (function, id, what) in RUNTIME {
        let f = get(all, function, id)?;
        let _ = writeln!(
            md,
            "| `{function}::{id}` | {what} | {} | {} |",
            thousands(f.instructions),
            allocs(f)
        );
    }
    md.push_str(
        "\nThe session turn includes copying the received bytes into the receive buffer (what \
         `read` would do) and the hello handler's JSON decode and encode, and no system calls.\n\n",
    );

    md.push_str("### Event decoding: lambkin-events against aws_lambda_events + serde_json\n\n");
    let cases = if c.smoke {
        EVENT_CASES.get(..SMOKE_CASES).unwrap_or(EVENT_CASES)
    } else {
        EVENT_CASES
    };
    let _ = write!(
        md,
        "Every fixture in the repository's `fixtures/events` that both crates have a type for \
         ({} of them{}), the same bytes read during setup: lambkin-events types decoded in place \
         with `lambkin_core::json::from_slice`, and `aws_lambda_events` types (the official \
         runtime's, the type its own tests decode the fixture with) with \
         `serde_json::from_slice`. Each side decodes and drops the event. Ratios are lambkin \
         over aws_lambda_events (lower is better). CloudWatch Logs includes base64 + gunzip + \
         decoding the log events on both sides (aws_lambda_events does it while deserializing; \
         lambkin with `AwsLogs::decompress`).",
        cases.len(),
        if c.smoke { ", a smoke subset" } else { "" },
    );
    if SKIPPED.is_empty() {
        md.push_str(" No fixture is skipped.\n\n");
    } else {
        md.push_str(" Skipped, since aws_lambda_events cannot decode them:");
        for (file, why) in SKIPPED {
            let _ = write!(md, " `{file}` ({why});");
        }
        md.pop();
        md.push_str(".\n\n");
    }
    md.push_str("| fixture | size | instructions lambkin | instructions aws_lambda_events | ratio | allocations lambkin | allocations aws_lambda_events | ratio |\n");
    md.push_str("|---|---|---|---|---|---|---|---|\n");
    let mut log_sum = 0.0;
    let (mut ours_allocs, mut theirs_allocs) = (0, 0);
    let mut worst = Vec::new();
    for (i, file) in cases.iter().enumerate() {
        let id = bench_id(i);
        let ours = get(all, "lambkin", &id)?;
        let theirs = get(all, "official", &id)?;
        let size = std::fs::metadata(format!("{EVENTS_DIR}/{file}"))
            .map(|m| thousands(m.len()) + " B")
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "| `{file}` | {size} | {} | {} | {} | {} | {} | {} |",
            thousands(ours.instructions),
            thousands(theirs.instructions),
            ratio(ours.instructions, theirs.instructions),
            allocs(ours),
            allocs(theirs),
            ratio(ours.allocations, theirs.allocations),
        );
        let r = ours.instructions as f64 / theirs.instructions.max(1) as f64;
        log_sum += r.ln();
        worst.push((r, *file));
        ours_allocs += ours.allocations;
        theirs_allocs += theirs.allocations;
    }
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    let _ = writeln!(
        md,
        "\nGeometric mean of the instruction ratios: **{:.2}×**. Allocations over all {} fixtures: \
         {} against {} (**{}**). Highest instruction ratios: {}.",
        (log_sum / cases.len().max(1) as f64).exp(),
        cases.len(),
        ours_allocs,
        theirs_allocs,
        ratio(ours_allocs, theirs_allocs),
        worst
            .iter()
            .take(3)
            .map(|(r, f)| format!("`{f}` {r:.2}×"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    md.push_str(
        "\nlambkin-events never copies a string; it allocates one block per non-empty array or \
         free-form object (record lists, header maps), which is what its allocation column \
         counts. aws_lambda_events owns every string, map and vector.\n",
    );
    Ok(md)
}

/// CPU model and core count, from /proc/cpuinfo and the scheduler.
pub fn machine() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("{model}, {cores} cores, {}", std::env::consts::ARCH)
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock (civil-from-days).
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(ratio(1, 4), "0.25×");
        assert_eq!(ratio(1, 0), "–");
    }

    #[test]
    fn date_is_well_formed() {
        let d = today();
        assert_eq!(d.len(), 10);
        assert!(d.starts_with("20"));
    }
}
