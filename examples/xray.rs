//! The X-Ray trace id two ways: `_X_AMZN_TRACE_ID`, which the AWS SDKs read and lambkin sets
//! for each invocation while one runs at a time, and `Context::trace_id`, which is right under
//! any concurrency (the variable stays unset when `AWS_LAMBDA_MAX_CONCURRENCY > 1`).
#![allow(clippy::std_instead_of_core)]

use lambkin::{Context, Handler};
use serde::Serialize;

#[derive(Serialize)]
struct TraceIds<'a> {
    env: Option<String>,
    context: Option<&'a str>,
}

struct Trace;

impl Handler for Trace {
    type Event<'a> = lambkin::Raw<'a>;
    type Output<'a> = TraceIds<'a>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        _: Self::Event<'a>,
        ctx: &'a Context<'a>,
    ) -> Result<TraceIds<'a>, Self::Error> {
        Ok(TraceIds {
            env: std::env::var("_X_AMZN_TRACE_ID").ok(),
            context: ctx.trace_id,
        })
    }
}

fn main() {
    lambkin::run(Trace)
}
