//! Handlers written the way the official `lambda_runtime` writes them: owned events in a
//! [`LambdaEvent`], an owned [`Context`], closures through [`service_fn`], any error type.
//! A function and its tests port with their `use` lines changed to `lambkin::service::…`.
//!
//! The zero-copy [`Handler`](crate::Handler) stays the fast path: it borrows the event from the
//! receive buffer and writes the response into the transmit buffer. These owned types copy the
//! context and decode into owned values, as the official runtime does.
//!
//! ```
//! use lambkin::service::{Context, Error, LambdaEvent};
//! use serde_json::{Value, json};
//!
//! async fn func(event: LambdaEvent<Value>) -> Result<Value, Error> {
//!     let (event, context) = event.into_parts();
//!     let name = event["firstName"].as_str().unwrap_or("world");
//!     Ok(json!({ "message": format!("Hello, {name}!"), "requestId": context.request_id }))
//! }
//!
//! // The official README's unit-test recipe works as it is.
//! # lambkin::host::block_on(async {
//! let event = LambdaEvent::new(json!({ "firstName": "Ada" }), Context::default());
//! let out = func(event).await.unwrap();
//! assert_eq!(out["message"], "Hello, Ada!");
//! # });
//! ```
//!
//! `lambkin::run(service_fn(func))` runs it on whichever transport the crate feature picks.
//! With the `tower` feature, `lambkin::service::tower` runs any `tower::Service<LambdaEvent<T>>` stack.

mod service_fn;
#[cfg(feature = "tower")]
pub mod tower;

pub use lambkin_host::owned::{
    ClientApplication, ClientContext, CognitoIdentity, Config, Context, Diagnostic, Error,
    IntoReport, LambdaEvent, Report, short_type_name,
};
pub use service_fn::{ServiceFn, SyncFn, service_fn, sync_fn};

#[cfg(feature = "tower")]
pub use ::tower::Service;
