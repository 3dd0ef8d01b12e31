//! The HTTP section: one axum app (`benches/apps/axum_app.rs`) behind an API Gateway HTTP API
//! (payload 2.0) request with a 1 KiB JSON body, on lambkin-http and on lambda_http, side by
//! side, with issue 14's targets for the ratios.

use std::fmt::Write as _;

use lambkin_benches::sections::thousands;

use crate::measure::{self, Sample, Workload};
use crate::report::{Row, opt};
use crate::rounds::{self, Plan, div, pairwise};
use crate::subjects;

mod alone;

/// Issue 14's per-invocation targets, as ratios to lambda_http's figures.
const INSTRUCTIONS_TARGET: f64 = 0.35;
const ALLOCATIONS_TARGET: f64 = 0.3;

/// The event both binaries answer: `POST /users/42/orders`, browser-like headers, two cookies,
/// a 1,024-byte JSON order. Sent as the file is.
const EVENT: &[u8] = include_bytes!("../events/http_v2_1k.json");
const EVENT_FILE: &str = "benches/events/http_v2_1k.json";
/// What the app answers the event with.
const STATUS: u64 = 201;

pub fn section(plan: Plan, smoke: bool, context: &str) -> Result<String, String> {
    let subjects = subjects::http();
    let mut built = Vec::new();
    for s in &subjects {
        eprintln!("building {}", s.name);
        // A clean build of either pulls in hyper and tokio: minutes, so not in smoke runs.
        built.push(s.build(!smoke)?);
    }
    let emu = rounds::emulator()?;
    // Each binary's own response bytes become what every later invocation must answer, once
    // both are shown to carry the same status and body.
    let mut answers = Vec::new();
    for (s, b) in subjects.iter().zip(&built) {
        let body = measure::probe(&emu, &b.exe, EVENT)?;
        answers.push((s.name, body));
    }
    let answer = same_answer(&answers)?;
    // Checked before the rounds, so a broken one fails the section before minutes of them.
    let alone = alone::build(&answer.body)?;
    let binaries: Vec<_> = built
        .iter()
        .zip(&answers)
        .map(|(b, (_, answer))| {
            (
                b.exe.as_path(),
                Workload {
                    event: EVENT,
                    answer,
                },
            )
        })
        .collect();
    let samples = rounds::alternate(&emu, &binaries, plan)?;
    let mut rows = Vec::new();
    for (((s, b), runs), (_, work)) in subjects.iter().zip(&built).zip(&samples).zip(&binaries) {
        let figures = rounds::valgrind_figures(s.name, &b.exe, *work, plan)?;
        rows.push(rounds::row(s.name, b, runs, figures));
    }
    let [base, ours] = rows.as_slice() else {
        return Err("the HTTP section compares two binaries".into());
    };
    let [base_runs, runs] = samples.as_slice() else {
        return Err("the HTTP section compares two binaries".into());
    };
    let floor = alone::measure(&alone, plan)?;
    let mut md = markdown(
        base,
        ours,
        &figures(base, ours, base_runs, runs),
        &answer,
        context,
    );
    md.push_str(&alone::markdown(base, ours, floor));
    Ok(md)
}

/// The status and body both binaries answered (the first binary's, once they agree).
#[derive(Debug, PartialEq)]
struct Answer {
    status: u64,
    body: String,
    base64: bool,
}

/// Decodes each binary's API Gateway v2 response and checks they all say the same: the two
/// runtimes shape the JSON around it differently (field order, empty fields), so only the
/// status and the body are compared.
fn same_answer(answers: &[(&str, Vec<u8>)]) -> Result<Answer, String> {
    let mut first: Option<Answer> = None;
    for (name, bytes) in answers {
        let v: serde_json::Value = serde_json::from_slice(bytes)
            .map_err(|e| format!("{name} answered no JSON ({e}): {}", lossy(bytes)))?;
        let answer = Answer {
            status: v
                .get("statusCode")
                .and_then(serde_json::Value::as_u64)
                .ok_or_else(|| format!("{name} answered no statusCode: {}", lossy(bytes)))?,
            body: v
                .get("body")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            base64: v
                .get("isBase64Encoded")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false),
        };
        if answer.status != STATUS {
            return Err(format!(
                "{name} answered {} (not {STATUS}): {}",
                answer.status,
                lossy(bytes)
            ));
        }
        match &first {
            None => first = Some(answer),
            Some(f) if *f == answer => {}
            Some(f) => {
                return Err(format!(
                    "the binaries disagree: {f:?} against {name}'s {answer:?}"
                ));
            }
        }
    }
    first.ok_or_else(|| "no binary answered".into())
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// One line of the side-by-side table: the two figures as printed, their ratio, and the issue's
/// target for it, if it has one.
struct Figure {
    what: &'static str,
    base: String,
    ours: String,
    ratio: Option<f64>,
    target: Option<Target>,
}

