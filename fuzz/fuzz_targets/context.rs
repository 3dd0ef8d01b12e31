//! Context extraction from `/next` response headers, through a real session.
//!
//! Invariant: every `Context` field equals what an independent httparse reading of the same
//! head says (first occurrence of each header, case-insensitive, ASCII whitespace trimmed,
//! UTF-8, ids 1..=256 bytes); an event without a usable request id is never invoked; the
//! client context and Cognito identity decode exactly as serde_json decodes them; the answer
//! echoes the request id (percent-encoded) and the invocation id (sanitized).
//!
//! Input: 8 bytes PRNG seed, then header lines `<selector byte><value>` separated by `\n`, an
//! empty line, and the body.
#![no_main]

use std::borrow::Cow;

use lambkin_core::__private::trim;
use lambkin_core::session::Invocation;
use lambkin_fuzz::oracle::struct_from_array;
use lambkin_fuzz::sim::{self, Answer, Handler, Options};
use lambkin_fuzz::{Rng, le};
use serde::Deserialize;

const NAMES: [&str; 11] = [
    "Lambda-Runtime-Aws-Request-Id",
    "Lambda-Runtime-Deadline-Ms",
    "Lambda-Runtime-Invoked-Function-Arn",
    "Lambda-Runtime-Trace-Id",
    "Lambda-Runtime-Client-Context",
    "Lambda-Runtime-Cognito-Identity",
    "Lambda-Runtime-Aws-Tenant-Id",
    "Lambda-Runtime-Invocation-Id",
    "Content-Type",
    "Lambda-Runtime-Aws-Request",
    "X-Other",
];

/// The core's `ClientApplication`, with owned-or-borrowed strings so serde_json can decode it.
#[derive(Debug, Deserialize, PartialEq)]
struct App<'a> {
    #[serde(default, borrow, alias = "installationId", alias = "installation_id")]
    installation_id: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "appTitle", alias = "app_title")]
    app_title: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "appVersionName", alias = "app_version_name")]
    app_version_name: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "appVersionCode", alias = "app_version_code")]
    app_version_code: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "appPackageName", alias = "app_package_name")]
    app_package_name: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Client<'a> {
    #[serde(default, borrow)]
    client: Option<App<'a>>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Cognito<'a> {
    #[serde(
        default,
        borrow,
        alias = "identityId",
        alias = "cognitoIdentityId",
        alias = "cognito_identity_id"
    )]
    identity_id: Option<Cow<'a, str>>,
    #[serde(
        default,
        borrow,
        alias = "identityPoolId",
        alias = "cognitoIdentityPoolId",
        alias = "cognito_identity_pool_id"
    )]
    identity_pool_id: Option<Cow<'a, str>>,
}

fn opt(s: Option<&str>) -> Option<Cow<'_, str>> {
    s.map(Cow::Borrowed)
}

/// The oracle: each Lambda header as an independent reading of the head gives it.
struct Expected {
    values: [Option<String>; 8],
    body: Vec<u8>,
}

fn is_id(v: &Option<String>) -> bool {
    v.as_ref().is_some_and(|s| !s.is_empty() && s.len() <= 256)
}

struct Check<'e> {
    want: &'e Expected,
    calls: usize,
}

