//! A closure handler written as for the official `lambda_runtime` (`service_fn`, `LambdaEvent`,
//! an owned `Context`), on whichever transport the crate feature picks:
//! `{"firstName": X}` → `{"message": "Hello, X!", "requestId": .., "function": ..}`, and
//! `{"fail": M}` → an error with message M.
#![allow(clippy::std_instead_of_core)]

use lambkin::service::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};

fn main() {
    let greeting = String::from("Hello");
    lambkin::run(service_fn(|event: LambdaEvent<Value>| {
        // Shared with every invocation by reference: the closure is `Fn`.
        let greeting = &greeting;
        async move {
            let (event, context) = event.into_parts();
            if let Some(message) = event.get("fail").and_then(Value::as_str) {
                return Err(Error::from(message));
            }
            let name = event
                .get("firstName")
                .and_then(Value::as_str)
                .unwrap_or("world");
            Ok(json!({
                "message": format!("{greeting}, {name}!"),
                "requestId": context.request_id,
                "function": context.env_config.function_name,
            }))
        }
    }))
}
