//! [`service_fn`]: an async fn as the tower service [`run`](crate::run) takes.

use core::future::Future;
use core::task::{Context, Poll};

use tower_service::Service;

use crate::Request;

/// An async fn or closure taking a [`Request`], as a tower service; see [`service_fn`].
#[derive(Debug, Clone, Copy)]
pub struct ServiceFn<F> {
    f: F,
}

/// Makes a tower service of `f: Fn(Request) -> Future<Output = Result<Response, E>>`, as
/// `lambda_http::service_fn` does.
///
/// ```no_run
/// use lambkin_http::{Body, Error, Request, RequestExt, Response, run, service_fn};
///
/// async fn hello(req: Request) -> Result<Response<Body>, Error> {
///     let name = req.query_string_parameters_ref()
///         .and_then(|q| q.first("name").map(str::to_owned))
///         .unwrap_or_else(|| "world".into());
///     Ok(Response::new(format!("Hello, {name}!").into()))
/// }
///
/// #[tokio::main(flavor = "current_thread")]
/// async fn main() -> Result<(), Error> {
///     run(service_fn(hello)).await
/// }
/// ```
pub fn service_fn<F>(f: F) -> ServiceFn<F> {
    ServiceFn { f }
}

impl<F, Fut, R, E> Service<Request> for ServiceFn<F>
where
    F: Fn(Request) -> Fut,
    Fut: Future<Output = Result<R, E>>,
{
    type Response = R;
    type Error = E;
    type Future = Fut;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), E>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request) -> Fut {
        (self.f)(req)
    }
}
