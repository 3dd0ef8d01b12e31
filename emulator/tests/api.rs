//! The Runtime API server byte for byte, from a raw socket: statuses, bodies, headers, faults.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lambkin_emulator::wire::{Request, parse_request};
use lambkin_emulator::{Config, Emulator, Fault, Invocation, Outcome, TOO_LARGE_BODY, WaitError};

const NEXT: &str = "/2018-06-01/runtime/invocation/next";
const WAIT: Duration = Duration::from_secs(10);

/// A client connection that reads responses with the emulator's own parser (responses and
/// requests share the framing rules; the status line sits where the request line would).
struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Client {
    fn new(emu: &Emulator) -> Self {
        let stream = TcpStream::connect(emu.address()).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        Self {
            stream,
            buf: Vec::new(),
        }
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Option<Reply> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        self.stream.write_all(head.as_bytes()).unwrap();
        self.stream.write_all(body).unwrap();
        self.read()
    }

    fn read(&mut self) -> Option<Reply> {
        loop {
            // Parse "HTTP/1.1 202 Accepted" as if it were "GET 202 HTTP/1.1" to reuse the parser.
            if let Some(end) = self.buf.windows(2).position(|w| w == b"\r\n") {
                let line = String::from_utf8(self.buf[..end].to_vec()).unwrap();
                let status: u16 = line.split(' ').nth(1).unwrap().parse().unwrap();
                let mut fake = format!("GET /{status} HTTP/1.1").into_bytes();
                let fake_line = fake.len();
                fake.extend_from_slice(&self.buf[end..]);
                if let Some((Request { headers, body, .. }, used)) =
                    parse_request(&fake, 64 << 20).unwrap()
                {
                    let consumed = used - fake_line + end;
                    self.buf.drain(..consumed);
                    return Some(Reply {
                        status,
                        headers,
                        body,
                    });
                }
            }
            let mut chunk = [0u8; 65536];
            match self.stream.read(&mut chunk) {
                Ok(0) | Err(_) => return None,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }

    fn next(&mut self) -> Reply {
        self.send("GET", NEXT, &[], b"").expect("a /next reply")
    }

    /// The request id of the next invocation.
    fn next_id(&mut self) -> String {
        let next = self.next();
        next.header("Lambda-Runtime-Aws-Request-Id")
            .expect("a request id")
            .to_owned()
    }
}

fn path(id: &str, kind: &str) -> String {
    format!("/2018-06-01/runtime/invocation/{id}/{kind}")
}

#[test]
fn next_carries_every_context_header() {
    let emu = Emulator::start(Config::default()).unwrap();
    let pending = emu.invoke(Invocation {
        client_context: Some("{\"custom\":{}}".into()),
        cognito_identity: Some("{\"cognitoIdentityId\":\"i\"}".into()),
        tenant_id: Some("t-1".into()),
        invocation_id: Some("inv-9".into()),
        ..Invocation::new("{\"a\":1}")
    });
    let mut c = Client::new(&emu);
    let before = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis();
    let r = c.next();
    assert_eq!((r.status, r.text().as_str()), (200, "{\"a\":1}"));
    assert_eq!(
        r.header("lambda-runtime-aws-request-id"),
        Some(pending.request_id())
    );
    let deadline: u128 = r
        .header("Lambda-Runtime-Deadline-Ms")
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (before + 2_900..before + 3_200).contains(&deadline),
        "3 s timeout: {deadline} vs {before}"
    );
    assert_eq!(
        r.header("Lambda-Runtime-Invoked-Function-Arn"),
        Some("arn:aws:lambda:us-east-1:000000000000:function:function")
    );
    assert!(
        r.header("Lambda-Runtime-Trace-Id")
            .unwrap()
            .starts_with("Root=1-")
    );
    assert_eq!(
        r.header("Lambda-Runtime-Client-Context"),
        Some("{\"custom\":{}}")
    );
    assert_eq!(
        r.header("Lambda-Runtime-Cognito-Identity"),
        Some("{\"cognitoIdentityId\":\"i\"}")
    );
    assert_eq!(r.header("Lambda-Runtime-Aws-Tenant-Id"), Some("t-1"));
    assert_eq!(r.header("Lambda-Runtime-Invocation-Id"), Some("inv-9"));
}

#[test]
fn statuses_follow_the_runtime_api() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut c = Client::new(&emu);
    let pending = emu.invoke(Invocation::new("{}"));
    let id = c.next_id();

    let unknown = c
        .send("POST", &path("nope", "response"), &[], b"{}")
        .unwrap();
    assert_eq!(unknown.status, 400, "{}", unknown.text());
    let init_late = c
        .send("POST", "/2018-06-01/runtime/init/error", &[], b"{}")
        .unwrap();
    assert_eq!(init_late.status, 403, "init/error after the first /next");

    let ok = c
        .send("POST", &path(&id, "response"), &[], b"{\"r\":1}")
        .unwrap();
    assert_eq!(
        (ok.status, ok.text().as_str()),
        (202, "{\"status\":\"OK\"}")
    );
    let again = c.send("POST", &path(&id, "error"), &[], b"{}").unwrap();
    assert_eq!(again.status, 403, "answered twice: {}", again.text());
    assert!(
        matches!(pending.wait(WAIT), Ok(Outcome::Response { body, .. }) if body == b"{\"r\":1}")
    );
    assert_eq!(pending.wait(WAIT), Err(WaitError::Collected));

    let big = emu.invoke(Invocation::new("{}"));
    let id = c.next_id();
    let r = c
        .send("POST", &path(&id, "response"), &[], &vec![b' '; 6_291_557])
        .unwrap();
    assert_eq!((r.status, r.text()), (413, TOO_LARGE_BODY.to_owned()));
    let Ok(Outcome::Error { error_type, .. }) = big.wait(WAIT) else {
        panic!()
    };
    assert_eq!(error_type, "Function.ResponseSizeTooLarge");

    let just_fits = emu.invoke(Invocation::new("{}"));
    let id = c.next_id();
    assert_eq!(
        c.send("POST", &path(&id, "response"), &[], &vec![b' '; 6_291_556])
            .unwrap()
            .status,
        202
    );
    assert!(matches!(just_fits.wait(WAIT), Ok(Outcome::Response { .. })));

    assert_eq!(
        c.send("GET", "/2018-06-01/runtime/nothing", &[], b"")
            .unwrap()
            .status,
        404
    );
    assert_eq!(c.send("POST", NEXT, &[], b"").unwrap().status, 405);
}

