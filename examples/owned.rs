//! Owned types: `serde_json::Value` in and out, a state created once at init, and an error
//! with its own type. This is how a function using `String`/`Vec` (or the official
//! `aws_lambda_events` structs) is written; it allocates, as such code does.
#![allow(clippy::std_instead_of_core)]

use lambkin::{Context, Failure, Handler};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};

struct Counter {
    greeting: String,
    calls: AtomicU64,
}

impl Handler for Counter {
    type Event<'a> = Value;
    type Output<'a> = Value;
    type Error = Failure<String>;

    async fn call<'a>(&'a self, event: Value, ctx: &'a Context<'a>) -> Result<Value, Self::Error> {
        let Some(items) = event.get("items").and_then(Value::as_array) else {
            return Err(Failure::new(
                "Function.MissingItems",
                format!("no \"items\" array in {event}"),
            ));
        };
        let n = self.calls.fetch_add(1, Ordering::Relaxed) + 1;
        Ok(json!({
            "greeting": self.greeting,
            "count": items.len(),
            "call": n,
            "requestId": ctx.request_id,
        }))
    }
}

fn main() {
    lambkin::run_with_init(async |config| {
        Ok::<_, Failure<&str>>(Counter {
            greeting: format!("hello from {}", config.function_name),
            calls: AtomicU64::new(0),
        })
    })
}
