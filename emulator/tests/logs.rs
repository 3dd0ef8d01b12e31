//! examples/logs (facade feature `tracing`) run by the emulator as a real process: Lambda's
//! JSON and Text log lines, each carrying its own invocation's request id, the level
//! variables, the Managed Instances warning, and intact lines under concurrent workers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod invoke_api;
mod output;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use output::{invoke_example_with, lines, payloads, request_ids};
use serde_json::{Value, json};

const JSON: [&str; 2] = ["--env", "AWS_LAMBDA_LOG_FORMAT=JSON"];
const MI_WARNING: &str = "Lambda Managed Instances require JSON logs";

fn features(transport: &str) -> String {
    format!("{transport},tracing")
}

fn greet(names: &[&str]) -> Vec<Value> {
    names.iter().map(|n| json!({ "firstName": n })).collect()
}

/// The function's JSON records (the emulator's own lines are not JSON).
fn records(out: &Output) -> Vec<Value> {
    lines(&out.stderr)
        .iter()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn greeted(out: &Output) -> Vec<Value> {
    records(out)
        .into_iter()
        .filter(|r| r["message"] == "greeted")
        .collect()
}

#[test]
fn json_records_carry_each_invocations_request_id() {
    let names = ["Ada", "Grace \"Amazing\" Hopper", "Linus\nTorvalds"];
    for transport in ["std", "smol", "tokio"] {
        let out = invoke_example_with("logs", &features(transport), &JSON, &greet(&names));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        assert_eq!(payloads(&out).len(), 3, "{transport}");
        let ids = request_ids(&out);
        let recs = greeted(&out);
        assert_eq!(recs.len(), 3, "{transport}: {stderr}");
        for ((rec, id), name) in recs.iter().zip(&ids).zip(names) {
            assert_eq!(rec["requestId"], id.as_str(), "{transport}: {rec}");
            assert_eq!(rec["first_name"], name, "{transport}: {rec}");
            assert_eq!(rec["level"], "INFO", "{transport}: {rec}");
            let ts = rec["timestamp"].as_str().unwrap();
            // 2026-12-02T12:00:00.123Z
            assert_eq!(ts.len(), 24, "{ts}");
            assert!(ts.ends_with('Z') && ts.as_bytes()[19] == b'.', "{ts}");
        }
    }
}

#[test]
fn log_level_then_rust_log_filter_records() {
    // (environment, greeted records expected); the example's target is `logs`.
    const CASES: &[(&[(&str, &str)], usize)] = &[
        (&[], 1),
        (&[("AWS_LAMBDA_LOG_LEVEL", "WARN")], 0),
        (&[("AWS_LAMBDA_LOG_LEVEL", "error")], 0),
        (&[("AWS_LAMBDA_LOG_LEVEL", "DEBUG"), ("RUST_LOG", "off")], 1),
        (&[("RUST_LOG", "warn")], 0),
        (&[("RUST_LOG", "warn,logs=info")], 1),
        (&[("RUST_LOG", "other=trace")], 0),
    ];
    for (env, want) in CASES {
        let mut options: Vec<String> = JSON.iter().map(|s| (*s).to_owned()).collect();
        for (k, v) in *env {
            options.extend(["--env".to_owned(), format!("{k}={v}")]);
        }
        let options: Vec<&str> = options.iter().map(String::as_str).collect();
        let out = invoke_example_with("logs", &features("std"), &options, &greet(&["Ada"]));
        assert!(out.status.success(), "{env:?}");
        assert_eq!(greeted(&out).len(), *want, "{env:?}: {:?}", records(&out));
        assert!(
            records(&out).iter().all(|r| r["level"] != "WARN"),
            "{env:?}: no notice"
        );
    }
}

#[test]
fn bad_values_are_announced_and_defaults_used() {
    let options = [
        "--env",
        "AWS_LAMBDA_LOG_FORMAT=JSON",
        "--env",
        "AWS_LAMBDA_LOG_LEVEL=LOUD",
    ];
    let out = invoke_example_with("logs", &features("std"), &options, &greet(&["Ada"]));
    assert!(out.status.success());
    let recs = records(&out);
    let notices: Vec<_> = recs.iter().filter(|r| r["level"] == "WARN").collect();
    assert_eq!(notices.len(), 1, "{recs:?}");
    assert!(
        notices[0]["message"]
            .as_str()
            .unwrap()
            .contains("AWS_LAMBDA_LOG_LEVEL=\"LOUD\"")
    );
    assert_eq!(greeted(&out).len(), 1, "INFO still logged: {recs:?}");

    // A bad format: Text, said in Text.
    let options = [
        "--env",
        "AWS_LAMBDA_LOG_FORMAT=xml",
        "--env",
        "RUST_LOG=a=b=c",
    ];
    let out = invoke_example_with("logs", &features("std"), &options, &greet(&["Ada"]));
    assert!(out.status.success());
    let log = lines(&out.stderr);
    for var in ["AWS_LAMBDA_LOG_FORMAT=\"xml\"", "RUST_LOG=\"a=b=c\""] {
        assert_eq!(
            log.iter().filter(|l| l.contains(var)).count(),
            1,
            "{log:#?}"
        );
    }
}

#[test]
fn text_records_carry_the_request_id() {
    let out = invoke_example_with("logs", &features("std"), &[], &greet(&["Ada", "Bob"]));
    assert!(out.status.success());
    let ids = request_ids(&out);
    let text: Vec<Vec<String>> = lines(&out.stderr)
        .iter()
        .filter(|l| l.contains("\tINFO\t"))
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect();
    assert_eq!(text.len(), 2, "{text:?}");
    for ((fields, id), name) in text.iter().zip(&ids).zip(["Ada", "Bob"]) {
        assert_eq!(fields.len(), 4, "{fields:?}");
        assert_eq!(fields[0].len(), 24, "timestamp: {fields:?}");
        assert_eq!(
            &fields[1..],
            [id, "INFO", &format!("greeted first_name={name}")]
        );
    }
}

#[test]
fn managed_instances_text_warning_is_said_exactly_once() {
    for transport in ["std", "tokio"] {
        let events = greet(&["a", "b", "c"]);
        let conc = ["--concurrency", "4"];
        let out = invoke_example_with("logs", &features(transport), &conc, &events);
        assert!(out.status.success(), "{transport}");
        let log = lines(&out.stderr);
        let said = log.iter().filter(|l| l.contains(MI_WARNING)).count();
        assert_eq!(said, 1, "{transport}: {log:#?}");

        let json = ["--concurrency", "4", JSON[0], JSON[1]];
        let out = invoke_example_with("logs", &features(transport), &json, &events);
        let log = lines(&out.stderr);
        assert!(
            !log.iter().any(|l| l.contains(MI_WARNING)),
            "{transport}: {log:#?}"
        );
        assert_eq!(greeted(&out).len(), 3, "{transport}");
    }
}

/// `serve --port 0` with the rest of `args`; its log (stderr, where the function's stdout
/// goes too) is collected on a thread.
struct Served {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(args: &[&str]) -> Served {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .current_dir(root)
        .args(["serve", "--port", "0"])
        .args(args)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let addr = loop {
        let mut line = String::new();
        assert_ne!(stderr.read_line(&mut line).unwrap(), 0, "serve ended");
        if line.contains("functions/function/invocations") {
            let rest = line.split("http://").nth(1).unwrap();
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    let log = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        while stderr.read_until(b'\n', &mut buf).unwrap_or(0) > 0 {
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf));
            buf.clear();
        }
    });
    Served { child, addr, log }
}

