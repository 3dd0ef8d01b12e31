//! Lambda-style logs: hello's contract (`{"firstName": X}` → `{"message": "Hello, X!"}`) plus
//! one `tracing::info!` record per invocation with the name as a field. Run it with
//! `--env AWS_LAMBDA_LOG_FORMAT=JSON` under the emulator to see Lambda's JSON log lines, each
//! with its invocation's `requestId` (README "Logs").
//!
//! For the emulator's concurrency test, two optional fields: `"lines": N` logs N records,
//! yielding between them so that concurrent invocations interleave theirs, and `"gather": G`
//! holds each invocation until G have arrived, so that they surely run at the same time.
#![allow(clippy::std_instead_of_core)]

use core::future::poll_fn;
use core::sync::atomic::{AtomicUsize, Ordering};
use core::task::Poll;

use lambkin::tracing::info;
use lambkin::{Context, Handler};
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(serde::Deserialize)]
struct Request<'a> {
    #[serde(rename = "firstName", borrow)]
    first_name: Option<&'a str>,
    lines: Option<u32>,
    gather: Option<usize>,
}

struct Greeting<'a>(&'a str);

impl Serialize for Greeting<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("message", &format_args!("Hello, {}!", self.0))?;
        map.end()
    }
}

struct Logs;

impl Handler for Logs {
    type Event<'a> = Request<'a>;
    type Output<'a> = Greeting<'a>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        req: Request<'a>,
        _ctx: &'a Context<'a>,
    ) -> Result<Greeting<'a>, Self::Error> {
        let name = req.first_name.unwrap_or("world");
        if let Some(group) = req.gather.filter(|&g| g > 1) {
            gather(group).await;
        }
        // The record finds this invocation's request id by itself: no context passed.
        info!(first_name = name, "greeted");
        for line in 1..req.lines.unwrap_or(1) {
            yield_now().await;
            info!(first_name = name, line, "greeted");
        }
        Ok(Greeting(name))
    }
}

/// Waits until the group of `group` invocations this one arrived in is complete.
async fn gather(group: usize) {
    static ARRIVED: AtomicUsize = AtomicUsize::new(0);
    let ticket = ARRIVED.fetch_add(1, Ordering::SeqCst);
    let complete = (ticket / group + 1) * group;
    while ARRIVED.load(Ordering::SeqCst) < complete {
        yield_now().await;
    }
}

/// Lets the other workers' futures run (any executor: wake, then pending once).
async fn yield_now() {
    let mut yielded = false;
    poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await;
}

fn main() {
    lambkin::tracing::init();
    lambkin::run(Logs)
}
