//! The Extensions API state machine (`extension::Session`) against arbitrary answers in
//! arbitrary splits: registration, then `event/next` and error reports, one answer each.
//!
//! Invariants: never panics; byte-at-a-time and random reads give the same transcript (every
//! request sent, every event with its borrowed strings, every reconnect), bytes nobody asked
//! for included; a registration succeeds only on a 2xx answer and keeps exactly the first
//! `Lambda-Extension-Identifier` value (trimmed, 1..=128 bytes) an independent httparse
//! reading finds; an event's or refusal's fields are what serde_json reads in the body;
//! every request is one well-formed request with the name, identifier and error type
//! sanitized into one header line each.
//!
//! Input: 8 bytes PRNG seed (its first byte's low bits pick the events subscribed to), 1 byte
//! buffer size, the extension name up to `\n`, then the answers separated by `@@@@` (the first
//! to the registration, then one per request; an empty one closes the connection).
#![no_main]

use lambkin_core::RuntimeApi;
use lambkin_core::diagnostic::{Diagnostic, MAX_ERROR_TYPE};
use lambkin_core::extension::{Event, ExtensionError, MAX_IDENTIFIER, Registration, Session};
use lambkin_core::http::HttpError;
use lambkin_emulator::wire;
use lambkin_fuzz::{Rng, json_depth, le, prefix, sanitized, split_on};
use serde_json::Value;

/// What one run did: each request sent, each event shown, in order.
type Transcript = Vec<String>;

/// The requests one run sent, for the request checks.
type Sent = Vec<(Kind, Vec<u8>)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Register,
    Next,
    InitError,
    ExitError,
}

/// Which head error is reported may depend on when the head is re-parsed.
fn shown(event: &Event<'_>) -> String {
    match event {
        Event::Failed(ExtensionError::Http(
            HttpError::MalformedHead | HttpError::HeadTooLarge | HttpError::Truncated,
        )) => "Failed(head)".into(),
        e => format!("{e:?}"),
    }
}

struct Input<'a> {
    api: RuntimeApi<'static>,
    registration: Registration<'a>,
    name: &'a str,
    error_type: String,
    answers: Vec<&'a [u8]>,
    cap: usize,
}

/// Runs the whole script with reads of `size(pending)` bytes; checks each event as it comes.
/// Also gives the identifier registered, if any.
fn run(
    input: &Input<'_>,
    mut size: impl FnMut(usize) -> usize,
) -> (Transcript, Sent, Option<String>) {
    let (mut rx, mut tx) = (vec![0u8; input.cap], vec![0u8; 8192]);
    let mut s = Session::new(input.api, &mut rx, &mut tx);
    s.handle_connected();
    let (mut log, mut sent) = (Transcript::new(), Sent::new());
    let diagnostic = Diagnostic::new(&input.error_type, &input.name);
    for (i, answer) in input.answers.iter().enumerate() {
        let kind = match (s.identifier(), i % 4) {
            (None, _) => Kind::Register,
            (Some(_), 2) => Kind::InitError,
            (Some(_), 3) => Kind::ExitError,
            _ => Kind::Next,
        };
        let asked = match kind {
            Kind::Register => s.register(&input.registration),
            Kind::Next => s.next_event(),
            Kind::InitError => s.init_error(&diagnostic),
            Kind::ExitError => s.exit_error(&diagnostic),
        };
        if let Err(e) = asked {
            log.push(format!("{kind:?} refused: {e:?}"));
            break;
        }
        if s.poll_event() == Some(Event::Reconnect) {
            log.push("Reconnect".into());
            s.handle_connected();
        }
        let bytes = s.poll_transmit().expect("a request to send").to_vec();
        log.push(String::from_utf8_lossy(&bytes).into_owned());
        sent.push((kind, bytes));
        s.handle_transmitted();
        // The whole answer arrives, bytes after the answer's end included.
        let mut rest = *answer;
        while !rest.is_empty() {
            let buf = s.recv_buf();
            let n = size(rest.len()).clamp(1, rest.len()).min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            rest = &rest[n..];
            s.handle_recv(n);
            if n == 0 {
                break;
            }
        }
        if s.is_awaiting() {
            s.handle_recv(0);
        }
        let event = s.poll_event().expect("an answer");
        check_event(kind, answer, &event);
        log.push(shown(&event));
    }
    let id = s.identifier().map(String::from);
    (log, sent, id)
}

