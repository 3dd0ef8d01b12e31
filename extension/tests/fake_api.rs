//! The extension against a fake Extensions API and a raw telemetry client, over real sockets:
//! registration, subscription (its body as sent), INVOKE and SHUTDOWN reaching the events
//! processor, and batches (one with a record type nobody knows) reaching the telemetry
//! processor, on the HTTP and the TCP destination.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use lambkin_extension::{Body, Destination, Extension, NextEvent, Platform, Telemetry};
use support::{Runner, answer, request, transports};

/// The port in the subscription's destination.
fn destination_port(body: &str) -> u16 {
    let v: serde_json::Value = serde_json::from_str(body).expect("subscription JSON");
    let d = &v["destination"];
    match d["protocol"].as_str() {
        Some("TCP") => d["port"].as_u64().expect("port") as u16,
        _ => {
            let uri = d["URI"].as_str().expect("URI");
            assert!(uri.starts_with("http://sandbox.localdomain:"), "{uri}");
            uri.rsplit(':').next().expect("port").parse().expect("port")
        }
    }
}

const BATCH: &str = r#"[{"time":"2026-01-01T00:00:00.000Z","type":"platform.start","record":{"requestId":"r1","version":"$LATEST"}},{"time":"2026-01-01T00:00:00.001Z","type":"platform.somethingNew","record":{"x":[1,2]}},{"time":"2026-01-01T00:00:00.002Z","type":"function","record":"hello\n"}]"#;