#[test]
fn late_answers_get_410_and_the_invocation_times_out() {
    let emu = Emulator::start(Config {
        timeout: Duration::from_millis(200),
        ..Config::default()
    })
    .unwrap();
    let mut c = Client::new(&emu);
    let pending = emu.invoke(Invocation::new("{}"));
    let id = c.next_id();
    assert_eq!(pending.wait(WAIT), Ok(Outcome::TimedOut));
    assert_eq!(
        c.send("POST", &path(&id, "response"), &[], b"{}")
            .unwrap()
            .status,
        410
    );
    assert!(pending.timing().unwrap().duration() >= Duration::from_millis(200));
}

#[test]
fn errors_init_errors_and_streamed_responses() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut c = Client::new(&emu);
    let init = c.send(
        "POST",
        "/2018-06-01/runtime/init/error",
        &[("Lambda-Runtime-Function-Error-Type", "Function.X")],
        b"{\"m\":1}",
    );
    assert_eq!(init.unwrap().status, 202);
    assert_eq!(emu.init_error().unwrap().error_type, "Function.X");

    let failing = emu.invoke(Invocation::new("{}"));
    let id = c.next_id();
    let kind = [("Lambda-Runtime-Function-Error-Type", "unhandled")];
    assert_eq!(
        c.send("POST", &path(&id, "error"), &kind, b"{\"e\":1}")
            .unwrap()
            .status,
        202
    );
    let Ok(Outcome::Error {
        error_type, body, ..
    }) = failing.wait(WAIT)
    else {
        panic!()
    };
    assert_eq!(
        (error_type.as_str(), body.as_slice()),
        ("Runtime.Unknown", b"{\"e\":1}".as_slice())
    );

    // A streamed response: chunked, error reported in trailers (body base64), as Lambda streams.
    for (trailers, want) in [
        (
            "",
            Outcome::Response {
                body: b"partone".to_vec(),
                headers: vec![],
            },
        ),
        (
            "Lambda-Runtime-Function-Error-Type: Function.Broke\r\nLambda-Runtime-Function-Error-Body: eyJ4IjoxfQ==\r\n",
            Outcome::Error {
                error_type: "Function.Broke".into(),
                body: b"{\"x\":1}".to_vec(),
                headers: vec![],
            },
        ),
    ] {
        let streamed = emu.invoke(Invocation::new("{}"));
        let id = c.next_id();
        let head = format!(
            "POST {} HTTP/1.1\r\nLambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type\r\n\r\n4\r\npart\r\n3\r\none\r\n0\r\n{trailers}\r\n",
            path(&id, "response")
        );
        c.stream.write_all(head.as_bytes()).unwrap();
        assert_eq!(c.read().unwrap().status, 202);
        let got = match streamed.wait(WAIT).unwrap() {
            Outcome::Response { body, .. } => Outcome::Response {
                body,
                headers: vec![],
            },
            Outcome::Error {
                error_type, body, ..
            } => Outcome::Error {
                error_type,
                body,
                headers: vec![],
            },
            other => other,
        };
        assert_eq!(got, want);
    }
}