/// Status and body of an answer framed simply (no interim response, a Content-Length, no
/// Transfer-Encoding), as httparse reads it: where the oracle can tell what the body is.
fn simple(answer: &[u8]) -> Option<(u16, &[u8])> {
    let mut slots = [httparse::EMPTY_HEADER; 64];
    let mut resp = httparse::Response::new(&mut slots);
    let len = match httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .parse_response(&mut resp, answer)
    {
        Ok(httparse::Status::Complete(len)) => len,
        _ => return None,
    };
    let status = resp.code?;
    let headers: Vec<(String, Vec<u8>)> = resp
        .headers
        .iter()
        .map(|h| (h.name.to_ascii_lowercase(), h.value.trim_ascii().to_vec()))
        .collect();
    let header = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v);
    if !(200..600).contains(&status) || header("transfer-encoding").is_some() {
        return None;
    }
    let cl: usize = std::str::from_utf8(header("content-length")?)
        .ok()?
        .parse()
        .ok()?;
    let body = answer.get(len..len.checked_add(cl)?)?;
    Some((status, body))
}

/// serde_json's reading of `body` when it is an object (serde also fills a struct from an
/// array, by position), unless it nests deeper than both decoders allow.
fn json(body: &[u8]) -> Option<Value> {
    if json_depth(body) > 100 {
        return None;
    }
    let v: Value = serde_json::from_slice(body).expect("core decoded a body serde_json refuses");
    v.is_object().then_some(v)
}

fn text<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

fn check_event(kind: Kind, answer: &[u8], event: &Event<'_>) {
    if let Event::Registered(r) = event {
        assert_eq!(kind, Kind::Register);
        assert!(!r.identifier.is_empty() && r.identifier.len() <= MAX_IDENTIFIER);
        check_identifier(answer, r.identifier);
    }
    let Some((status, body)) = simple(answer) else {
        return;
    };
    match event {
        Event::Registered(r) => {
            for (field, got) in [
                ("functionName", r.function_name),
                ("functionVersion", r.function_version),
                ("handler", r.handler),
                ("accountId", r.account_id),
            ] {
                if let Some(got) = got {
                    let v = json(body);
                    assert!(v.is_none_or(|v| text(&v, field) == Some(got)), "{field}");
                }
            }
        }
        Event::Invoke(inv) => {
            assert_eq!((kind, status / 100), (Kind::Next, 2));
            let Some(v) = json(body) else { return };
            assert!(
                text(&v, "eventType")
                    .unwrap()
                    .eq_ignore_ascii_case("invoke")
            );
            assert_eq!(text(&v, "requestId").unwrap_or(""), inv.request_id);
            assert_eq!(
                text(&v, "invokedFunctionArn").unwrap_or(""),
                inv.invoked_function_arn
            );
            assert_eq!(
                v.get("deadlineMs").and_then(Value::as_u64),
                inv.deadline.map(|d| d.raw())
            );
            let got = inv.tracing.map(|t| (t.kind, t.value));
            match v.get("tracing") {
                None | Some(Value::Null) => assert_eq!(got, None),
                Some(t @ Value::Object(_)) => assert_eq!(
                    got,
                    Some((
                        text(t, "type").unwrap_or(""),
                        text(t, "value").unwrap_or("")
                    ))
                ),
                Some(_) => {}
            }
        }
        Event::Shutdown(sd) => {
            assert_eq!((kind, status / 100), (Kind::Next, 2));
            let Some(v) = json(body) else { return };
            assert!(
                text(&v, "eventType")
                    .unwrap()
                    .eq_ignore_ascii_case("shutdown")
            );
            assert_eq!(text(&v, "shutdownReason").unwrap_or(""), sd.reason_text);
            assert_eq!(
                v.get("deadlineMs").and_then(Value::as_u64),
                sd.deadline.map(|d| d.raw())
            );
        }
        Event::Rejected(r) => {
            assert_eq!(r.status, status);
            assert!(!(200..300).contains(&status));
            for (field, got) in [
                ("errorType", r.error_type),
                ("errorMessage", r.error_message),
            ] {
                if let Some(got) = got {
                    let v = json(body);
                    assert!(v.is_none_or(|v| text(&v, field) == Some(got)), "{field}");
                }
            }
        }
        Event::ErrorReported => {
            assert!(matches!(kind, Kind::InitError | Kind::ExitError));
            assert_eq!(status / 100, 2);
        }
        _ => {}
    }
}