impl Handler for Check<'_> {
    fn call(&mut self, inv: &mut Invocation<'_>, _: &mut Rng) -> Answer {
        self.calls += 1;
        let ctx = &inv.context;
        let v = |i: usize| self.want.values[i].as_deref();
        assert_eq!(Some(ctx.request_id), v(0));
        let deadline =
            v(1).filter(|d| (1..=19).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(
            ctx.deadline.map(|d| d.raw()),
            deadline.map(|d| d.parse::<u64>().unwrap())
        );
        assert_eq!(ctx.invoked_function_arn, v(2).unwrap_or(""));
        assert_eq!(ctx.trace_id, v(3));
        assert_eq!(ctx.client_context_json, v(4));
        assert_eq!(ctx.cognito_identity_json, v(5));
        assert_eq!(ctx.tenant_id, v(6));
        let invocation_id = is_id(&self.want.values[7]).then(|| v(7)).flatten();
        assert_eq!(ctx.invocation_id, invocation_id);
        assert_eq!(inv.body, self.want.body.as_slice());

        let mut scratch = vec![0u8; 1 << 16];
        if let Some(raw) = ctx.client_context_json {
            let ours = ctx.client_context(&mut scratch).expect("header present");
            let oracle = serde_json::from_str::<Client<'_>>(raw);
            match (ours, oracle) {
                (Ok(c), Ok(o)) => {
                    let mirrored = c.client.map(|a| App {
                        installation_id: opt(a.installation_id),
                        app_title: opt(a.app_title),
                        app_version_name: opt(a.app_version_name),
                        app_version_code: opt(a.app_version_code),
                        app_package_name: opt(a.app_package_name),
                    });
                    assert_eq!(mirrored, o.client, "client context differs from serde_json");
                }
                (Err(_), Err(_)) => {}
                (Err(e), Ok(_)) if struct_from_array(&e) => {}
                (a, b) => panic!("client context: ours {a:?}, serde_json {b:?}"),
            }
            let ours = ctx
                .client_context_as::<serde_json::Value>(&mut scratch)
                .unwrap();
            assert_eq!(
                ours.ok(),
                serde_json::from_str(raw).ok(),
                "client context as Value"
            );
        }
        if let Some(raw) = ctx.cognito_identity_json {
            let ours = ctx.cognito_identity(&mut scratch).expect("header present");
            match (ours, serde_json::from_str::<Cognito<'_>>(raw)) {
                (Ok(c), Ok(o)) => {
                    assert_eq!(opt(c.identity_id), o.identity_id);
                    assert_eq!(opt(c.identity_pool_id), o.identity_pool_id);
                }
                (Err(_), Err(_)) => {}
                (Err(e), Ok(_)) if struct_from_array(&e) => {}
                (a, b) => panic!("cognito identity: ours {a:?}, serde_json {b:?}"),
            }
        }
        let n = ctx.request_id.len().min(inv.out.len());
        inv.out[..n].copy_from_slice(&ctx.request_id.as_bytes()[..n]);
        Answer::Respond(n)
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let mut rng = Rng::new(le(&data[..8]));
    let rest = &data[8..];
    let (spec, body) = match rest.windows(2).position(|w| w == b"\n\n") {
        Some(i) => (&rest[..i], &rest[i + 2..]),
        None => (rest, &[][..]),
    };
    let mut head = b"HTTP/1.1 200 OK\r\n".to_vec();
    // Fewer lines than the fast path's limit; the http target covers the slow path.
    for line in spec
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .take(48)
    {
        let name = NAMES[usize::from(line[0] & 0x0f) % NAMES.len()];
        // High bits pick a case mix and whether a space follows the colon.
        let name: String = name
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if line[0] & 0x10 != 0 && i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else if line[0] & 0x20 != 0 {
                    c.to_ascii_lowercase()
                } else {
                    c
                }
            })
            .collect();
        head.extend_from_slice(name.as_bytes());
        head.extend_from_slice(if line[0] & 0x40 != 0 { b":" } else { b": " });
        head.extend_from_slice(&line[1..]);
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());

    // The oracle, from httparse with room for every header.
    let mut slots = [httparse::EMPTY_HEADER; 64];
    let mut resp = httparse::Response::new(&mut slots);
    let parsed = httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .parse_response(&mut resp, &head);
    let valid = matches!(parsed, Ok(httparse::Status::Complete(n)) if n == head.len());
    // First occurrence wins; a non-UTF-8 first value counts as absent (and hides later ones).
    let mut seen: [Option<Option<String>>; 8] = Default::default();
    if valid {
        for h in resp.headers.iter() {
            if let Some(i) = NAMES[..8]
                .iter()
                .position(|n| n.eq_ignore_ascii_case(h.name))
            {
                let value = std::str::from_utf8(trim(h.value)).ok().map(Into::into);
                seen[i].get_or_insert(value);
            }
        }
    }
    let values = seen.map(Option::flatten);
    let expected = Expected {
        values,
        body: body.to_vec(),
    };
    let invokable = valid && is_id(&expected.values[0]);

    let mut event = head;
    event.extend_from_slice(body);
    const ACK: &[u8] = b"HTTP/1.1 202 Accepted\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}";
    const DIE: &[u8] = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n";
    let script: [&[u8]; 3] = [&event, ACK, DIE];
    let opts = Options {
        rx: 1 << 16,
        ..Options::from_flags(0)
    };
    let mut check = Check {
        want: &expected,
        calls: 0,
    };
    let report = sim::drive(&script, &opts, &mut rng, &mut check);
    assert_eq!(
        check.calls,
        usize::from(invokable),
        "invoked iff the head carries a usable id"
    );
    if invokable {
        let answer = &report.requests[1];
        assert_eq!(answer.body, expected.values[0].as_ref().unwrap().as_bytes());
    }
});