#[test]
fn faults_reject_drop_and_redeliver() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut c = Client::new(&emu);
    let rejected = emu.invoke(Invocation {
        fault: Fault {
            next_status: Some(500),
            ..Fault::default()
        },
        ..Invocation::new("{}")
    });
    let r = c.next();
    assert_eq!(r.status, 500);
    assert_eq!(rejected.wait(WAIT), Ok(Outcome::Rejected { status: 500 }));

    // Dropped on the first answer; the retry on a new connection is accepted.
    let dropped = emu.invoke(Invocation {
        fault: Fault {
            drop_mid_response: true,
            ..Fault::default()
        },
        ..Invocation::new("{}")
    });
    let id = c.next_id();
    assert!(
        c.send("POST", &path(&id, "response"), &[], b"{}").is_none(),
        "connection dropped"
    );
    let mut c = Client::new(&emu);
    assert_eq!(
        c.send("POST", &path(&id, "response"), &[], b"{\"ok\":1}")
            .unwrap()
            .status,
        202
    );
    assert!(matches!(dropped.wait(WAIT), Ok(Outcome::Response { .. })));

    // A truncated event: the head promises more than arrives, then the connection closes.
    let short = emu.invoke(Invocation {
        fault: Fault {
            truncate_body_at: Some(3),
            ..Fault::default()
        },
        ..Invocation::new("{\"abcdef\":1}")
    });
    c.send("GET", NEXT, &[], b"");
    assert!(c.read().is_none());
    assert_eq!(
        short.wait(Duration::from_millis(50)),
        Err(WaitError::Elapsed)
    );

    // A poll whose connection is gone before delivery does not eat the invocation.
    let mut gone = TcpStream::connect(emu.address()).unwrap();
    write!(gone, "GET {NEXT} HTTP/1.1\r\n\r\n").unwrap();
    while emu.open_next_polls() == 0 {
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(gone);
    let kept = emu.invoke(Invocation::new("{\"kept\":1}"));
    let mut c = Client::new(&emu);
    let r = c.next();
    assert_eq!(
        (r.text().as_str(), r.header("Lambda-Runtime-Aws-Request-Id")),
        ("{\"kept\":1}", Some(kept.request_id()))
    );
    emu.shutdown();
    assert_eq!(short.wait(WAIT), Err(WaitError::Shutdown));
}

