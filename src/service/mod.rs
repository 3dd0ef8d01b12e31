//! Handlers written the way the official `lambda_runtime` writes them: owned events in a
//! [`LambdaEvent`], an owned [`Context`], closures through [`service_fn`], any error type.
//! A function and its tests port with their `use` lines changed to `lambkin::service::…`.
//!
//! The zero-copy [`Handler`](crate::Handler) stays the fast path: it borrows the event from the
//! receive buffer and writes the response into the transmit buffer. These owned types copy the
//! context and decode into owned values, as the official runtime does.

mod diagnostic;

pub use diagnostic::{Diagnostic, Error, IntoReport, Report};
