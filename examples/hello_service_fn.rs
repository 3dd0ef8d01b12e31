//! The README contract of `examples/hello.rs` (`{"firstName": X}` → `{"message": "Hello, X!"}`,
//! "world" when missing), written as an official-runtime user writes it: owned event and
//! response types, `service_fn`, `LambdaEvent`. The end-to-end benchmark runs it beside the
//! zero-copy hello to show what the owned path costs per invocation.
#![allow(clippy::std_instead_of_core)]

use lambkin::{Error, LambdaEvent, service_fn};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct Request {
    #[serde(rename = "firstName")]
    first_name: Option<String>,
}

#[derive(Serialize)]
struct Response {
    message: String,
}

async fn func(event: LambdaEvent<Request>) -> Result<Response, Error> {
    let first_name = event.payload.first_name.as_deref().unwrap_or("world");
    Ok(Response {
        message: format!("Hello, {first_name}!"),
    })
}

fn main() {
    lambkin::run(service_fn(func))
}