#[test]
fn extensions_register_during_init_and_hear_of_shutdown() {
    let emu = Emulator::start(Config::default()).unwrap();
    // `listening` is an external extension (started from the extensions directory).
    emu.begin_init_with_extensions(vec!["listening".into()], false);
    let register = |name: &str, events: &str| {
        let mut c = Client::new(&emu);
        let r = c
            .send(
                "POST",
                "/2020-01-01/extension/register",
                &[("Lambda-Extension-Name", name)],
                events.as_bytes(),
            )
            .unwrap();
        assert_eq!(r.status, 200, "{}", r.text());
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(
            (
                body["functionName"].as_str(),
                body["functionVersion"].as_str()
            ),
            (Some("function"), Some("$LATEST"))
        );
        let id = r.header("Lambda-Extension-Identifier").unwrap().to_owned();
        (c, id)
    };
    let (mut quiet, quiet_id) = register("quiet", r#"{"events":[]}"#);
    let (mut listening, listening_id) = register("listening", r#"{"events":["SHUTDOWN"]}"#);
    assert_eq!(emu.extensions(), 2);
    let mut c = Client::new(&emu);
    let refused = |c: &mut Client, name: &str, body: &[u8]| {
        let r = c
            .send(
                "POST",
                "/2020-01-01/extension/register",
                &[("Lambda-Extension-Name", name)],
                body,
            )
            .unwrap();
        assert_eq!(r.status, 403, "{}", r.text());
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        v["errorType"].as_str().unwrap().to_owned()
    };
    // Internal extensions may not subscribe to SHUTDOWN; names are unique; events are known.
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "inside",
            br#"{"events":["SHUTDOWN"]}"#,
            "Extension.InvalidEventType",
        ),
        (
            "inside",
            br#"{"events":["LOGS"]}"#,
            "Extension.InvalidEventType",
        ),
        (
            "quiet",
            br#"{"events":[]}"#,
            "Extension.InvalidExtensionState",
        ),
        ("inside", b"not json", "InvalidRequestFormat"),
    ];
    for (name, body, want) in cases {
        assert_eq!(refused(&mut c, name, body), want, "{name}");
    }
    let nameless = c
        .send("POST", "/2020-01-01/extension/register", &[], b"{}")
        .unwrap();
    assert_eq!(nameless.status, 400);
    let unknown = c.send(
        "GET",
        "/2020-01-01/extension/event/next",
        &[("Lambda-Extension-Identifier", "nope")],
        b"",
    );
    assert_eq!(unknown.unwrap().status, 403);

    // Both wait in event/next until the shutdown phase.
    let quiet_wait = std::thread::spawn(move || {
        quiet
            .send(
                "GET",
                "/2020-01-01/extension/event/next",
                &[("Lambda-Extension-Identifier", &quiet_id)],
                b"",
            )
            .is_none()
    });
    let listening_wait = std::thread::spawn(move || {
        let r = listening
            .send(
                "GET",
                "/2020-01-01/extension/event/next",
                &[("Lambda-Extension-Identifier", &listening_id)],
                b"",
            )
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()
    });
    // Registration closes with the init phase.
    let _ = emu.invoke(Invocation::new("{}"));
    let _ = c.next();
    let late = c.send(
        "POST",
        "/2020-01-01/extension/register",
        &[("Lambda-Extension-Name", "late")],
        b"{}",
    );
    let late = late.unwrap();
    assert_eq!(late.status, 403);
    assert!(
        late.text().contains("Extension.RegistrationClosed"),
        "{}",
        late.text()
    );

    emu.begin_shutdown(Duration::from_millis(2000));
    let event = listening_wait.join().unwrap();
    assert_eq!(
        (
            event["eventType"].as_str(),
            event["shutdownReason"].as_str()
        ),
        (Some("SHUTDOWN"), Some("spindown"))
    );
    let deadline = event["deadlineMs"].as_u64().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    assert!(
        deadline > now && deadline <= now + 2000,
        "{deadline} vs {now}"
    );
    assert!(
        quiet_wait.join().unwrap(),
        "an extension without events gets no event, only the end"
    );
}

#[test]
fn telemetry_subscriptions_are_for_extensions_through_one_api() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut c = Client::new(&emu);
    let r = c
        .send(
            "POST",
            "/2020-01-01/extension/register",
            &[("Lambda-Extension-Name", "ext")],
            br#"{"events":["INVOKE"]}"#,
        )
        .unwrap();
    let id = r.header("Lambda-Extension-Identifier").unwrap().to_owned();
    let telemetry = br#"{"schemaVersion":"2025-01-29","types":["platform"],"destination":{"protocol":"TCP","port":9}}"#;
    let logs = br#"{"schemaVersion":"2021-03-18","types":["platform"],"destination":{"protocol":"HTTP","URI":"http://sandbox.localdomain:9/"}}"#;
    let mut put = |path: &str, id: &str, body: &[u8]| {
        let r = c
            .send("PUT", path, &[("Lambda-Extension-Identifier", id)], body)
            .unwrap();
        (r.status, r.text())
    };
    // Only a registered extension may subscribe.
    let (status, text) = put("/2022-07-01/telemetry", "nope", telemetry);
    assert_eq!(status, 403, "{text}");
    assert_eq!(
        put("/2022-07-01/telemetry", &id, telemetry),
        (200, r#""OK""#.to_owned())
    );
    // The Logs API has its own schema, and refuses an extension subscribed to telemetry.
    let (status, text) = put("/2020-08-15/logs", &id, telemetry);
    assert!(
        status == 400 && text.contains("ValidationError"),
        "{status} {text}"
    );
    let (status, text) = put("/2020-08-15/logs", &id, logs);
    assert!(
        status == 400 && text.contains("other API"),
        "{status} {text}"
    );
}
