//! Deterministic simulation: the real driver and session against byte-exact Runtime API
//! transcripts, with the server's bytes split at every offset and dribbled.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

extern crate std;

use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::*;
use crate::driver::{self, Stop};

#[path = "session_sim.rs"]
mod sim;
use sim::*;

#[path = "stream/sim_tests.rs"]
mod streaming;

#[test]
fn keep_alive_events_in_a_row() {
    let mut s = Vec::new();
    for i in 0..5 {
        s.extend(hello(
            &format!("id-{i}"),
            &format!("\"n{i}\""),
            &format!("n{i}"),
        ));
    }
    s.push(end());
    assert_eq!(replay(&s, MIN_RX), []);
}

#[test]
fn missing_name_json_escapes_and_surrogates() {
    let mut s = Vec::new();
    s.extend(hello("a", "null", "world"));
    s.extend(hello(
        "b",
        r#""a\"b\\c\u00e9\ud83d\ude00\n""#,
        "a\\\"b\\\\cé😀\\n",
    ));
    s.push(end());
    assert_eq!(replay(&s, MIN_RX), []);
}

#[test]
fn chunked_upper_case_and_connection_close() {
    let chunked = b"HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: chunked\r\nLAMBDA-RUNTIME-AWS-REQUEST-ID: c1\r\nLAMBDA-RUNTIME-INVOCATION-ID: inv-9\r\n\r\n5;x=y\r\n{\"fir\r\n10\r\nstName\":\"chunk\"}\r\n0\r\nTrailer: 1\r\n\r\n";
    let mut close = event("c2", "Connection: close\r\n", "{}");
    close.truncate(close.len());
    let s = vec![
        ex(Want::Exact(next_req()), chunked),
        ex(
            Want::Exact(response_req(
                "c1",
                "{\"message\":\"Hello, chunk!\"}",
                Some("inv-9"),
            )),
            ACCEPTED,
        ),
        Exchange {
            want: Want::Exact(next_req()),
            reply: close,
            close: true,
        },
        // The response goes out on a new connection.
        ex(
            Want::Exact(response_req("c2", "{\"message\":\"Hello, world!\"}", None)),
            ACCEPTED,
        ),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), []);
}

#[test]
fn bad_events_are_reported_and_the_loop_goes_on() {
    let no_id = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
    let s = vec![
        ex(Want::Exact(next_req()), no_id),
        ex(
            Want::Exact(next_req()),
            &event("t", "", "{\"firstName\":\"trunc"),
        ),
        ex(
            Want::Error {
                id: "t",
                kind: error_type::INVALID_EVENT,
            },
            ACCEPTED,
        ),
        boom("e", ACCEPTED)[0].clone(),
        boom("e", ACCEPTED)[1].clone(),
        hello("ok", "\"again\"", "again")[0].clone(),
        hello("ok", "\"again\"", "again")[1].clone(),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), [Notice::MissingRequestId]);
}

#[test]
fn rejected_responses_are_logged_and_skipped() {
    let too_large = reply(
        "413 Request Entity Too Large",
        r#"{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}"#,
    );
    for (rejection, status) in [
        (too_large, 413),
        (
            reply("410 Gone", r#"{"errorType":"InvalidRequestID"}"#),
            410,
        ),
        (
            reply(
                "400 Bad Request",
                r#"{"errorType":"InvalidStateTransition"}"#,
            ),
            400,
        ),
        (
            reply("403 Forbidden", r#"{"errorType":"InvalidRequestID"}"#),
            403,
        ),
    ] {
        let [n, r] = hello("x", "\"x\"", "x");
        let s = vec![
            n,
            Exchange {
                reply: rejection,
                ..r
            },
            end(),
        ];
        let notices = replay(&s, MIN_RX);
        assert_eq!(
            notices,
            [Notice::Status {
                endpoint: Endpoint::Response,
                status
            }]
        );
    }
}

#[test]
fn rejected_error_reports_are_logged_and_skipped() {
    let refused = reply("403 Forbidden", r#"{"errorType":"InvalidRequestID"}"#);
    let [event, report] = boom("e", &refused);
    let s = vec![event, report, end()];
    assert_eq!(
        replay(&s, MIN_RX),
        [Notice::Status {
            endpoint: Endpoint::Error,
            status: 403
        }]
    );
}

#[test]
fn server_error_on_a_response_stops_the_session() {
    let [n, r] = hello("x", "\"x\"", "x");
    let script = [
        n,
        Exchange {
            reply: DIE.to_vec(),
            ..r
        },
    ];
    for split in [Split::At(1), Split::At(usize::MAX), Split::Dribble] {
        let sim = sim(&script, split);
        let (stop, _) = drive(&sim, &Hello, MIN_RX, false);
        let want = Error::Status {
            endpoint: Endpoint::Response,
            status: 500,
        };
        assert_eq!(stop, Stop::Session(want), "{split:?}");
        assert!(sim.borrow().script.is_empty(), "{split:?}");
    }
}

#[test]
fn short_body_then_close_is_reported_on_a_new_connection() {
    let mut short = event("s", "", "{\"firstName\":\"x\"}");
    short.truncate(short.len() - 5);
    let s = vec![
        Exchange {
            want: Want::Exact(next_req()),
            reply: short,
            close: true,
        },
        ex(
            Want::Error {
                id: "s",
                kind: error_type::TRUNCATED_EVENT,
            },
            ACCEPTED,
        ),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), [Notice::TruncatedEvent]);
}

#[test]
fn event_larger_than_the_buffer_is_reported() {
    let big = format!("{{\"firstName\":\"{}\"}}", "x".repeat(2 * MIN_RX));
    let s = [
        ex(Want::Exact(next_req()), &event("big", "", &big)),
        ex(
            Want::Error {
                id: "big",
                kind: error_type::EVENT_TOO_LARGE,
            },
            ACCEPTED,
        ),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), [Notice::EventTooLarge]);
}

#[test]
fn context_headers_reach_the_handler() {
    let headers = "Lambda-Runtime-Client-Context: {\"client\":{\"app_title\":\"snake\"}}\r\nlambda-runtime-cognito-identity: {\"cognitoIdentityId\":\"cid\"}\r\nLambda-Runtime-Aws-Tenant-Id: tenant-7\r\n";
    let body = r#"{"arn":"arn:aws:lambda:us-east-1:123456789012:function:f","client":"Some(Ok(Some(\"snake\")))","cognito":"Some(Ok(Some(\"cid\")))","deadline":1700000000000,"id":"c","tenant":"tenant-7","trace":"Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"}"#;
    let s = vec![
        ex(
            Want::Exact(next_req()),
            &event("c", headers, "{\"firstName\":\"ctx\"}"),
        ),
        ex(Want::Exact(response_req("c", body, None)), ACCEPTED),
        end(),
    ];
    assert_eq!(replay(&s, MIN_RX), []);
}

#[test]
fn malformed_context_never_fails_the_invocation() {
    let headers = "Lambda-Runtime-Client-Context: {not json\r\n";
    let reply = String::from_utf8(event("m", headers, "{\"firstName\":\"ctx\"}"))
        .unwrap()
        .replace(
            "Lambda-Runtime-Deadline-Ms: 1700000000000",
            "Lambda-Runtime-Deadline-Ms: soon",
        );
    let script = [
        ex(Want::Exact(next_req()), reply.as_bytes()),
        ex(Want::Any, ACCEPTED),
        end(),
    ];
    let sim = sim(&script, Split::At(usize::MAX));
    drive(&sim, &Hello, MIN_RX, false);
    let log = &sim.borrow().log;
    let body = log[1].split_once("\r\n\r\n").unwrap().1;
    assert!(
        log[1].starts_with("POST /2018-06-01/runtime/invocation/m/response "),
        "{}",
        log[1]
    );
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["deadline"], serde_json::Value::Null);
    assert!(
        v["client"].as_str().unwrap().starts_with("Some(Err("),
        "{v}"
    );
}

