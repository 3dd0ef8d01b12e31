//! `serve` inside your own `#[tokio::main]` (a multi-thread runtime), with a client created in
//! `main` and shared by every invocation, as code moving from `lambda_runtime` is written.
//! With `AWS_LAMBDA_MAX_CONCURRENCY` > 1 each worker runs on a thread of its own, while the
//! client's I/O and `tokio::spawn` use this runtime. It asks a local HTTP service for the
//! greeting (`GREETING_URL`, default `http://127.0.0.1:8080`), so it needs no internet.
//!
//! `cargo run -p lambkin-emulator -- serve --port 9001 --concurrency 2 --example tokio_main \
//!     --features tokio --env GREETING_URL=http://127.0.0.1:8080`
#![allow(clippy::std_instead_of_core)]

use lambkin::{Context, Failure, Handler};
use serde_json::{Value, json};

#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
}

/// Shared by reference by every worker thread, so it is `Sync` (`reqwest::Client` is).
struct Greeter {
    client: reqwest::Client,
    url: String,
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
        let url = format!(
            "{}/greeting/{}",
            self.url,
            req.first_name.unwrap_or("world")
        );
        let unavailable = |e: String| Failure::new("Function.GreetingUnavailable", e);
        // Spawned on main's runtime: it needs `Send`, which the handler's own future does not.
        let client = self.client.clone();
        let message = tokio::spawn(async move {
            let response = client.get(url).send().await?.error_for_status()?;
            response.text().await
        })
        .await
        .map_err(|e| unavailable(e.to_string()))?
        .map_err(|e| unavailable(e.to_string()))?;
        // Which thread ran the invocation: a worker of lambkin's own when there are several.
        let thread = std::thread::current().name().unwrap_or_default().to_owned();
        Ok(json!({ "message": message, "thread": thread }))
    }
}

#[tokio::main]
async fn main() {
    let url = std::env::var("GREETING_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let handler = Greeter {
        client: reqwest::Client::new(),
        url,
    };
    let stop = match lambkin::Runtime::from_env() {
        Ok(runtime) => lambkin::tokio::serve(&runtime, &handler).await,
        Err(e) => e,
    };
    lambkin::host::exit(&stop)
}