#[derive(Clone, Copy)]
enum Target {
    AtMost(f64),
    AtLeast(f64),
}

impl Target {
    fn show(self, ratio: Option<f64>) -> String {
        let (sign, bound, met) = match self {
            Self::AtMost(b) => ("≤", b, ratio.map(|r| r <= b)),
            Self::AtLeast(b) => ("≥", b, ratio.map(|r| r >= b)),
        };
        let verdict = match met {
            Some(true) => "met",
            Some(false) => "**missed**",
            None => "not measured",
        };
        format!("{sign} {bound:.2}×: {verdict}")
    }
}

/// Issue 14's figures, in its order, then the rest the rounds measured.
fn figures(base: &Row, ours: &Row, base_runs: &[Sample], runs: &[Sample]) -> Vec<Figure> {
    let per_second = |v: f64| format!("{} /s", thousands(v.round() as u64));
    let count = |v: Option<f64>| opt(v, 1);
    let kib = |v: f64| format!("{} KiB", thousands((v / 1024.0).round() as u64));
    vec![
        Figure {
            what: "throughput (invocations/s, one at a time)",
            base: per_second(base.throughput),
            ours: per_second(ours.throughput),
            ratio: Some(pairwise(runs, base_runs, &Sample::per_second)),
            target: Some(Target::AtLeast(1.8)),
        },
        Figure {
            what: "backlog throughput (8 queued)",
            base: per_second(base.throughput_backlog),
            ours: per_second(ours.throughput_backlog),
            ratio: Some(pairwise(runs, base_runs, &Sample::backlog_per_second)),
            target: None,
        },
        Figure {
            what: "CPU time / invocation",
            base: format!("{:.1} µs", base.cpu_us),
            ours: format!("{:.1} µs", ours.cpu_us),
            ratio: Some(pairwise(runs, base_runs, &rounds::cpu_per_invocation)),
            target: None,
        },
        Figure {
            what: "instructions / invocation (callgrind)",
            base: whole(base.instructions),
            ours: whole(ours.instructions),
            ratio: div(ours.instructions, base.instructions),
            target: Some(Target::AtMost(INSTRUCTIONS_TARGET)),
        },
        Figure {
            what: "allocations / invocation (DHAT)",
            base: count(base.allocs),
            ours: count(ours.allocs),
            ratio: div(ours.allocs, base.allocs),
            target: Some(Target::AtMost(ALLOCATIONS_TARGET)),
        },
        Figure {
            what: "peak RSS (Max Memory Used)",
            base: format!("{:.1} MiB", base.peak_rss_mib),
            ours: format!("{:.1} MiB", ours.peak_rss_mib),
            ratio: Some(ours.peak_rss_mib / base.peak_rss_mib),
            target: None,
        },
        Figure {
            what: "stripped binary (release)",
            base: kib(base.stripped_release),
            ours: kib(ours.stripped_release),
            ratio: Some(ours.stripped_release / base.stripped_release),
            target: Some(Target::AtMost(0.5)),
        },
        Figure {
            what: "clean release build",
            base: seconds(base.clean_build_s),
            ours: seconds(ours.clean_build_s),
            ratio: div(ours.clean_build_s, base.clean_build_s),
            target: None,
        },
        Figure {
            what: "cold start (median)",
            base: format!("{:.2} ms", base.cold_start_ms),
            ours: format!("{:.2} ms", ours.cold_start_ms),
            ratio: Some(pairwise(runs, base_runs, &|s| s.cold_start.as_secs_f64())),
            target: None,
        },
    ]
}

/// `345,950`, or `–` where not measured.
fn whole(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| thousands(v.round() as u64))
}

/// `12.3 s`, or `–` where not measured.
fn seconds(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |s| format!("{s:.1} s"))
}

