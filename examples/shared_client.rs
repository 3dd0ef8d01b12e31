//! An async handler with a client created once at init and shared by every invocation (and by
//! concurrent ones): the pattern for AWS SDK clients. It asks a local HTTP service for the
//! greeting (`GREETING_URL`, default `http://127.0.0.1:8080`), so it needs no internet.
//!
//! `cargo run -p lambkin-emulator -- invoke --example shared_client --features tokio \
//!     --env GREETING_URL=http://127.0.0.1:8080 --event '{"firstName":"Ada"}'`
#![allow(clippy::std_instead_of_core)]

use std::sync::atomic::{AtomicU64, Ordering};

use lambkin::{Context, Failure, Handler};
use serde_json::{Value, json};

#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

/// Shared by reference: `reqwest::Client` pools connections internally, so every invocation
/// reuses the kept-alive connection the first one opened.
struct Greeter {
    client: reqwest::Client,
    url: String,
    calls: AtomicU64,
}

impl Handler for Greeter {
    type Event<'a> = Request<'a>;
    type Output<'a> = Value;
    type Error = Failure<String>;

    async fn call<'a>(
        &'a self,
        req: Request<'a>,
        _: &'a Context<'a>,
    ) -> Result<Value, Self::Error> {
        let name = req.first_name.unwrap_or("world");
        let unavailable =
            |e: reqwest::Error| Failure::new("Function.GreetingUnavailable", e.to_string());
        let response = self
            .client
            .get(format!("{}/greeting/{name}", self.url))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(unavailable)?;
        let message = response.text().await.map_err(unavailable)?;
        let call = self.calls.fetch_add(1, Ordering::Relaxed) + 1;
        Ok(json!({ "message": message, "call": call }))
    }
}

fn main() {
    lambkin::run_with_init(async |_config| {
        let url = std::env::var("GREETING_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
        let client = reqwest::Client::builder()
            .build()
            .map_err(|e| Failure::new("Function.ClientInit", e.to_string()))?;
        Ok::<_, Failure<String>>(Greeter {
            client,
            url,
            calls: AtomicU64::new(0),
        })
    })
}
