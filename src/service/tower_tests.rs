#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::string::String;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::vec::Vec;

use lambkin_core::ErrorReport;
use serde_json::{Value, json};

use super::*;
use crate::service::{Error, service_fn};

fn core_config() -> lambkin_core::Config<'static> {
    lambkin_core::Config::from_lookup(|var| match var {
        "AWS_LAMBDA_RUNTIME_API" => Some("127.0.0.1:9001"),
        _ => None,
    })
    .unwrap()
}

/// A service that is not ready on its first poll (so the adapter must wait), counts its clones,
/// and fails readiness when told to.
#[derive(Clone)]
struct Picky {
    clones: Arc<AtomicUsize>,
    polled: bool,
    refuse: bool,
}

impl Service<LambdaEvent<Value>> for Picky {
    type Response = Value;
    type Error = Error;
    type Future = core::future::Ready<Result<Value, Error>>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), Error>> {
        if self.refuse {
            return Poll::Ready(Err("overloaded".into()));
        }
        if !self.polled {
            self.polled = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, event: LambdaEvent<Value>) -> Self::Future {
        // `call` before readiness would be a bug in the adapter.
        assert!(self.polled, "called before ready");
        self.clones.fetch_add(1, Ordering::SeqCst);
        core::future::ready(Ok(json!([event.payload, event.context.request_id])))
    }
}

#[test]
fn handler_clones_waits_for_ready_then_calls() {
    let config = core_config();
    let ctx = lambkin_core::Context::new("req-1", &config);
    let clones = Arc::new(AtomicUsize::new(0));
    let h = handler(Picky {
        clones: Arc::clone(&clones),
        polled: false,
        refuse: false,
    });
    for _ in 0..2 {
        let out = lambkin_host::block_on(h.call(json!(1), &ctx)).unwrap();
        assert_eq!(out, json!([1, "req-1"]));
    }
    // Each invocation polled a fresh clone: the shared service itself was never made ready.
    assert_eq!(clones.load(Ordering::SeqCst), 2);
    assert!(!h.service.polled);

    let refusing = handler(Picky {
        clones,
        polled: false,
        refuse: true,
    });
    let err = lambkin_host::block_on(refusing.call(json!(1), &ctx)).unwrap_err();
    assert_eq!(
        (err.error_type(), err.error_message.as_str()),
        ("Function.Unhandled", "overloaded")
    );
}

/// A `MakeWriter` into a shared buffer, so a test can read what the subscriber printed.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'w> tracing_subscriber::fmt::MakeWriter<'w> for Captured {
    type Writer = Self;
    fn make_writer(&'w self) -> Self {
        self.clone()
    }
}

#[test]
fn tracing_layer_opens_the_invoke_span_with_every_field() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .without_time()
        .finish();
    let svc = ServiceBuilder::new()
        .layer(TracingLayer::new())
        .service(service_fn(|_: LambdaEvent<Value>| async {
            tracing::info!("inside");
            Ok::<_, Error>(Value::Null)
        }));
    let config = core_config();
    let mut ctx = lambkin_core::Context::new("req-9", &config);
    ctx.trace_id = Some("Root=1-a-b");
    ctx.tenant_id = Some("tenant-3");
    let h = handler(svc);
    tracing::subscriber::with_default(subscriber, || {
        lambkin_host::block_on(h.call(Value::Null, &ctx)).unwrap();
        // Without a trace or tenant id, those fields stay empty and are not printed.
        let bare = lambkin_core::Context::new("req-10", &config);
        lambkin_host::block_on(h.call(Value::Null, &bare)).unwrap();
    });
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains(
            "Lambda runtime invoke{requestId=req-9 xrayTraceId=Root=1-a-b tenantId=tenant-3}: "
        ),
        "{text}"
    );
    assert!(lines[0].ends_with("inside"), "{text}");
    assert!(
        lines[1].contains("Lambda runtime invoke{requestId=req-10}: "),
        "{text}"
    );
}