/// One Invoke API call: the request id Lambda gave it.
fn invoke(addr: &str, body: &str) -> String {
    let (head, body) = invoke_api::invoke(addr, body);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}\n\n{body}");
    assert!(body.contains("Hello, "), "{head}\n\n{body}");
    head.lines()
        .find_map(|l| l.strip_prefix("X-Amzn-RequestId: "))
        .expect(&head)
        .to_owned()
}

/// Four workers, sixteen invocations sent four at a time and held until all four run, each
/// logging 40 records of about 1.7 KB full of characters JSON must escape: every line of the
/// log is whole, and every record carries the request id of the invocation that logged it.
#[test]
fn concurrent_workers_never_interleave_or_mix_up_records() {
    const CLIENTS: usize = 4;
    const EACH: usize = 4;
    const LINES: usize = 40;
    let pad = "quote\" back\\slash\nnewline\ttab é 🦀 ".repeat(40);
    for transport in ["std", "smol", "tokio"] {
        let features = features(transport);
        let served = serve(&[
            "--concurrency",
            "4",
            "--env",
            "AWS_LAMBDA_LOG_FORMAT=JSON",
            "--example",
            "logs",
            "--features",
            &features,
        ]);
        let clients: Vec<_> = (0..CLIENTS)
            .map(|c| {
                let (addr, pad) = (served.addr.clone(), pad.clone());
                std::thread::spawn(move || {
                    (0..EACH)
                        .map(|i| {
                            let name = format!("tag{c}-{i}|{pad}");
                            let event =
                                json!({ "firstName": name, "lines": LINES, "gather": CLIENTS });
                            (name, invoke(&addr, &event.to_string()))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let ids: HashMap<String, String> = clients
            .into_iter()
            .flat_map(|c| c.join().unwrap())
            .collect();
        assert_eq!(ids.len(), CLIENTS * EACH);
        // The log is read on another thread: wait (bounded) for every REPORT line.
        let until = Instant::now() + Duration::from_secs(30);
        let log = loop {
            let log = served.log.lock().unwrap().clone();
            if log.matches("REPORT RequestId: ").count() >= ids.len() || Instant::now() > until {
                break log;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut order = Vec::new();
        for line in log.lines() {
            let emulator = ["START ", "END ", "REPORT ", "lambkin-emulator: "];
            if emulator.iter().any(|p| line.starts_with(p)) {
                continue;
            }
            let rec: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{transport}: a broken line ({e}): {line}"));
            let name = rec["first_name"].as_str().unwrap();
            let want = ids
                .get(name)
                .unwrap_or_else(|| panic!("{transport}: {line}"));
            assert_eq!(rec["requestId"], want.as_str(), "{transport}");
            *seen.entry(want).or_default() += 1;
            order.push(want);
        }
        // Each group of four runs at once (the example gathers them). Workers that are futures
        // on one thread (smol) take turns at every yield, so their records must interleave;
        // threads (std, and tokio with several workers) are left to the scheduler, and only the
        // lines' integrity is asserted for them.
        let switches = order.windows(2).filter(|w| w[0] != w[1]).count();
        if transport == "smol" {
            assert!(switches > ids.len(), "{transport}: {switches} switches");
        }
        assert_eq!(seen.len(), ids.len(), "{transport}");
        assert!(seen.values().all(|&n| n == LINES), "{transport}: {seen:?}");
    }
}
