//! An extension that gives up tells Lambda why, over real sockets on every transport: a
//! telemetry listener that cannot be bound or a refused subscription goes to `init/error`, a
//! failing events processor to `exit/error`, each with its `errorType`, and the run ends with
//! the error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod support;

use std::io::BufReader;
use std::net::TcpListener;
use std::thread;

use support::{answer, request, transports};

use lambkin_extension::{
    Extension, LISTENER_FAILED, PROCESSOR_FAILED, SUBSCRIBE_FAILED, Telemetry,
};

/// A fake Extensions API that registers the extension, then answers each request it reads
/// with the next of `answers` (status, body). Returns its authority and a handle whose result
/// is every request after registration, as (head, body).
fn fake_api(
    answers: Vec<(&'static str, &'static str)>,
) -> (String, thread::JoinHandle<Vec<(String, String)>>) {
    let api = TcpListener::bind("127.0.0.1:0").expect("bind");
    let authority = api.local_addr().expect("addr").to_string();
    let fake = thread::spawn(move || {
        let (conn, _) = api.accept().expect("accept");
        let mut conn = BufReader::new(conn);
        let (head, _) = request(&mut conn);
        assert!(
            head.starts_with("POST /2020-01-01/extension/register "),
            "{head}"
        );
        answer(
            &mut conn,
            "200 OK",
            "Lambda-Extension-Identifier: id-7\r\n",
            "{}",
        );
        let mut seen = Vec::new();
        for (status, body) in answers {
            seen.push(request(&mut conn));
            answer(&mut conn, status, "", body);
        }
        seen
    });
    (authority, fake)
}

/// Asserts `report` is an error report of `kind` (`init` or `exit`) with `error_type`, its
/// message holding `says`.
fn assert_report(report: &(String, String), kind: &str, error_type: &str, says: &str) {
    let (head, body) = report;
    let line = format!("POST /2020-01-01/extension/{kind}/error ");
    assert!(head.starts_with(&line), "{head}");
    assert!(
        head.contains("Lambda-Extension-Identifier: id-7\r\n"),
        "{head}"
    );
    assert!(
        head.contains(&format!(
            "Lambda-Extension-Function-Error-Type: {error_type}\r\n"
        )),
        "{head}"
    );
    let v: serde_json::Value = serde_json::from_str(body).expect("report JSON");
    assert_eq!(v["errorType"], error_type, "{body}");
    let message = v["errorMessage"].as_str().expect("errorMessage");
    assert!(message.contains(says), "{message}");
}

const REPORTED: (&str, &str) = ("202 Accepted", r#"{"status":"OK"}"#);

#[test]
fn a_refused_subscription_is_reported_on_init_error() {
    for (name, runner) in transports() {
        let refused = (
            "400 Bad Request",
            r#"{"errorType":"ValidationError","errorMessage":"bad buffering"}"#,
        );
        let (authority, fake) = fake_api(vec![refused, REPORTED]);
        let extension = Extension::new()
            .with_extension_name("giver")
            .with_runtime_api(&authority)
            .with_telemetry(
                Telemetry {
                    port: 0,
                    ..Telemetry::default()
                },
                |_| {},
            );
        let error = runner(extension).expect_err(name);
        let seen = fake.join().expect("fake API");
        assert!(
            seen[0].0.starts_with("PUT /2022-07-01/telemetry "),
            "{name}: {seen:?}"
        );
        assert_report(&seen[1], "init", SUBSCRIBE_FAILED, "bad buffering");
        assert!(
            error.to_string().contains("ValidationError"),
            "{name}: {error}"
        );
    }
}

#[test]
fn a_listener_that_cannot_bind_is_reported_on_init_error() {
    // Holds the port, so the extension's listener cannot have it.
    let taken = TcpListener::bind("0.0.0.0:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    for (name, runner) in transports() {
        let (authority, fake) = fake_api(vec![REPORTED]);
        let extension = Extension::new()
            .with_extension_name("giver")
            .with_runtime_api(&authority)
            .with_telemetry(
                Telemetry {
                    port,
                    ..Telemetry::default()
                },
                |_| {},
            );
        let error = runner(extension).expect_err(name);
        let seen = fake.join().expect("fake API");
        let says = format!("cannot bind the telemetry listener on {port}");
        assert_report(&seen[0], "init", LISTENER_FAILED, &says);
        assert!(error.to_string().contains(&says), "{name}: {error}");
    }
    drop(taken);
}

#[test]
fn a_failing_events_processor_is_reported_on_exit_error() {
    let invoke = (
        "200 OK",
        r#"{"eventType":"INVOKE","deadlineMs":1,"requestId":"r1","invokedFunctionArn":"arn:f"}"#,
    );
    for (name, runner) in transports() {
        let (authority, fake) = fake_api(vec![invoke, REPORTED]);
        let extension = Extension::new()
            .with_extension_name("giver")
            .with_runtime_api(&authority)
            .with_events_processor(|_| Err("the cache is gone".into()));
        let error = runner(extension).expect_err(name);
        let seen = fake.join().expect("fake API");
        assert!(
            seen[0]
                .0
                .starts_with("GET /2020-01-01/extension/event/next "),
            "{name}: {seen:?}"
        );
        assert_report(&seen[1], "exit", PROCESSOR_FAILED, "the cache is gone");
        assert_eq!(error.to_string(), "the cache is gone", "{name}");
    }
}
