//! Tower services as handlers (feature `tower`): [`handler`] runs any
//! `tower::Service<LambdaEvent<T>>`, so middleware stacks written for `lambda_runtime` run
//! here; [`TracingLayer`] opens the span `lambda_runtime` opens around each invocation.
//!
//! ```no_run
//! use lambkin::service::tower::{ServiceBuilder, TracingLayer, handler};
//! use lambkin::service::{Error, LambdaEvent, service_fn};
//! use serde_json::Value;
//!
//! async fn func(event: LambdaEvent<Value>) -> Result<Value, Error> {
//!     Ok(event.payload)
//! }
//!
//! fn main() {
//!     let svc = ServiceBuilder::new()
//!         .layer(TracingLayer::new())
//!         .service(service_fn(func));
//!     lambkin::run(handler(svc))
//! }
//! ```

use core::fmt;
use core::future::poll_fn;
use core::marker::PhantomData;
use core::task::{Context as TaskContext, Poll};

use lambkin_core::Handler;
use lambkin_core::IntoBody;
use serde::de::DeserializeOwned;
use tracing::Instrument;
use tracing::instrument::Instrumented;

pub use tower::{Layer, Service, ServiceBuilder};

use lambkin_host::owned::{Context, LambdaEvent, SharedConfig};
use lambkin_host::owned::{IntoReport, Report};

/// A tower service as a [`Handler`]; see [`handler`].
pub struct TowerHandler<S, T> {
    service: S,
    config: SharedConfig,
    event: PhantomData<fn(T)>,
}

/// Makes a [`Handler`] of a tower service taking [`LambdaEvent<T>`]: `T` is decoded from the
/// event JSON, the response `R` is encoded, and the error `E` becomes the [`Report`].
///
/// `Handler` is shared by reference and invocations may run concurrently, while
/// `Service::call` takes `&mut self`: each invocation clones the service, waits until the clone
/// is ready, then calls it (the tower convention for shared services). Keep clones cheap (state
/// behind an `Arc`), as tower services usually are.
///
/// The service's futures run on the transport's workers: on `smol` or `tokio` any layer works;
/// on `std` only layers that need no reactor (no timers, no tokio I/O).
pub fn handler<S, T>(service: S) -> TowerHandler<S, T>
where
    S: Service<LambdaEvent<T>> + Clone,
{
    TowerHandler {
        service,
        config: SharedConfig::default(),
        event: PhantomData,
    }
}

impl<S, T, R, E> Handler for TowerHandler<S, T>
where
    S: Service<LambdaEvent<T>, Response = R, Error = E> + Clone,
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
        let mut service = self.service.clone();
        poll_fn(|cx| service.poll_ready(cx))
            .await
            .map_err(IntoReport::into_report)?;
        let event = LambdaEvent::new(event, self.config.context(ctx));
        service.call(event).await.map_err(IntoReport::into_report)
    }
}

impl<S: Clone, T> Clone for TowerHandler<S, T> {
    fn clone(&self) -> Self {
        Self {
            service: self.service.clone(),
            config: self.config.clone(),
            event: PhantomData,
        }
    }
}

impl<S: fmt::Debug, T> fmt::Debug for TowerHandler<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TowerHandler")
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

/// A layer that runs each invocation inside a `tracing` span named `Lambda runtime invoke`, with
/// the fields `requestId`, `xrayTraceId` and `tenantId` (the latter two when Lambda sent them),
/// as `lambda_runtime` does. Every event the handler logs then carries them.
///
/// With the facade's `tracing` feature the runtime already opens this span around every
/// invocation (and `lambkin::tracing::init`'s records read either), so the layer is only
/// needed with a subscriber of your own and the feature off.
#[derive(Debug, Clone, Copy, Default)]
pub struct TracingLayer;

impl TracingLayer {
    /// The layer.
    pub const fn new() -> Self {
        Self
    }
}

impl<S> Layer<S> for TracingLayer {
    type Service = TracingService<S>;

    fn layer(&self, inner: S) -> TracingService<S> {
        TracingService { inner }
    }
}

/// The service [`TracingLayer`] makes.
#[derive(Debug, Clone)]
pub struct TracingService<S> {
    inner: S,
}

impl<S, T> Service<LambdaEvent<T>> for TracingService<S>
where
    S: Service<LambdaEvent<T>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Instrumented<S::Future>;

    fn poll_ready(&mut self, cx: &mut TaskContext<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, event: LambdaEvent<T>) -> Self::Future {
        let span = invoke_span(&event.context);
        // Entered for the synchronous part of `call` too: work done before the first await.
        let future = span.in_scope(|| self.inner.call(event));
        future.instrument(span)
    }
}

/// The span `lambda_runtime`'s TracingLayer opens, field for field.
pub fn invoke_span(context: &Context) -> tracing::Span {
    let span = tracing::info_span!(
        "Lambda runtime invoke",
        requestId = %context.request_id,
        xrayTraceId = tracing::field::Empty,
        tenantId = tracing::field::Empty,
    );
    if let Some(trace) = &context.xray_trace_id {
        span.record("xrayTraceId", tracing::field::display(trace));
    }
    if let Some(tenant) = &context.tenant_id {
        span.record("tenantId", tracing::field::display(tenant));
    }
    span
}

#[cfg(test)]
#[path = "tower_tests.rs"]
mod tests;
