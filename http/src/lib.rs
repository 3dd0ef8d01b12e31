//! **lambkin-http**: run any axum `Router` or tower HTTP service on AWS Lambda, behind API
//! Gateway (REST, HTTP and WebSocket APIs), an Application Load Balancer, a function URL or
//! VPC Lattice, as `lambda_http` does, on the tokio, smol or std transport.
//!
//! ```no_run
//! use axum::{Router, extract::Path, routing::get};
//!
//! async fn user(Path(id): Path<u32>) -> String {
//!     format!("user {id}")
//! }
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> Result<(), lambkin_http::Error> {
//!     let app = Router::new().route("/users/{id}", get(user));
//!     lambkin_http::run(app).await
//! }
//! ```
//!
//! ```text
//!  rx buffer ──lambkin-events (one in-place decode)──▶ http::Request<Body> + extensions
//!                                                         │ your service (axum, tower, service_fn)
//!  tx buffer ◀──the shape of the request's source─── http::Response<B: http_body::Body>
//! ```
//!
//! Porting from `lambda_http`: the names are the same (`run`, `service_fn`, [`Request`],
//! [`Body`], [`RequestExt`], [`RequestPayloadExt`], [`request::from_str`],
//! [`request::RequestContext`]); `Body` and the typed contexts are `aws_lambda_events`' own
//! types. What differs:
//!
//! - The request is built in one pass over the receive buffer; query and path parameters,
//!   stage variables and the typed request context are decoded only when a handler asks for
//!   them (so they are read through [`RequestExt`], not as `axum::Extension`s). The owned
//!   Lambda [`Context`] is an extension, as in lambda_http.
//! - Nothing panics on what the network sends: a bad base64 body, an unknown event, a failing
//!   response body or a service error become an `/error` report (the default) or a 500, as
//!   [`OnError`] says.
//! - Text bodies that are not UTF-8 go out as base64 (lambda_http replaces their bytes).
//! - VPC Lattice V1 events are served too; ALB and VPC Lattice responses carry the status line.
//!
//! [`run`] serves with the transport the crate feature picks (`tokio`, else `smol`, else
//! `std`); with the facade, `lambkin::run(Adapter::new(app))` does the same.
//!
//! [`run_with_streaming_response`] streams each response instead (function URLs in
//! `RESPONSE_STREAM` mode, API Gateway's streamed integration): the status and headers first,
//! then every frame of the service's `http_body::Body` as it yields, and a body that fails
//! mid-stream ends with Lambda's error trailers, not with its error text in the body. See
//! [`StreamAdapter`]; `lambkin::run(StreamAdapter::new(app))` with the facade.
#![forbid(unsafe_code)]
// A std crate: the workspace's std-vs-core lints guard the no_std crates.
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

mod adapter;
mod ext;
mod extras;
pub mod request;
mod service_fn;
mod source;
mod stream;

pub use adapter::{Adapter, EventBytes, OnError, Reply};
pub use aws_lambda_events::encodings::Body;
pub use aws_lambda_events::query_map::QueryMap;
pub use ext::{PayloadError, RequestExt, RequestPayloadExt};
pub use http::{self, Response};
pub use lambkin_host::owned::{Context, Error, IntoReport};
pub use service_fn::{ServiceFn, service_fn};
pub use stream::{ResponseStream, StreamAdapter};

/// The request a service receives: lambda_http's `Request`.
pub type Request = http::Request<Body>;

#[cfg(any(feature = "std", feature = "smol", feature = "tokio"))]
mod run;
#[cfg(any(feature = "std", feature = "smol", feature = "tokio"))]
pub use run::{run, run_with_streaming_response};
