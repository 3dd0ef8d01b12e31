//! A shutdown hook: flush, close or report before Lambda shuts the sandbox down.
//!
//! `on_shutdown` registers the internal extension that makes Lambda send SIGTERM, and runs the
//! hook when it arrives (within Lambda's 500 ms shutdown phase), then exits.
#![allow(clippy::std_instead_of_core)]

use std::sync::atomic::{AtomicU64, Ordering};

use lambkin::{Context, Handler, Raw};

static SERVED: AtomicU64 = AtomicU64::new(0);

struct Counter;

impl Handler for Counter {
    type Event<'a> = Raw<'a>;
    type Output<'a> = Raw<'a>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        body: Raw<'a>,
        _ctx: &'a Context<'a>,
    ) -> Result<Raw<'a>, Self::Error> {
        SERVED.fetch_add(1, Ordering::Relaxed);
        Ok(body)
    }
}

fn main() {
    lambkin::run_with_init(async |config| {
        lambkin::on_shutdown(config, || {
            println!(
                "graceful shutdown after {} invocations",
                SERVED.load(Ordering::Relaxed)
            );
        })
        .map_err(|e| lambkin::Failure::new("Function.ShutdownHook", e))?;
        Ok::<_, lambkin::Failure<std::io::Error>>(Counter)
    })
}
