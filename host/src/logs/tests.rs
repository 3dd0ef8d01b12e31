//! The formatter and layer through real `tracing` events, captured instead of written to
//! stdout: escaping, field types, timestamps, request ids, filtering, configuration.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::sync::{Arc, Mutex};

use lambkin_core::{Config as FnConfig, Context};
use serde_json::{Value, json};
use tracing::Instrument as _;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt as _;

use super::format::{self, Format};
use super::layer::{LambdaLayer, Sink};
use super::{Config, invoke_span};

/// Runs `f` under a capturing subscriber; gives the lines written.
fn capture(format: Format, targets: Targets, f: impl FnOnce()) -> Vec<String> {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let layer = LambdaLayer {
        format,
        targets,
        sink: Sink::Capture(Arc::clone(&buf)),
    };
    tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), f);
    let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
    assert!(text.is_empty() || text.ends_with('\n'), "{text:?}");
    text.lines().map(str::to_owned).collect()
}

fn json(f: impl FnOnce()) -> Vec<Value> {
    capture(Format::Json, info(), f)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn info() -> Targets {
    Targets::new().with_default(LevelFilter::INFO)
}

fn config() -> FnConfig<'static> {
    FnConfig::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some("127.0.0.1:9001")).unwrap()
}

#[test]
fn timestamps_are_rfc3339_utc_with_milliseconds() {
    const CASES: &[(u64, &str)] = &[
        (0, "1970-01-01T00:00:00.000Z"),
        (999, "1970-01-01T00:00:00.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (951_868_799_999, "2000-02-29T23:59:59.999Z"),
        (1_709_251_199_000, "2024-02-29T23:59:59.000Z"),
        (1_796_212_800_123, "2026-12-02T12:00:00.123Z"),
        (4_107_542_400_000, "2100-03-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ];
    for &(ms, want) in CASES {
        let mut out = Vec::new();
        format::timestamp(ms, &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), want, "{ms}");
    }
}

#[test]
fn json_records_carry_fields_with_their_types() {
    let [rec] = &json(|| {
        tracing::info!(
            order_id = 7,
            neg = -3i64,
            big = u64::MAX,
            wide = -5i128,
            ratio = 0.5,
            nan = f64::NAN,
            ok = true,
            name = "Ada",
            debug = ?Some(1),
            shown = %"x y",
            "done"
        );
    })[..] else {
        panic!("one record")
    };
    assert_eq!(rec["level"], "INFO");
    assert_eq!(rec["message"], "done");
    assert_eq!(rec["order_id"], 7);
    assert_eq!(rec["neg"], -3);
    assert_eq!(rec["big"], u64::MAX);
    assert_eq!(rec["wide"], -5);
    assert_eq!(rec["ratio"], 0.5);
    assert_eq!(rec["nan"], "NaN");
    assert_eq!(rec["ok"], true);
    assert_eq!(rec["name"], "Ada");
    assert_eq!(rec["debug"], "Some(1)");
    assert_eq!(rec["shown"], "x y");
    assert!(
        rec.get("requestId").is_none(),
        "outside an invocation: {rec}"
    );
    let ts = rec["timestamp"].as_str().unwrap();
    assert_eq!((ts.len(), &ts[10..11], &ts[23..]), (24, "T", "Z"), "{ts}");
}

#[test]
fn json_escapes_every_string() {
    let nasty = "quote \" backslash \\ newline \n tab \t bell \u{7} nul \0 é 🦀";
    let recs = json(|| tracing::warn!(field = nasty, "{nasty}"));
    assert_eq!(recs.len(), 1, "one line even with newlines inside");
    assert_eq!(recs[0]["message"], nasty);
    assert_eq!(recs[0]["field"], nasty);
    assert_eq!(recs[0]["level"], "WARN");
}

#[test]
fn records_inside_the_invocation_span_carry_its_ids() {
    let config = config();
    let mut ctx = Context::new("req-1", &config);
    ctx.tenant_id = Some("tenant \"a\"");
    let recs = json(|| {
        let _in = invoke_span(&ctx).entered();
        tracing::info!("inside");
        let _user = tracing::info_span!("user span").entered();
        tracing::error!("nested");
    });
    for rec in &recs {
        assert_eq!(rec["requestId"], "req-1", "{rec}");
        assert_eq!(rec["tenantId"], "tenant \"a\"", "{rec}");
    }
    assert_eq!(recs.len(), 2);
}

/// Two invocations' futures interleaved on one thread: each record has its own id.
#[test]
fn interleaved_futures_keep_their_own_request_ids() {
    use core::pin::pin;
    use core::task::{Context as Cx, Poll, Waker};
    let config = config();
    let (a, b) = (Context::new("a", &config), Context::new("b", &config));
    let step = |name: &'static str| async move {
        for i in 0..3 {
            tracing::info!(who = name, i, "step");
            let mut yielded = false;
            core::future::poll_fn(|cx| {
                if yielded {
                    return Poll::Ready(());
                }
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            })
            .await;
        }
    };
    let recs = json(|| {
        let mut fa = pin!(step("a").instrument(invoke_span(&a)));
        let mut fb = pin!(step("b").instrument(invoke_span(&b)));
        let mut cx = Cx::from_waker(Waker::noop());
        let (mut da, mut db) = (false, false);
        while !(da && db) {
            da = da || fa.as_mut().poll(&mut cx).is_ready();
            db = db || fb.as_mut().poll(&mut cx).is_ready();
        }
    });
    assert_eq!(recs.len(), 6);
    let whos: Vec<_> = recs.iter().map(|r| r["who"].as_str().unwrap()).collect();
    assert_eq!(whos, ["a", "b", "a", "b", "a", "b"], "interleaved");
    for rec in &recs {
        assert_eq!(rec["requestId"], rec["who"], "{rec}");
    }
}

#[test]
fn the_facade_tracing_layers_span_is_recognised_too() {
    // Same name and fields, recorded as `%value` and after creation, as TracingLayer does.
    let recs = json(|| {
        let span = tracing::info_span!(
            "Lambda runtime invoke",
            requestId = %"r-9",
            tenantId = tracing::field::Empty
        );
        span.record("tenantId", tracing::field::display("t-1"));
        let _in = span.entered();
        tracing::info!("x");
    });
    assert_eq!(
        (&recs[0]["requestId"], &recs[0]["tenantId"]),
        (&json!("r-9"), &json!("t-1"))
    );
}

#[test]
fn text_records_are_one_readable_line() {
    let config = config();
    let ctx = Context::new("req-7", &config);
    let lines = capture(Format::Text, info(), || {
        let _in = invoke_span(&ctx).entered();
        tracing::info!(order_id = 7, note = "two\nlines", "done\nhere");
    });
    let [line] = &lines[..] else {
        panic!("{lines:?}")
    };
    let parts: Vec<_> = line.split('\t').collect();
    assert_eq!(parts.len(), 4, "{line}");
    assert_eq!(parts[0].len(), 24, "{line}");
    assert_eq!(
        &parts[1..],
        ["req-7", "INFO", "done\\nhere order_id=7 note=two\\nlines"]
    );
}

#[test]
fn targets_filter_events_but_never_the_invocation_span() {
    let config = config();
    let ctx = Context::new("req-w", &config);
    let targets: Targets = "warn,chatty=debug".parse().unwrap();
    let lines = capture(Format::Json, targets, || {
        let _in = invoke_span(&ctx).entered();
        tracing::info!("dropped");
        tracing::debug!(target: "chatty", "kept");
        tracing::trace!(target: "chatty", "dropped");
        tracing::warn!("kept");
    });
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines.iter().all(|l| l.contains("\"requestId\":\"req-w\"")),
        "{lines:?}"
    );
}