/// The oracle for a registration: a 2xx status and the first identifier header, from httparse.
fn check_identifier(answer: &[u8], id: &str) {
    let mut slots = [httparse::EMPTY_HEADER; 64];
    let mut resp = httparse::Response::new(&mut slots);
    let parsed = httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .parse_response(&mut resp, answer);
    if let Ok(httparse::Status::Complete(_)) = parsed {
        let code = resp.code.unwrap();
        if (200..300).contains(&code) {
            let first = resp
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("lambda-extension-identifier"))
                .map(|h| h.value.trim_ascii());
            assert_eq!(
                Some(id.as_bytes()),
                first,
                "identifier differs from the first header"
            );
        } else {
            // An interim 1xx answer is skipped; the real one follows it.
            assert!((100..200).contains(&code), "registered on status {code}");
        }
    }
}

/// Each request is one well-formed request carrying the sanitized values.
fn check_requests(input: &Input<'_>, sent: &Sent, id: Option<&str>) {
    for (kind, bytes) in sent {
        let (req, n) = match wire::parse_request(bytes, usize::MAX) {
            Ok(Some(r)) => r,
            other => panic!("malformed {kind:?} request ({other:?}): {bytes:?}"),
        };
        assert_eq!(n, bytes.len(), "one request");
        let (method, path) = match kind {
            Kind::Register => ("POST", "register"),
            Kind::Next => ("GET", "event/next"),
            Kind::InitError => ("POST", "init/error"),
            Kind::ExitError => ("POST", "exit/error"),
        };
        assert_eq!(req.method, method);
        assert_eq!(req.path, format!("/pre/2020-01-01/extension/{path}"));
        if *kind == Kind::Register {
            assert_eq!(
                req.header("lambda-extension-name"),
                Some(sanitized(input.name).as_str())
            );
            let events: Value = serde_json::from_slice(&req.body).unwrap();
            assert!(events["events"].is_array(), "{events}");
            continue;
        }
        let id = id.expect("registered before");
        assert_eq!(
            req.header("lambda-extension-identifier"),
            Some(sanitized(id).as_str())
        );
        if *kind != Kind::Next {
            let ty = prefix(&input.error_type, MAX_ERROR_TYPE);
            assert_eq!(
                req.header("lambda-extension-function-error-type"),
                Some(sanitized(ty).as_str())
            );
            let doc: Value = serde_json::from_slice(&req.body).unwrap();
            assert_eq!(doc["errorType"], ty);
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let mut rng = Rng::new(le(&data[..8]));
    let cap = 256 + usize::from(data[8]) * 16;
    let rest = &data[9..];
    let (name, answers) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (String::from_utf8_lossy(&rest[..i]), &rest[i + 1..]),
        None => (String::from_utf8_lossy(rest), &[][..]),
    };
    let mut registration = Registration::new(&name);
    if data[0] & 1 != 0 {
        registration = registration.with_invoke();
    }
    if data[0] & 2 != 0 {
        registration = registration.with_shutdown();
    }
    if data[0] & 4 != 0 {
        registration = registration.with_account_id();
    }
    let input = Input {
        api: RuntimeApi::parse("http://127.0.0.1:9001/pre").unwrap(),
        registration,
        name: &name,
        error_type: format!("Extension.{name}"),
        answers: split_on(answers, b"@@@@"),
        cap,
    };
    let (dribble, sent, id) = run(&input, |_| 1);
    let (random, _, _) = run(&input, |left| rng.chunk(left));
    assert_eq!(dribble, random, "the transcript depends on the read split");
    check_requests(&input, &sent, id.as_deref());
});
