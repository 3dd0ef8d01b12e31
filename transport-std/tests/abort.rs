//! With `panic = "abort"` nothing can be caught: the panic hook must report the error for the
//! current invocation (or init) before the process dies. Builds tests/abort-fixture on every
//! transport (the hook is this crate's; the async transports use it through `host`). The same
//! fixture, a real process, also shows that a fatal 500 ends it promptly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use lambkin_core::diagnostic::error_type;
use lambkin_emulator::{Config, Emulator, Fault, Invocation, Outcome};

const SIGABRT: i32 = 6;

const TRANSPORTS: [&str; 3] = ["std", "smol", "tokio"];

/// The fixture on `transport`: built one after another into one target directory, each
/// copied out of cargo's output path before the next build overwrites it.
fn fixture(transport: &str) -> PathBuf {
    static BINS: OnceLock<Vec<PathBuf>> = OnceLock::new();
    let bins = BINS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/abort-fixture");
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/abort-fixture");
        TRANSPORTS
            .iter()
            .map(|t| {
                let status = Command::new(env!("CARGO"))
                    .args(["build", "--quiet", "--features", t, "--manifest-path"])
                    .arg(dir.join("Cargo.toml"))
                    .arg("--target-dir")
                    .arg(&target)
                    .status()
                    .expect("cargo runs");
                assert!(status.success(), "fixture builds on {t}");
                let copy = target.join(format!("fixture-{t}"));
                std::fs::copy(target.join("debug/lambkin-abort-fixture"), &copy).unwrap();
                copy
            })
            .collect()
    });
    let i = TRANSPORTS.iter().position(|t| *t == transport).unwrap();
    bins[i].clone()
}

fn spawn(emu: &Emulator, transport: &str, env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(fixture(transport));
    cmd.env("AWS_LAMBDA_RUNTIME_API", emu.runtime_api());
    cmd.envs(env.iter().copied());
    cmd.spawn().expect("fixture starts")
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "function did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn panic_report(outcome: Outcome, transport: &str) {
    let Outcome::Error {
        error_type,
        body,
        headers,
    } = outcome
    else {
        panic!("{transport}: {outcome:?}")
    };
    assert_eq!(error_type, error_type::PANIC, "{transport}");
    let doc: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let message = doc["errorMessage"].as_str().unwrap();
    assert!(message.contains("aborting handler"), "{transport}: {doc}");
    // Sent by the hook before the abort: the frames and the X-Ray cause are there too.
    let first = doc["stackTrace"][0].as_str().unwrap_or_default();
    assert!(first.contains("main.rs:"), "{transport}: {doc}");
    let cause = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Lambda-Runtime-Function-XRay-Error-Cause"))
        .map(|(_, v)| serde_json::from_str::<serde_json::Value>(v).unwrap())
        .unwrap_or_else(|| panic!("{transport}: no X-Ray cause"));
    assert_eq!(cause["exceptions"][0]["message"], message, "{transport}");
}

#[test]
fn panic_in_handler_is_reported_before_abort() {
    for transport in TRANSPORTS {
        let emu = Emulator::start(Default::default()).unwrap();
        let mut child = spawn(&emu, transport, &[]);
        let ok = emu
            .invoke(Invocation::new("{\"firstName\":\"Ada\"}"))
            .wait(Duration::from_secs(60))
            .unwrap();
        assert!(
            matches!(ok, Outcome::Response { ref body, .. } if body == b"\"Ada\""),
            "{transport}: {ok:?}"
        );
        let outcome = emu
            .invoke(Invocation::new("{\"firstName\":\"panic\"}"))
            .wait(Duration::from_secs(30))
            .unwrap();
        panic_report(outcome, transport);
        assert_eq!(wait_exit(&mut child).signal(), Some(SIGABRT), "{transport}");
    }
}

#[test]
fn panic_beside_a_waiting_invocation_is_reported_for_the_one_that_panicked() {
    // Two workers; on the async transports both invocations share one thread, so the hook
    // must know which one was being polled when the panic struck.
    for transport in TRANSPORTS {
        let emu = Emulator::start(Default::default()).unwrap();
        let mut child = spawn(&emu, transport, &[("AWS_LAMBDA_MAX_CONCURRENCY", "2")]);
        let deadline = Instant::now() + Duration::from_secs(30);
        while emu.open_next_polls() < 2 {
            assert!(Instant::now() < deadline, "{transport}: two polls");
            std::thread::sleep(Duration::from_millis(10));
        }
        let slow = emu.invoke(Invocation::new("{\"firstName\":\"slow\"}"));
        std::thread::sleep(Duration::from_millis(50));
        let panicking = emu
            .invoke(Invocation::new("{\"firstName\":\"panic\"}"))
            .wait(Duration::from_secs(30))
            .unwrap();
        panic_report(panicking, transport);
        assert_eq!(wait_exit(&mut child).signal(), Some(SIGABRT), "{transport}");
        // The waiting invocation got no report of someone else's panic.
        let slow = slow.wait(Duration::from_secs(30)).unwrap();
        assert!(
            !matches!(slow, Outcome::Error { .. }),
            "{transport}: {slow:?}"
        );
    }
}

#[test]
fn panic_in_init_is_reported_before_abort() {
    for transport in TRANSPORTS {
        let emu = Emulator::start(Default::default()).unwrap();
        let mut child = spawn(&emu, transport, &[("PANIC_IN_INIT", "1")]);
        assert_eq!(wait_exit(&mut child).signal(), Some(SIGABRT), "{transport}");
        let report = emu.init_error().expect("init error reported");
        assert_eq!(report.error_type, error_type::PANIC, "{transport}");
        let body = String::from_utf8_lossy(&report.body);
        assert!(body.contains("aborting init"), "{transport}: {body}");
    }
}

/// A 500 means "exit promptly": with two workers, the process ends at once even while the
/// other worker's handler still runs (20 s here), on every transport.
#[test]
fn fatal_status_exits_promptly_beside_a_busy_worker() {
    for transport in TRANSPORTS {
        let emu = Emulator::start(Config {
            timeout: Duration::from_secs(60),
            ..Default::default()
        })
        .unwrap();
        let mut child = spawn(&emu, transport, &[("AWS_LAMBDA_MAX_CONCURRENCY", "2")]);
        let polls = |n: usize| {
            let deadline = Instant::now() + Duration::from_secs(30);
            while emu.open_next_polls() != n {
                assert!(Instant::now() < deadline, "{transport}: {n} polls");
                std::thread::sleep(Duration::from_millis(10));
            }
        };
        polls(2);
        let _busy = emu.invoke(Invocation::new("{\"firstName\":\"sleepy\"}"));
        polls(1);
        let started = Instant::now();
        let fault = Fault {
            next_status: Some(500),
            ..Default::default()
        };
        let _ = emu.invoke(Invocation {
            fault,
            ..Invocation::new("{}")
        });
        let status = wait_exit(&mut child);
        let took = started.elapsed();
        assert_eq!(status.code(), Some(1), "{transport}: {status:?}");
        assert!(
            took < Duration::from_secs(10),
            "{transport}: exit took {took:?}"
        );
    }
}
