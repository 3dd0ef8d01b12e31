//! [`run`] and [`run_with_streaming_response`] on the transport the crate feature picks:
//! tokio, else smol, else std.

use core::fmt;

use lambkin_core::Handler;
use lambkin_host::owned::{Error, IntoReport};
use tower_service::Service;

use crate::{Adapter, Request, StreamAdapter};

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
    serve(Adapter::new(service)).await
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
    serve(Adapter::new(service)).await
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
    serve(Adapter::new(service)).await
}

/// Serves `service` for every invocation until the Runtime API stops answering, streaming each
/// response as its body yields, as `lambda_http::run_with_streaming_response` does: for
/// function URLs in `RESPONSE_STREAM` mode, `InvokeWithResponseStream` and API Gateway's
/// streamed integration, and responses over the 6 MB buffered limit (up to 200 MiB). Await it
/// in `main` (`#[tokio::main]` for the tokio transport; any executor for smol). Returns only
/// with the reason it stopped.
///
/// What goes on the wire is [`StreamAdapter`]'s: the status, headers and cookies first, then
/// each body frame as a chunk; a body error after that ends the stream with Lambda's error
/// trailers. Clones, readiness and failures before the stream are as in [`run`].
///
/// On tokio the service must also be `Sync` (an axum `Router` is): with
/// `AWS_LAMBDA_MAX_CONCURRENCY` > 1 each worker runs on a thread of its own and they share it.
#[cfg(feature = "tokio")]
pub async fn run_with_streaming_response<S, B>(service: S) -> Result<(), Error>
where
    S: Service<Request, Response = http::Response<B>> + Clone + Sync,
    S::Error: IntoReport,
    B: http_body::Body,
    B::Error: fmt::Display,
{
    serve(StreamAdapter::new(service)).await
}

/// Serves `service` for every invocation until the Runtime API stops answering, streaming each
/// response as its body yields, as `lambda_http::run_with_streaming_response` does: for
/// function URLs in `RESPONSE_STREAM` mode, `InvokeWithResponseStream` and API Gateway's
/// streamed integration, and responses over the 6 MB buffered limit (up to 200 MiB). Await it
/// in `main` (`#[tokio::main]` for the tokio transport; any executor for smol). Returns only
/// with the reason it stopped.
///
/// What goes on the wire is [`StreamAdapter`]'s: the status, headers and cookies first, then
/// each body frame as a chunk; a body error after that ends the stream with Lambda's error
/// trailers. Clones, readiness and failures before the stream are as in [`run`].
#[cfg(all(feature = "smol", not(feature = "tokio")))]
pub async fn run_with_streaming_response<S, B>(service: S) -> Result<(), Error>
where
    S: Service<Request, Response = http::Response<B>> + Clone,
    S::Error: IntoReport,
    B: http_body::Body,
    B::Error: fmt::Display,
{
    serve(StreamAdapter::new(service)).await
}

/// Serves `service` for every invocation on the blocking std transport, streaming each
/// response as its body yields (see [`StreamAdapter`]): services that need no reactor. Await
/// it from `main` under any executor, or `lambkin_host::block_on` it; it never returns while
/// the Runtime API answers, and on a fatal stop prints why and exits 1.
#[cfg(all(feature = "std", not(any(feature = "smol", feature = "tokio"))))]
pub async fn run_with_streaming_response<S, B>(service: S) -> Result<(), Error>
where
    S: Service<Request, Response = http::Response<B>> + Clone + Sync,
    S::Error: IntoReport,
    B: http_body::Body,
    B::Error: fmt::Display,
{
    serve(StreamAdapter::new(service)).await
}

/// Serves `handler` on the transport until a fatal stop.
#[cfg(feature = "tokio")]
async fn serve<H: Handler + Sync>(handler: H) -> Result<(), Error> {
    let runtime = lambkin_host::Runtime::from_env()?;
    let stop = transport::serve_with_init(&runtime, async |_| {
        Ok::<_, core::convert::Infallible>(handler)
    })
    .await;
    Err(stop.into())
}

/// Serves `handler` on the transport until a fatal stop.
#[cfg(all(feature = "smol", not(feature = "tokio")))]
async fn serve<H: Handler>(handler: H) -> Result<(), Error> {
    let runtime = lambkin_host::Runtime::from_env()?;
    let stop = transport::serve_with_init(&runtime, async |_| {
        Ok::<_, core::convert::Infallible>(handler)
    })
    .await;
    Err(stop.into())
}

/// Serves `handler` on the blocking transport; never returns.
#[cfg(all(feature = "std", not(any(feature = "smol", feature = "tokio"))))]
async fn serve<H: Handler + Sync>(handler: H) -> Result<(), Error> {
    lambkin_std::run(handler)
}