/// Runs an extension against a fake API; `deliver` sends telemetry to the listener's port
/// between INVOKE and SHUTDOWN. The events and record types the processors saw, and the
/// subscription body.
fn run(
    runner: Runner,
    telemetry: Telemetry,
    expect: usize,
    deliver: impl FnOnce(u16) + Send + 'static,
) -> (Vec<NextEvent>, Vec<String>, String) {
    let (seen_tx, seen_rx) = mpsc::channel::<String>();
    let api = TcpListener::bind("127.0.0.1:0").expect("bind");
    let authority = api.local_addr().expect("addr").to_string();
    let (sub_tx, sub_rx) = mpsc::channel();
    let fake = thread::spawn(move || {
        let (conn, _) = api.accept().expect("accept");
        let mut conn = BufReader::new(conn);
        let (head, body) = request(&mut conn);
        assert!(
            head.starts_with("POST /2020-01-01/extension/register "),
            "{head}"
        );
        assert!(
            head.contains("Lambda-Extension-Name: counter\r\n"),
            "{head}"
        );
        assert_eq!(body, r#"{"events":["INVOKE","SHUTDOWN"]}"#);
        answer(
            &mut conn,
            "200 OK",
            "Lambda-Extension-Identifier: id-1\r\n",
            r#"{"functionName":"f","functionVersion":"$LATEST","handler":"h"}"#,
        );
        let (head, body) = request(&mut conn);
        assert!(head.starts_with("PUT /2022-07-01/telemetry "), "{head}");
        assert!(
            head.contains("Lambda-Extension-Identifier: id-1\r\n"),
            "{head}"
        );
        answer(&mut conn, "200 OK", "", "OK");
        let port = destination_port(&body);
        sub_tx.send(body).expect("send");
        let (head, _) = request(&mut conn);
        assert!(
            head.starts_with("GET /2020-01-01/extension/event/next "),
            "{head}"
        );
        answer(
            &mut conn,
            "200 OK",
            "",
            r#"{"eventType":"INVOKE","deadlineMs":1700000000000,"requestId":"r1","invokedFunctionArn":"arn:f","tracing":{"type":"X-Amzn-Trace-Id","value":"Root=1"}}"#,
        );
        deliver(port);
        // SHUTDOWN only once the records are in (TCP lines are not answered).
        let seen: Vec<String> = (0..expect)
            .map(|_| {
                seen_rx
                    .recv_timeout(Duration::from_secs(30))
                    .expect("record")
            })
            .collect();
        let (head, _) = request(&mut conn);
        assert!(
            head.starts_with("GET /2020-01-01/extension/event/next "),
            "{head}"
        );
        answer(
            &mut conn,
            "200 OK",
            "",
            r#"{"eventType":"SHUTDOWN","shutdownReason":"SPINDOWN","deadlineMs":1700000002000}"#,
        );
        seen
    });
    let events = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = std::rc::Rc::clone(&events);
    let extension = Extension::new()
        .with_extension_name("counter")
        .with_runtime_api(&authority)
        .with_telemetry(telemetry, move |record| {
            let what = match &record.body {
                Body::Platform(Platform::Start(s)) => format!("start {}", s.request_id),
                Body::Function(line) => format!("function {line:?}"),
                Body::Other(raw) => format!("other {} {raw}", record.kind),
                other => format!("{other:?}"),
            };
            seen_tx.send(what).expect("send");
        })
        .with_events_processor(move |event| {
            sink.borrow_mut().push(event);
            Ok(())
        });
    runner(extension).expect("run");
    let seen = fake.join().expect("fake API");
    let events = events.borrow().clone();
    (events, seen, sub_rx.recv().expect("subscription"))
}

fn post(port: u16, body: &str) -> String {
    let mut conn = TcpStream::connect(("127.0.0.1", port)).expect("connect listener");
    let text = format!(
        "POST / HTTP/1.1\r\nHost: sandbox.localdomain\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.write_all(text.as_bytes()).expect("post");
    let mut answer = [0u8; 64];
    let n = conn.read(&mut answer).expect("read answer");
    String::from_utf8_lossy(&answer[..n]).into_owned()
}

const SEEN: [&str; 3] = [
    "start r1",
    r#"other platform.somethingNew {"x":[1,2]}"#,
    r#"function Text("hello\n")"#,
];

#[test]
fn http_batches_with_an_unknown_type_are_accepted_and_delivered() {
    let http = Telemetry {
        port: 0,
        ..Telemetry::default()
    };
    for (name, runner) in transports() {
        let (events, seen, sub) = run(runner, http, 3 * SEEN.len(), |port| {
            // Two batches on one connection, then one on another: the listener is bound once.
            let mut conn = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            let one = format!(
                "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n{BATCH}",
                BATCH.len()
            );
            conn.write_all(format!("{one}{one}").as_bytes())
                .expect("write");
            let mut reader = BufReader::new(conn);
            for _ in 0..2 {
                let mut status = String::new();
                reader.read_line(&mut status).expect("status");
                assert_eq!(status, "HTTP/1.1 200 OK\r\n");
                let mut rest = String::new();
                while rest != "\r\n" {
                    rest.clear();
                    reader.read_line(&mut rest).expect("header");
                }
            }
            drop(reader);
            assert!(post(port, BATCH).starts_with("HTTP/1.1 200 OK\r\n"));
            // Not a batch: nothing reaches the processor, the request is still answered.
            assert!(post(port, "{").starts_with("HTTP/1.1 200 OK\r\n"));
        });
        let v: serde_json::Value = serde_json::from_str(&sub).expect("json");
        assert_eq!(v["schemaVersion"], "2022-12-13");
        assert_eq!(v["types"], serde_json::json!(["platform", "function"]));
        assert_eq!(v["destination"]["protocol"], "HTTP");
        assert_eq!(seen, SEEN.repeat(3));
        assert_eq!(events.len(), 2);
        let NextEvent::Invoke(invoke) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(
            (invoke.request_id.as_str(), invoke.deadline_ms),
            ("r1", 1_700_000_000_000)
        );
        assert_eq!(invoke.trace_id.as_deref(), Some("Root=1"));
        let NextEvent::Shutdown(shutdown) = &events[1] else {
            panic!("{events:?}")
        };
        assert_eq!(shutdown.reason, lambkin_extension::ShutdownReason::Spindown);
        assert_eq!(shutdown.deadline_ms, 1_700_000_002_000, "{name}");
    }
}

#[test]
fn tcp_destination_takes_newline_delimited_records() {
    let tcp = Telemetry {
        destination: Destination::Tcp,
        port: 0,
        api: lambkin_extension::Api::Telemetry(lambkin_extension::Schema::V2025_01_29),
        ..Telemetry::default()
    };
    for (name, runner) in transports() {
        let (events, seen, sub) = run(runner, tcp, SEEN.len(), |port| {
            let v: serde_json::Value = serde_json::from_str(BATCH).expect("batch");
            let mut lines = String::new();
            for record in v.as_array().expect("array") {
                lines.push_str(&record.to_string());
                lines.push('\n');
            }
            let mut conn = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            // Split mid-record, as TCP may.
            let (a, b) = lines.split_at(lines.len() / 2);
            conn.write_all(a.as_bytes()).expect("write");
            conn.flush().expect("flush");
            conn.write_all(b.as_bytes()).expect("write");
        });
        let v: serde_json::Value = serde_json::from_str(&sub).expect("json");
        assert_eq!(v["schemaVersion"], "2025-01-29");
        assert_eq!(v["destination"]["protocol"], "TCP");
        assert_eq!(seen, SEEN, "{name}");
        assert_eq!(events.len(), 2, "{name}");
    }
}

/// An internal extension (INVOKE only, as Lambda allows in the function's process): registered
/// with that one event, it gets each INVOKE; when the API goes away the run ends with an
/// error instead of hanging.
#[cfg(feature = "std")]
#[test]
fn internal_extension_registers_for_invoke_only() {
    let api = TcpListener::bind("127.0.0.1:0").expect("bind");
    let authority = api.local_addr().expect("addr").to_string();
    let fake = thread::spawn(move || {
        let (conn, _) = api.accept().expect("accept");
        let mut conn = BufReader::new(conn);
        let (head, body) = request(&mut conn);
        assert!(head.contains("Lambda-Extension-Name: inside\r\n"), "{head}");
        assert_eq!(body, r#"{"events":["INVOKE"]}"#);
        answer(
            &mut conn,
            "200 OK",
            "Lambda-Extension-Identifier: id-2\r\n",
            "{}",
        );
        let _ = request(&mut conn);
        answer(
            &mut conn,
            "200 OK",
            "",
            r#"{"eventType":"INVOKE","deadlineMs":1,"requestId":"r9","invokedFunctionArn":"arn:f"}"#,
        );
        let (head, _) = request(&mut conn);
        assert!(
            head.starts_with("GET /2020-01-01/extension/event/next "),
            "{head}"
        );
        // The sandbox goes away mid-poll; the listener too, so a reconnect is refused.
    });
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = std::rc::Rc::clone(&seen);
    let registered = Extension::new()
        .with_extension_name("inside")
        .with_events(&["INVOKE"])
        .with_runtime_api(&authority)
        .with_events_processor(move |event| {
            sink.borrow_mut().push(event);
            Ok(())
        })
        .register()
        .expect("register");
    assert_eq!(registered.identifier(), "id-2");
    assert_eq!(registered.telemetry_port(), None);
    let result = registered.run();
    fake.join().expect("fake API");
    assert!(result.is_err(), "{result:?}");
    let seen = seen.borrow();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let NextEvent::Invoke(invoke) = &seen[0] else {
        panic!("{seen:?}")
    };
    assert_eq!(invoke.request_id, "r9");
}

#[cfg(feature = "std")]
#[test]
fn unknown_event_names_are_refused_before_anything_is_sent() {
    let extension = Extension::new()
        .with_extension_name("x")
        .with_events(&["INVOKE", "RESTORE"])
        .with_runtime_api("127.0.0.1:1")
        .with_events_processor(|_| Ok(()));
    // Port 1 refuses connections: an error naming the event proves none was attempted.
    let error = extension.run().expect_err("RESTORE is no event");
    assert!(error.to_string().contains("RESTORE"), "{error}");
}
