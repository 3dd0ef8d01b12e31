//! A blocking closure handler (`sync_fn`): no async anywhere, for the `std` transport.
//! `{"n": N}` → `{"square": N*N, "requestId": ..}`; an overflow is a `Function.Overflow` error.
#![allow(clippy::std_instead_of_core)]

use lambkin::service::{Diagnostic, LambdaEvent, sync_fn};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct Request {
    n: u32,
}

#[derive(Serialize)]
struct Response {
    square: u32,
    #[serde(rename = "requestId")]
    request_id: String,
}

fn main() {
    lambkin::run(sync_fn(|event: LambdaEvent<Request>| {
        let square = event
            .payload
            .n
            .checked_mul(event.payload.n)
            .ok_or_else(|| Diagnostic::new("Function.Overflow", "n * n overflows u32"))?;
        Ok::<_, Diagnostic>(Response {
            square,
            request_id: event.context.request_id,
        })
    }))
}