#[test]
fn configuration_from_the_environment() {
    let read = |vars: &[(&str, &str)]| {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_env(|k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    };
    let on = |c: &Config, target: &str, level| c.targets.would_enable(target, &level);
    use tracing::Level;

    let c = read(&[]);
    assert_eq!(c.format, Format::Text);
    assert!(on(&c, "x", Level::INFO) && !on(&c, "x", Level::DEBUG));
    assert!(c.notices.is_empty());

    let c = read(&[
        ("AWS_LAMBDA_LOG_FORMAT", "JSON"),
        ("AWS_LAMBDA_LOG_LEVEL", "fatal"),
    ]);
    assert_eq!(c.format, Format::Json);
    assert!(on(&c, "x", Level::ERROR) && !on(&c, "x", Level::WARN));

    // AWS_LAMBDA_LOG_LEVEL wins over RUST_LOG.
    let c = read(&[("AWS_LAMBDA_LOG_LEVEL", "DEBUG"), ("RUST_LOG", "off")]);
    assert!(on(&c, "x", Level::DEBUG));

    let c = read(&[("RUST_LOG", "warn,my_crate=trace")]);
    assert!(on(&c, "my_crate::db", Level::TRACE) && !on(&c, "other", Level::INFO));

    let c = read(&[
        ("AWS_LAMBDA_LOG_FORMAT", "xml"),
        ("AWS_LAMBDA_LOG_LEVEL", "LOUD"),
        ("AWS_LAMBDA_MAX_CONCURRENCY", "4"),
    ]);
    assert_eq!(c.format, Format::Text);
    assert!(on(&c, "x", Level::INFO) && !on(&c, "x", Level::DEBUG));
    assert_eq!(c.notices.len(), 2, "{:?}", c.notices);
    assert!(c.notices[0].contains("AWS_LAMBDA_LOG_FORMAT=\"xml\""));
    assert!(c.notices[1].contains("AWS_LAMBDA_LOG_LEVEL=\"LOUD\""));
    assert_eq!(c.max_concurrency, 4);

    let c = read(&[("RUST_LOG", "info,my_crate=loud")]);
    assert_eq!(c.notices.len(), 1, "{:?}", c.notices);
    assert!(c.notices[0].contains("RUST_LOG=\"info,my_crate=loud\""));
    assert!(on(&c, "x", Level::INFO));
}

#[test]
fn message_only_records_for_notices() {
    let mut out = Vec::new();
    format::message_only(
        Format::Json,
        0,
        tracing::Level::WARN,
        &"bad \"value\"",
        &mut out,
    );
    let rec: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        rec,
        json!({"timestamp": "1970-01-01T00:00:00.000Z", "level": "WARN", "message": "bad \"value\""})
    );
    assert_eq!(out.last(), Some(&b'\n'));
}

