//! Closures and async fns as handlers: [`service_fn`] (async) and [`sync_fn`] (blocking).

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;

use lambkin_core::Handler;
use lambkin_core::IntoBody;
use serde::de::DeserializeOwned;

use lambkin_host::owned::{IntoReport, Report};
use lambkin_host::owned::{LambdaEvent, SharedConfig};

/// An async fn or closure taking a [`LambdaEvent`], as a [`Handler`]; see [`service_fn`].
///
/// `T` is the event type, named so the `Handler` impl can pick it; `fn(T)` keeps the handler
/// `Send + Sync` whatever `T` is.
pub struct ServiceFn<F, T> {
    f: F,
    config: SharedConfig,
    event: PhantomData<fn(T)>,
}

/// Makes a [`Handler`] of an async fn or closure `Fn(LambdaEvent<T>) -> Future<Output =
/// Result<R, E>>`, as `lambda_runtime::service_fn` does: `T` is decoded from the event JSON,
/// `R` is encoded as the response, and `E` becomes the [`Report`] Lambda is told (any `E: Into<Diagnostic>`, or an error crate's report with its feature).
///
/// ```no_run
/// use lambkin::service::{Error, LambdaEvent, service_fn};
/// use serde_json::{Value, json};
///
/// async fn func(event: LambdaEvent<Value>) -> Result<Value, Error> {
///     let (event, context) = event.into_parts();
///     Ok(json!({ "echo": event, "requestId": context.request_id }))
/// }
///
/// fn main() {
///     lambkin::run(service_fn(func))
/// }
/// ```
///
/// The closure runs once per invocation, possibly several at once
/// (`AWS_LAMBDA_MAX_CONCURRENCY`), so it is `Fn`: shared state goes in an `Arc` or a
/// `&'static`, moved into the closure. On the `std` and `tokio` transports the handler is
/// shared across worker threads and must be `Sync`; `smol` runs workers on one thread.
///
/// The response is any [`IntoBody`]: a `Serialize` value goes out as JSON, and
/// [`Streaming`](crate::stream::Streaming) streams, e.g. `Streaming(Chunks(stream))` for a
/// `futures::Stream` of byte chunks, where `lambda_runtime` returns a `StreamResponse`.
pub fn service_fn<F, T, Fut, R, E>(f: F) -> ServiceFn<F, T>
where
    F: Fn(LambdaEvent<T>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
{
    ServiceFn {
        f,
        config: SharedConfig::default(),
        event: PhantomData,
    }
}

impl<F, T, Fut, R, E> Handler for ServiceFn<F, T>
where
    F: Fn(LambdaEvent<T>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    T: DeserializeOwned,
    R: IntoBody,
    E: IntoReport,
{
    type Event<'a>
        = T
    where
        Self: 'a;
    type Output<'a>
        = R
    where
        Self: 'a;
    type Error = Report;

    async fn call<'a>(&'a self, event: T, ctx: &'a lambkin_core::Context<'a>) -> Result<R, Report> {
        let event = LambdaEvent::new(event, self.config.context(ctx));
        (self.f)(event).await.map_err(IntoReport::into_report)
    }
}

#[cfg(feature = "tower")]
impl<F, T, Fut, R, E> tower::Service<LambdaEvent<T>> for ServiceFn<F, T>
where
    F: Fn(LambdaEvent<T>) -> Fut,
    Fut: Future<Output = Result<R, E>>,
{
    type Response = R;
    // The closure's own error: layers see it as the user wrote it, and the adapter into a
    // handler converts it to a Report last.
    type Error = E;
    type Future = Fut;

    fn poll_ready(&mut self, _: &mut core::task::Context<'_>) -> core::task::Poll<Result<(), E>> {
        core::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, event: LambdaEvent<T>) -> Fut {
        (self.f)(event)
    }
}

/// A plain closure taking a [`LambdaEvent`], as a [`Handler`]; see [`sync_fn`].
pub struct SyncFn<F, T> {
    f: F,
    config: SharedConfig,
    event: PhantomData<fn(T)>,
}

/// Makes a [`Handler`] of a blocking closure `Fn(LambdaEvent<T>) -> Result<R, E>`: no async,
/// no executor.
///
/// Meant for the `std` transport (the default), where each concurrent invocation has its own
/// thread. On `smol` or `tokio` the closure would block the thread every worker shares; use
/// [`service_fn`] there.
///
/// ```no_run
/// use lambkin::service::{LambdaEvent, sync_fn};
///
/// fn main() {
///     lambkin::run(sync_fn(|event: LambdaEvent<u64>| {
///         event.payload.checked_mul(2).ok_or("too large")
///     }))
/// }
/// ```
pub fn sync_fn<F, T, R, E>(f: F) -> SyncFn<F, T>
where
    F: Fn(LambdaEvent<T>) -> Result<R, E>,
{
    SyncFn {
        f,
        config: SharedConfig::default(),
        event: PhantomData,
    }
}

impl<F, T, R, E> Handler for SyncFn<F, T>
where
    F: Fn(LambdaEvent<T>) -> Result<R, E>,
    T: DeserializeOwned,
    R: IntoBody,
    E: IntoReport,
{
    type Event<'a>
        = T
    where
        Self: 'a;
    type Output<'a>
        = R
    where
        Self: 'a;
    type Error = Report;

    async fn call<'a>(&'a self, event: T, ctx: &'a lambkin_core::Context<'a>) -> Result<R, Report> {
        let event = LambdaEvent::new(event, self.config.context(ctx));
        (self.f)(event).map_err(IntoReport::into_report)
    }
}

// By hand: derives would require `T: Clone`/`T: Debug` of the event type, which is never held.
macro_rules! clone_debug {
    ($name:ident) => {
        impl<F: Clone, T> Clone for $name<F, T> {
            fn clone(&self) -> Self {
                Self {
                    f: self.f.clone(),
                    config: self.config.clone(),
                    event: PhantomData,
                }
            }
        }

        impl<F, T> fmt::Debug for $name<F, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("event", &core::any::type_name::<T>())
                    .finish_non_exhaustive()
            }
        }
    };
}

clone_debug!(ServiceFn);
clone_debug!(SyncFn);

#[cfg(test)]
#[path = "service_fn_tests.rs"]
mod tests;