fn markdown(base: &Row, ours: &Row, figures: &[Figure], answer: &Answer, context: &str) -> String {
    let mut md =
        String::from("## HTTP: lambkin-http against lambda_http (axum, API Gateway HTTP API)\n\n");
    let lock = |path: &str, name: &str| {
        std::fs::read_to_string(subjects::root().join(path))
            .ok()
            .and_then(|l| locked_version(&l, name))
            .unwrap_or_else(|| "?".into())
    };
    let official = format!("{}/Cargo.lock", subjects::OFFICIAL_AXUM);
    let shape = EventShape::of(EVENT);
    let _ = writeln!(
        md,
        "The same axum {axum} app (`benches/apps/axum_app.rs`: `POST /users/{{id}}/orders` decodes a typed JSON order and answers `201` with a JSON receipt) on two runtimes: **{ours}** (`benches/apps/lambkin_axum.rs`, `lambkin::run(Adapter::new(app()))`, a user crate with the facade's `tokio` and `http` features: tokio's current-thread runtime) and **{base}** {http} (`{official_dir}`, default features, `lambda_http::run(app())` under `#[tokio::main]`: the multi-thread runtime its README uses), both tokio {tokio}, hyper {hyper}. Event: `{EVENT_FILE}` ({event} B), an HTTP API payload 2.0 request with {headers} headers, {cookies} cookies, a path parameter and a {body} B JSON body. Before measuring, each run checks that both answer status {status} with the same {answer} B body (`isBase64Encoded` {base64}); every measured invocation must then repeat its binary's first response byte for byte.\n",
        axum = lock(&official, "axum"),
        base = base.name,
        ours = ours.name,
        http = lock(&official, "lambda_http"),
        official_dir = subjects::OFFICIAL_AXUM,
        tokio = lock(&official, "tokio"),
        hyper = lock(&official, "hyper"),
        event = thousands(EVENT.len() as u64),
        headers = shape.headers,
        cookies = shape.cookies,
        body = thousands(shape.body as u64),
        status = answer.status,
        answer = thousands(answer.body.len() as u64),
        base64 = answer.base64,
    );
    let _ = writeln!(md, "{context}\n");
    let _ = writeln!(
        md,
        "| | {} | {} | {} / {} | target (issue 14) |\n|---|---|---|---|---|",
        base.name, ours.name, ours.name, base.name
    );
    for f in figures {
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            f.what,
            f.base,
            f.ours,
            f.ratio
                .map_or_else(|| "–".to_owned(), |r| format!("{r:.2}×")),
            f.target.map_or_else(|| "–".to_owned(), |t| t.show(f.ratio)),
        );
    }
    md
}

/// What the event holds, for the description.
#[derive(Default)]
struct EventShape {
    headers: usize,
    cookies: usize,
    body: usize,
}

impl EventShape {
    fn of(event: &[u8]) -> Self {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(event) else {
            return Self::default();
        };
        let len = |k: &str| {
            v.get(k).map_or(0, |f| {
                f.as_object()
                    .map(serde_json::Map::len)
                    .or_else(|| f.as_array().map(Vec::len))
                    .or_else(|| f.as_str().map(str::len))
                    .unwrap_or(0)
            })
        };
        Self {
            headers: len("headers"),
            cookies: len("cookies"),
            body: len("body"),
        }
    }
}

/// The version of `name` in the text of a Cargo.lock.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{name}\"") {
            let version = lines.next()?.strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECEIPT: &str = r#"{\"userId\":42}"#;

    fn answer(json: &str) -> (&'static str, Vec<u8>) {
        ("bin", json.as_bytes().to_vec())
    }

    #[test]
    fn only_status_and_body_must_agree() {
        let lambda_http = format!(
            r#"{{"statusCode":201,"headers":{{}},"multiValueHeaders":{{}},"body":"{RECEIPT}","isBase64Encoded":false,"cookies":[]}}"#
        );
        let lambkin = format!(r#"{{"statusCode":201,"body":"{RECEIPT}"}}"#);
        let other_body = r#"{"statusCode":201,"body":"{}"}"#;
        let other_status = format!(r#"{{"statusCode":200,"body":"{RECEIPT}"}}"#);
        let base64 = format!(r#"{{"statusCode":201,"body":"{RECEIPT}","isBase64Encoded":true}}"#);
        let cases: &[(&[&str], bool)] = &[
            (&[&lambda_http, &lambkin], true),
            (&[&lambkin, &lambkin], true),
            (&[&lambkin, other_body], false),
            (&[&other_status, &other_status], false),
            (&[&lambkin, &base64], false),
            (&[&lambkin, "not json"], false),
            (&[&lambkin, r#"{"body":"x"}"#], false),
            (&[], false),
        ];
        for (bodies, agree) in cases {
            let answers: Vec<_> = bodies.iter().map(|b| answer(b)).collect();
            assert_eq!(same_answer(&answers).is_ok(), *agree, "{bodies:?}");
        }
    }

    #[test]
    fn reads_locked_versions_and_the_event() {
        let lock = "[[package]]\nname = \"axum\"\nversion = \"0.8.9\"\n\n[[package]]\nname = \"axum-core\"\nversion = \"0.5.6\"\n";
        assert_eq!(locked_version(lock, "axum").as_deref(), Some("0.8.9"));
        assert_eq!(locked_version(lock, "axum-core").as_deref(), Some("0.5.6"));
        assert_eq!(locked_version(lock, "tokio"), None);
        let shape = EventShape::of(EVENT);
        assert_eq!((shape.cookies, shape.body), (2, 1024));
        assert!(shape.headers > 5);
    }
}