/// The one test that installs the global subscriber: lambkin's notices then become records.
#[test]
fn notices_go_through_the_installed_subscriber() {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let config = Config {
        format: Format::Json,
        targets: info(),
        notices: vec!["AWS_LAMBDA_LOG_LEVEL=\"LOUD\" is not a level".into()],
        max_concurrency: 4,
    };
    super::install(config, Sink::Capture(Arc::clone(&buf)));
    assert!(super::installed());
    crate::notice(&lambkin_core::Notice::MissingRequestId);
    let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
    let recs: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let messages: Vec<_> = recs.iter().map(|r| (&r["level"], &r["message"])).collect();
    // JSON under concurrency 4: no Managed Instances warning.
    assert_eq!(
        messages,
        [
            (
                &json!("WARN"),
                &json!("AWS_LAMBDA_LOG_LEVEL=\"LOUD\" is not a level")
            ),
            (
                &json!("WARN"),
                &json!("event without a valid request id skipped")
            ),
        ]
    );
    // A second install leaves the first in place and does not panic.
    super::install(Config::from_env(|_| None), Sink::Capture(Arc::clone(&buf)));
    // And `init`, twice, neither.
    super::init();
    super::init();
    assert_eq!(
        buf.lock().unwrap().len(),
        text.len(),
        "nothing announced again"
    );
}