#[test]
fn repeated_failures_stop_instead_of_spinning() {
    let refused = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
    let script: Vec<Exchange> = (0..5)
        .map(|_| ex(Want::Exact(next_req()), refused))
        .collect();
    let (stop, notices) = drive(&sim(&script, Split::Dribble), &Hello, MIN_RX, false);
    let refused = Notice::Status {
        endpoint: Endpoint::Next,
        status: 403,
    };
    assert_eq!(stop, Stop::Session(Error::Unreliable(refused)));
    assert_eq!(notices.len(), 4);
}

#[test]
fn init_error_is_reported_then_the_session_stops() {
    let script = [ex(
        Want::InitError {
            kind: "Runtime.InitError",
        },
        ACCEPTED,
    )];
    let (stop, _) = drive(
        &sim(&script, Split::Dribble),
        &driver::NoHandler,
        MIN_RX,
        true,
    );
    assert_eq!(stop, Stop::Session(Error::InitFailed));
}

#[test]
fn one_method_takes_every_outcome() {
    let config =
        crate::Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(API)).unwrap();
    let (mut rx, mut tx) = (vec![0u8; MIN_RX], vec![0u8; MIN_TX + 1024]);
    let mut s = Session::new(config, &mut rx, &mut tx).unwrap();
    s.handle_connected();
    // Nothing is pending yet: an outcome changes nothing.
    s.complete(Outcome::Response(0));
    assert_eq!(s.poll_transmit().unwrap(), next_req());
    let cases = [
        ("/response", None),
        ("/error", Some("Function.Mine")),
        ("/error", Some("Runtime.Custom")),
    ];
    for (i, (endpoint, kind)) in cases.into_iter().enumerate() {
        s.handle_transmitted();
        let id = format!("id-{i}");
        let ev = event(&id, "", "{}");
        s.recv_buf()[..ev.len()].copy_from_slice(&ev);
        s.handle_recv(ev.len());
        assert_eq!(s.poll_event(), Some(Event::Invocation));
        let out = s.invocation().unwrap().out;
        let outcome = match i {
            0 => {
                out[..2].copy_from_slice(b"{}");
                Outcome::Response(2)
            }
            1 => Outcome::report(&Diagnostic::new("Function.Mine", &"mine"), "/var/task", out),
            _ => Outcome::failed("Runtime.Custom", "went away"),
        };
        s.complete(outcome);
        let sent = String::from_utf8(s.poll_transmit().unwrap().to_vec()).unwrap();
        let path = format!("POST /2018-06-01/runtime/invocation/{id}{endpoint} HTTP/1.1\r\n");
        match kind {
            None => assert!(
                sent.starts_with(&path) && sent.ends_with("\r\n\r\n{}"),
                "{sent}"
            ),
            Some(kind) => check_report(&sent, &path, kind),
        }
        s.handle_transmitted();
        s.recv_buf()[..ACCEPTED.len()].copy_from_slice(ACCEPTED);
        s.handle_recv(ACCEPTED.len());
        assert_eq!(s.poll_transmit().unwrap(), next_req());
    }
}
