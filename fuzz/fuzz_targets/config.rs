//! Configuration from the environment: `Config::from_lookup` and `RuntimeApi::parse`.
//!
//! Invariants: never panics; an accepted configuration round-trips (rendered back to an
//! environment it parses to the same value, the API also without its scheme); numbers stay
//! in their documented ranges; an error names a variable that is missing or set; and every
//! accepted API yields requests that fit: `GET /next` is one well-formed request with the
//! right `Host` and path, and a worst-case error report (longest ids, hostile error type)
//! is still sent rather than dropped.
//!
//! Input: lines `<selector byte><value>`; the selector picks the variable (first one wins).
#![no_main]

use lambkin_core::config::InitializationType;
use lambkin_core::session::{self, Event, Session};
use lambkin_core::{Config, ConfigError, Outcome, RuntimeApi};
use lambkin_emulator::wire;

const VARS: [&str; 9] = [
    "AWS_LAMBDA_RUNTIME_API",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_MAX_CONCURRENCY",
    "_HANDLER",
];

fn check_api(text: &str, api: &RuntimeApi<'_>) {
    assert!(
        !api.authority().is_empty() && api.authority().len() <= 256,
        "{api:?}"
    );
    assert!(
        !api.host().is_empty() && api.port() != 0 && api.prefix().len() <= 256,
        "{api:?}"
    );
    assert!(
        api.prefix().is_empty() || api.prefix().starts_with('/'),
        "{api:?}"
    );
    assert!(!api.prefix().ends_with('/'), "{api:?}");
    assert!(
        text.contains(api.authority()) && text.contains(api.prefix()),
        "{api:?}"
    );
    // The documented forms: `http://authority/prefix` (a trailing slash is dropped), and the
    // bare authority when there is no prefix.
    let mut forms = vec![
        format!("http://{}{}", api.authority(), api.prefix()),
        format!("HTTP://{}{}/", api.authority(), api.prefix()),
    ];
    if api.prefix().is_empty() {
        forms.push(api.authority().to_owned());
    }
    for form in forms {
        assert_eq!(
            RuntimeApi::parse(&form).as_ref(),
            Ok(api),
            "{form:?} does not round-trip"
        );
    }
}

/// `GET /next` is well-formed, and a worst-case error report still fits the head room.
fn check_requests(config: Config<'_>) {
    let api = config.runtime_api;
    let (mut rx, mut tx) = (vec![0u8; session::MIN_RX], vec![0u8; session::MIN_TX]);
    let mut s = Session::new(config, &mut rx, &mut tx).expect("accepted config, minimal buffers");
    assert_eq!(s.poll_event(), Some(Event::Reconnect));
    s.handle_connected();
    let get = s.poll_transmit().expect("GET /next").to_vec();
    let (req, n) = wire::parse_request(&get, 0)
        .expect("well-formed")
        .expect("complete");
    assert_eq!((n, req.method.as_str()), (get.len(), "GET"));
    assert_eq!(
        req.path,
        format!("{}/2018-06-01/runtime/invocation/next", api.prefix())
    );
    assert_eq!(req.header("host"), Some(api.authority()));
    s.handle_transmitted();
    // Longest ids that still count as ids, each byte percent-encoded or sanitized.
    let id = "é".repeat(128);
    let event = format!(
        "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: {id}\r\nLambda-Runtime-Invocation-Id: {}\r\nContent-Length: 2\r\n\r\n{{}}",
        "a".repeat(256)
    );
    let buf = s.recv_buf();
    buf[..event.len()].copy_from_slice(event.as_bytes());
    s.handle_recv(event.len());
    assert_eq!(s.poll_event(), Some(Event::Invocation));
    s.complete(Outcome::failed(&"\r\n".repeat(200), "message"));
    let post = s
        .poll_transmit()
        .expect("error report sent, not dropped")
        .to_vec();
    let (req, n) = wire::parse_request(&post, usize::MAX)
        .expect("well-formed")
        .expect("complete");
    assert_eq!(n, post.len());
    assert!(req.path.starts_with(api.prefix()) && req.path.ends_with("/error"));
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(api) = RuntimeApi::parse(&text) {
        check_api(text.trim(), &api);
    }
    let mut env: Vec<(&str, String)> = Vec::new();
    for line in data.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let var = VARS[usize::from(line[0]) % VARS.len()];
        if env.iter().all(|(v, _)| *v != var) {
            env.push((var, String::from_utf8_lossy(&line[1..]).into_owned()));
        }
    }
    let get = |k: &str| env.iter().find(|(v, _)| *v == k).map(|(_, s)| s.as_str());
    let config = match Config::from_lookup(get) {
        Ok(c) => c,
        Err(ConfigError::Missing(v)) => return assert!(v == VARS[0] && get(v).is_none()),
        Err(ConfigError::Invalid(v)) => return assert!(get(v).is_some(), "{v} not set"),
        Err(e) => panic!("{e:?}"),
    };
    check_api(get(VARS[0]).unwrap().trim(), &config.runtime_api);
    let number = |v: &str, default: u32| match get(v).map(str::trim) {
        None | Some("") => default,
        Some(n) => n.parse().expect("accepted numbers are decimal"),
    };
    assert_eq!(config.memory_size_mb, number(VARS[2], 128));
    assert!((1..=1 << 20).contains(&config.memory_size_mb));
    assert_eq!(u32::from(config.max_concurrency), number(VARS[7], 1));
    assert!((1..=1024).contains(&config.max_concurrency));
    assert_eq!(config.function_name, get(VARS[1]).unwrap_or(""));
    assert_eq!(config.version, get(VARS[3]).unwrap_or("$LATEST"));

    // Round trip: render the configuration as an environment and read it again.
    let api = format!(
        "http://{}{}",
        config.runtime_api.authority(),
        config.runtime_api.prefix()
    );
    let (mem, conc) = (
        config.memory_size_mb.to_string(),
        config.max_concurrency.to_string(),
    );
    let init = match config.initialization_type {
        InitializationType::OnDemand => "on-demand",
        InitializationType::ProvisionedConcurrency => "provisioned-concurrency",
        InitializationType::SnapStart => "snap-start",
        InitializationType::ManagedInstances => "lambda-managed-instances",
        _ => "some-future-type",
    };
    let rendered = [
        (VARS[0], api.as_str()),
        (VARS[1], config.function_name),
        (VARS[2], &mem),
        (VARS[3], config.version),
        (VARS[4], config.log_group),
        (VARS[5], config.log_stream),
        (VARS[6], init),
        (VARS[7], &conc),
    ];
    let again = Config::from_lookup(|k| rendered.iter().find(|(v, _)| *v == k).map(|(_, s)| *s));
    assert_eq!(again, Ok(config), "configuration does not round-trip");
    check_requests(config);
});
