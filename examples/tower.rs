//! A tower stack as the handler, as `lambda_runtime` users write it: `ServiceBuilder`, the
//! `TracingLayer` (the `Lambda runtime invoke` span with `requestId`, `xrayTraceId`,
//! `tenantId`), and a `service_fn` inside. A `tracing-subscriber` prints each log line with the
//! span's fields to stderr. Build with `--features tower,tokio` (or `tower,smol`).
#![allow(clippy::std_instead_of_core)]

use lambkin::service::tower::{ServiceBuilder, TracingLayer, handler};
use lambkin::service::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

async fn func(event: LambdaEvent<Value>) -> Result<Value, Error> {
    // Inside the span: the subscriber prints `Lambda runtime invoke{requestId=..}` before it.
    tracing::info!(payload = %event.payload, "handling the event");
    Ok(json!({ "echo": event.payload, "requestId": event.context.request_id }))
}

fn main() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .without_time()
        .init();
    let svc = ServiceBuilder::new()
        .layer(TracingLayer::new())
        .service(service_fn(func));
    lambkin::run(handler(svc))
}
