//! [`run`] on the transport the crate feature picks: tokio, else smol, else std.

use core::fmt;

use lambkin_host::owned::{Error, IntoReport};
use tower_service::Service;

use crate::{Adapter, Request};

#[cfg(all(feature = "smol", not(feature = "tokio")))]
use lambkin_smol as transport;
#[cfg(feature = "tokio")]
use lambkin_tokio as transport;

/// Serves `service` for every invocation until the Runtime API stops answering, as
/// `lambda_http::run` does: await it in `main` (`#[tokio::main]` for the tokio transport; any
/// executor for smol). Returns only with the reason it stopped.
///
/// Each invocation clones the service, waits until the clone is ready, then calls it; keep
/// clones cheap (an axum `Router` is an `Arc`). Failures follow [`OnError::Report`](crate::OnError);
/// build an [`Adapter`] for other options.
///
/// On tokio the service must also be `Sync` (an axum `Router` is): with
/// `AWS_LAMBDA_MAX_CONCURRENCY` > 1 each worker runs on a thread of its own and they share it.
#[cfg(feature = "tokio")]
pub async fn run<S, B>(service: S) -> Result<(), Error>
where
    S: Service<Request, Response = http::Response<B>> + Clone + Sync,
    S::Error: IntoReport,
    B: http_body::Body,
    B::Error: fmt::Display,
{
    let runtime = lambkin_host::Runtime::from_env()?;
    let adapter = Adapter::new(service);
    let stop = transport::serve_with_init(&runtime, async |_| {
        Ok::<_, core::convert::Infallible>(adapter)
    })
    .await;
    Err(stop.into())
}

/// Serves `service` for every invocation until the Runtime API stops answering, as
/// `lambda_http::run` does: await it in `main` (`#[tokio::main]` for the tokio transport; any
/// executor for smol). Returns only with the reason it stopped.
///
/// Each invocation clones the service, waits until the clone is ready, then calls it; keep
/// clones cheap (an axum `Router` is an `Arc`). Failures follow [`OnError::Report`](crate::OnError);
/// build an [`Adapter`] for other options.
#[cfg(all(feature = "smol", not(feature = "tokio")))]
pub async fn run<S, B>(service: S) -> Result<(), Error>
where
    S: Service<Request, Response = http::Response<B>> + Clone,
    S::Error: IntoReport,
    B: http_body::Body,
    B::Error: fmt::Display,
{
    let runtime = lambkin_host::Runtime::from_env()?;
    let adapter = Adapter::new(service);
    let stop = transport::serve_with_init(&runtime, async |_| {
        Ok::<_, core::convert::Infallible>(adapter)
    })
    .await;
    Err(stop.into())
}

/// Serves `service` for every invocation on the blocking std transport (a thread per
/// concurrent invocation): services that need no reactor (no tokio timers or I/O). Await it
/// from `main` under any executor, or `lambkin_host::block_on` it; it never returns while the
/// Runtime API answers, and on a fatal stop prints why and exits 1.
#[cfg(all(feature = "std", not(any(feature = "smol", feature = "tokio"))))]
pub async fn run<S, B>(service: S) -> Result<(), Error>
where
    S: Service<Request, Response = http::Response<B>> + Clone + Sync,
    S::Error: IntoReport,
    B: http_body::Body,
    B::Error: fmt::Display,
{
    lambkin_std::run(Adapter::new(service))
}
