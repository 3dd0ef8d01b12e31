//! This repository's examples run as users run them: built by `lambkin-emulator invoke
//! --example NAME` and invoked through it, on each transport where the source allows.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod output;

use std::io::{BufRead, BufReader, Write};
use std::process::Command;

use output::{field, lines, payloads, reports};
use serde_json::{Value, json};

#[test]
fn shutdown_phase_sigterms_a_function_with_an_extension() {
    // examples/graceful registers an extension, so the end of the run is a SIGTERM its hook
    // hears. The same source on every transport (the facade picks tokio, then smol, then std).
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    for transport in ["std", "smol", "tokio"] {
        let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
            .current_dir(root)
            .args([
                "invoke",
                "--event",
                "{\"a\":1}",
                "--repeat",
                "2",
                "--example",
                "graceful",
                "--features",
                transport,
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {stderr}");
        assert_eq!(payloads(&out), vec![json!({"a":1}); 2], "{transport}");
        let log = lines(&out.stderr);
        let last_report = log.iter().rposition(|l| l.starts_with("REPORT")).unwrap();
        let hook = log
            .iter()
            .position(|l| l == "graceful shutdown after 2 invocations");
        assert!(
            hook.is_some_and(|h| h > last_report),
            "{transport}: {log:#?}"
        );
    }
}

/// A keep-alive HTTP service answering `GET /greeting/NAME` with `Hello, NAME!`; counts the
/// connections it accepts.
fn greeting_service() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&connections);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, Ordering::SeqCst);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut stream = stream;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let path = line.split(' ').nth(1).unwrap_or("").to_string();
                    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {}
                    let name = path.strip_prefix("/greeting/").unwrap_or("?");
                    let body = format!("Hello, {name}!");
                    let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
                    if stream.write_all((head + &body).as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, connections)
}

#[test]
fn shared_client_example_reuses_one_connection_across_invocations() {
    let (url, connections) = greeting_service();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .current_dir(root)
        .args([
            "invoke",
            "--event",
            "{\"firstName\":\"Ada\"}",
            "--repeat",
            "3",
        ])
        .args(["--example", "shared_client", "--features", "tokio"])
        .args(["--env", &format!("GREETING_URL={url}")])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let want: Vec<Value> = (1..=3)
        .map(|call| json!({ "message": "Hello, Ada!", "call": call }))
        .collect();
    assert_eq!(payloads(&out), want, "{stderr}");
    // One client, made at init: three invocations over one kept-alive connection.
    let seen = connections.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(seen, 1, "connections to the service");
}

/// The README's first command, run as written (its arguments after `--`): hello's answer on
/// stdout, Lambda's REPORT line with every field on stderr.
#[test]
fn readme_main_command_invokes_hello() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let command = readme
        .lines()
        .find(|l| l.starts_with("cargo run "))
        .expect("the README's main command");
    let (_, args) = command.split_once(" -- ").unwrap();
    // Words, with '…' quoting as the shell reads it.
    let args: Vec<&str> = args
        .split('\'')
        .enumerate()
        .flat_map(|(i, part)| {
            if i % 2 == 1 {
                vec![part]
            } else {
                part.split_whitespace().collect()
            }
        })
        .collect();
    assert_eq!(args[..3], ["invoke", "--example", "hello"], "{command}");
    let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
        .current_dir(root)
        .args(&args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let event: Value = serde_json::from_str(args.last().unwrap()).unwrap();
    let name = event["firstName"].as_str().unwrap_or("world");
    assert_eq!(
        payloads(&out),
        [json!({ "message": format!("Hello, {name}!") })]
    );
    let reports = reports(&out);
    let [report] = &reports[..] else {
        panic!("one REPORT line: {stderr}")
    };
    assert_eq!(field(report, "Memory Size"), Some(128.0), "{report}");
    for name in [
        "Duration",
        "Billed Duration",
        "Max Memory Used",
        "Init Duration",
    ] {
        assert!(
            field(report, name).is_some_and(|v| v > 0.0),
            "{name}: {report}"
        );
    }
}

/// A bad value in Lambda's environment reaches `/init/error` as `Runtime.InvalidConfig`, naming
/// the variable, on every transport; the invocation fails with that report.
#[test]
fn bad_environment_is_reported_to_init_error() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    const CASES: &[(&str, &str)] = &[
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots"),
        ("AWS_LAMBDA_MAX_CONCURRENCY", "0"),
    ];
    for transport in ["std", "smol", "tokio"] {
        for (var, value) in CASES {
            let out = Command::new(env!("CARGO_BIN_EXE_lambkin-emulator"))
                .current_dir(root)
                .args([
                    "invoke",
                    "--event",
                    "{}",
                    "--env",
                    &format!("{var}={value}"),
                ])
                .args(["--example", "hello", "--features", transport])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{transport} {var}: {stderr}");
            let [doc] = &payloads(&out)[..] else {
                panic!("{transport} {var}: one error document: {stderr}")
            };
            assert_eq!(
                doc["errorType"], "Runtime.InvalidConfig",
                "{transport}: {doc}"
            );
            let message = doc["errorMessage"].as_str().unwrap();
            assert!(message.contains(var), "{transport}: {doc}");
        }
    }
}
