//! The owned side every adapter shares (`lambkin::service`, `lambkin-http`): the owned
//! [`LambdaEvent`] and [`Context`] with `lambda_runtime`'s names, and the [`Report`] an owned
//! handler's error becomes (any `E: Into<Diagnostic>`, or, with their features, `anyhow`,
//! `eyre` and `miette` reports). Users meet these through `lambkin::service`.

mod diagnostic;
mod event;

pub use diagnostic::{Diagnostic, Error, IntoReport, Report, short_type_name};
pub use event::{
    ClientApplication, ClientContext, CognitoIdentity, Config, Context, LambdaEvent, SharedConfig,
};
