//! Subscriptions: the exact bytes sent, the bounds checked before sending, the answers typed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

extern crate std;

use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::*;
use crate::config::RuntimeApi;
use crate::extension::{Event, ExtensionError, Rejected, Session};

const ID: &str = "7f5b-ext";

fn session<'b>(rx: &'b mut [u8], tx: &'b mut [u8]) -> Session<'b> {
    let api = RuntimeApi::parse("127.0.0.1:9001").unwrap();
    let mut s = Session::with_identifier(api, ID, rx, tx).unwrap();
    s.handle_connected();
    s
}

fn put(path: &str, body: &str) -> String {
    format!(
        "PUT {path} HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nLambda-Extension-Identifier: {ID}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// What `subscription` sends.
fn sent(subscription: &Subscription<'_>) -> String {
    let (mut rx, mut tx) = ([0u8; 256], [0u8; 1024]);
    let mut s = session(&mut rx, &mut tx);
    s.subscribe(subscription).unwrap();
    String::from_utf8(s.poll_transmit().unwrap().to_vec()).unwrap()
}

#[test]
fn every_schema_destination_and_type_set_is_encoded_exactly() {
    let tele = "/2022-07-01/telemetry";
    let cases: Vec<(Subscription<'_>, String)> = vec![
        (
            Subscription::telemetry(Destination::HttpPort(8080)),
            put(
                tele,
                r#"{"schemaVersion":"2025-01-29","types":["platform","function"],"destination":{"protocol":"HTTP","URI":"http://sandbox.localdomain:8080"}}"#,
            ),
        ),
        (
            Subscription {
                api: Api::Telemetry(Schema::V2022_07_01),
                ..Subscription::telemetry(Destination::Tcp(9999))
            }
            .with_types(Types::PLATFORM.and(Types::FUNCTION).and(Types::EXTENSION))
            .with_buffering(Buffering {
                max_items: 10_000,
                max_bytes: 1_048_576,
                timeout_ms: 25,
            }),
            put(
                tele,
                r#"{"schemaVersion":"2022-07-01","types":["platform","function","extension"],"buffering":{"maxItems":10000,"maxBytes":1048576,"timeoutMs":25},"destination":{"protocol":"TCP","port":9999}}"#,
            ),
        ),
        (
            Subscription {
                api: Api::Telemetry(Schema::V2022_12_13),
                ..Subscription::telemetry(Destination::HttpUri("http://127.0.0.1:4243/t"))
            }
            .with_types(Types::EXTENSION)
            .with_buffering(Buffering::DEFAULT),
            put(
                tele,
                r#"{"schemaVersion":"2022-12-13","types":["extension"],"buffering":{"maxItems":1000,"maxBytes":262144,"timeoutMs":1000},"destination":{"protocol":"HTTP","URI":"http://127.0.0.1:4243/t"}}"#,
            ),
        ),
        (
            Subscription::logs(Destination::HttpPort(9002)).with_types(Types::FUNCTION),
            put(
                "/2020-08-15/logs",
                r#"{"schemaVersion":"2021-03-18","types":["function"],"destination":{"protocol":"HTTP","URI":"http://sandbox.localdomain:9002"}}"#,
            ),
        ),
    ];
    for (subscription, want) in cases {
        assert_eq!(sent(&subscription), want);
    }
    // The body sent is the JSON a server reads.
    let body =
        sent(&Subscription::telemetry(Destination::Tcp(1)).with_buffering(Buffering::DEFAULT));
    let body = body.split("\r\n\r\n").nth(1).unwrap();
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["destination"]["port"], 1);
    assert_eq!(v["buffering"]["timeoutMs"], 1000);
}

#[test]
fn bounds_are_checked_before_anything_is_sent() {
    let base = Subscription::telemetry(Destination::HttpPort(8080));
    let with = |max_items, max_bytes, timeout_ms| {
        base.with_buffering(Buffering {
            max_items,
            max_bytes,
            timeout_ms,
        })
    };
    let bad = [
        (with(999, 262_144, 25), SubscriptionError::MaxItems(999)),
        (
            with(10_001, 262_144, 25),
            SubscriptionError::MaxItems(10_001),
        ),
        (
            with(1_000, 262_143, 25),
            SubscriptionError::MaxBytes(262_143),
        ),
        (
            with(1_000, 1_048_577, 25),
            SubscriptionError::MaxBytes(1_048_577),
        ),
        (with(1_000, 262_144, 24), SubscriptionError::TimeoutMs(24)),
        (
            with(1_000, 262_144, 30_001),
            SubscriptionError::TimeoutMs(30_001),
        ),
        (base.with_types(Types::NONE), SubscriptionError::NoTypes),
        (
            Subscription::telemetry(Destination::HttpPort(0)),
            SubscriptionError::Port,
        ),
        (
            Subscription::logs(Destination::Tcp(0)),
            SubscriptionError::Port,
        ),
        (
            Subscription::telemetry(Destination::HttpUri("")),
            SubscriptionError::Uri,
        ),
        (
            Subscription::telemetry(Destination::HttpUri("http://x\",\"evil\":\"")),
            SubscriptionError::Uri,
        ),
        (
            Subscription::telemetry(Destination::HttpUri("http://x\r\nHost: y")),
            SubscriptionError::Uri,
        ),
    ];
    for (subscription, want) in bad {
        assert_eq!(subscription.check(), Err(want));
        let (mut rx, mut tx) = ([0u8; 256], [0u8; 1024]);
        let mut s = session(&mut rx, &mut tx);
        assert_eq!(
            s.subscribe(&subscription),
            Err(ExtensionError::InvalidSubscription(want))
        );
        assert_eq!((s.poll_transmit(), s.poll_event()), (None, None));
        assert!(!format!("{}", ExtensionError::InvalidSubscription(want)).is_empty());
    }
    // The edges themselves are accepted.
    for ok in [with(1_000, 262_144, 25), with(10_000, 1_048_576, 30_000)] {
        assert_eq!(ok.check(), Ok(()));
    }
}

#[test]
fn answers_are_typed_in_any_split() {
    let ok = b"HTTP/1.1 200 OK\r\nDate: x\r\nContent-Length: 2\r\n\r\nOK";
    let rie = b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
    let body = r#"{"errorType":"ValidationError","errorMessage":"buffering.maxItems: 1"}"#;
    let refused = format!(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let refused = refused.as_bytes();
    let cases: [(&[u8], Event<'_>); 3] = [
        (ok, Event::Subscribed),
        (rie, Event::Subscribed),
        (
            refused,
            Event::Rejected(Rejected {
                status: 400,
                error_type: Some("ValidationError"),
                error_message: Some("buffering.maxItems: 1"),
            }),
        ),
    ];
    for (answer, want) in cases {
        for first in 1..=answer.len() {
            let (mut rx, mut tx) = ([0u8; 256], [0u8; 1024]);
            let mut s = session(&mut rx, &mut tx);
            // Not before registration, and one request at a time.
            s.subscribe(&Subscription::logs(Destination::HttpPort(9002)))
                .unwrap();
            assert_eq!(
                s.subscribe(&Subscription::logs(Destination::HttpPort(9002))),
                Err(ExtensionError::OutOfOrder)
            );
            s.handle_transmitted();
            let mut rest = answer;
            let mut step = first;
            while s.is_awaiting() && !rest.is_empty() {
                let buf = s.recv_buf();
                let n = step.min(rest.len()).min(buf.len());
                buf[..n].copy_from_slice(&rest[..n]);
                rest = &rest[n..];
                s.handle_recv(n);
                step = usize::MAX;
            }
            assert_eq!(s.poll_event(), Some(want), "first read {first}");
        }
    }
    let api = RuntimeApi::parse("127.0.0.1:9001").unwrap();
    let (mut rx, mut tx) = ([0u8; 256], [0u8; 1024]);
    let mut unregistered = Session::new(api, &mut rx, &mut tx);
    assert_eq!(
        unregistered.subscribe(&Subscription::telemetry(Destination::Tcp(7))),
        Err(ExtensionError::OutOfOrder)
    );
    let (mut rx, mut tx) = ([0u8; 256], [0u8; 64]);
    let mut small = session(&mut rx, &mut tx);
    assert_eq!(
        small.subscribe(&Subscription::telemetry(Destination::Tcp(7))),
        Err(ExtensionError::BufferTooSmall)
    );
}
