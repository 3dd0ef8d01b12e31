//! [`RequestExt`] and [`RequestPayloadExt`]: lambda_http's accessors for what API Gateway,
//! ALB and VPC Lattice say beside the request, and for typed bodies.

use std::fmt;

use aws_lambda_events::query_map::QueryMap;
use http::request::Parts;
use lambkin_host::owned::Context;
use serde::de::DeserializeOwned;

use crate::request::{RequestContext, SourceRef};

/// Set by the `with_*` methods (tests, middleware); found before what the event said.
#[derive(Debug, Clone)]
struct QueryStringParameters(QueryMap);
#[derive(Debug, Clone)]
struct PathParameters(QueryMap);
#[derive(Debug, Clone)]
struct StageVariables(QueryMap);
#[derive(Debug, Clone)]
struct RawHttpPath(String);

/// What the event said beside the HTTP request, as lambda_http's `RequestExt` reads it:
/// implemented for `http::Request<B>`, `http::request::Parts` (axum extractors) and
/// `http::Extensions`.
///
/// The maps and the typed context are decoded from the event the first time one is asked
/// for, then kept; a request that never asks pays nothing.
pub trait RequestExt {
    /// The path as the event gave it, before the stage was put in front.
    fn raw_http_path(&self) -> &str;
    /// Sets the raw path.
    #[must_use]
    fn with_raw_http_path<S: Into<String>>(self, path: S) -> Self;

    /// The query string parameters (decoded; repeated keys keep every value).
    fn query_string_parameters(&self) -> QueryMap {
        self.query_string_parameters_ref()
            .cloned()
            .unwrap_or_default()
    }
    /// The query string parameters, if any.
    fn query_string_parameters_ref(&self) -> Option<&QueryMap>;
    /// Sets the query string parameters (the URI is left as it is).
    #[must_use]
    fn with_query_string_parameters<Q: Into<QueryMap>>(self, parameters: Q) -> Self;

    /// API Gateway's path parameters (`{id}` in the resource path); empty for ALB.
    fn path_parameters(&self) -> QueryMap {
        self.path_parameters_ref().cloned().unwrap_or_default()
    }
    /// The path parameters, if any.
    fn path_parameters_ref(&self) -> Option<&QueryMap>;
    /// Sets the path parameters.
    #[must_use]
    fn with_path_parameters<P: Into<QueryMap>>(self, parameters: P) -> Self;

    /// API Gateway's stage variables; empty for ALB.
    fn stage_variables(&self) -> QueryMap {
        self.stage_variables_ref().cloned().unwrap_or_default()
    }
    /// The stage variables, if any.
    fn stage_variables_ref(&self) -> Option<&QueryMap>;
    /// Sets the stage variables.
    #[must_use]
    fn with_stage_variables<V: Into<QueryMap>>(self, variables: V) -> Self;

    /// The source's typed request context. Every request built from an event has one (the
    /// type's default where the event's context does not decode as the source's documented
    /// type).
    ///
    /// # Panics
    /// If there is none, as lambda_http's does: only a request built by hand. Prefer
    /// [`request_context_ref`](Self::request_context_ref).
    fn request_context(&self) -> RequestContext {
        #[allow(clippy::expect_used)]
        self.request_context_ref()
            .cloned()
            .expect("request has no RequestContext: it was not built from a Lambda event")
    }
    /// The source's typed request context: `None` only for a request built by hand.
    fn request_context_ref(&self) -> Option<&RequestContext>;
    /// Sets the request context.
    #[must_use]
    fn with_request_context(self, context: RequestContext) -> Self;

    /// The invocation's owned context (request id, deadline, ARN, trace id…).
    ///
    /// # Panics
    /// If there is none, as lambda_http's does: a request built by hand. Prefer
    /// [`lambda_context_ref`](Self::lambda_context_ref).
    fn lambda_context(&self) -> Context {
        #[allow(clippy::expect_used)]
        self.lambda_context_ref()
            .cloned()
            .expect("request has no Lambda Context: it was not built by lambkin-http")
    }
    /// The invocation's owned context, if any.
    fn lambda_context_ref(&self) -> Option<&Context>;
    /// Sets the invocation context.
    #[must_use]
    fn with_lambda_context(self, context: Context) -> Self;
}

impl RequestExt for http::Extensions {
    fn raw_http_path(&self) -> &str {
        match self.get::<RawHttpPath>() {
            Some(RawHttpPath(p)) => p,
            None => self
                .get::<SourceRef>()
                .map(|s| s.0.extras().raw_path.as_str())
                .unwrap_or_default(),
        }
    }
    fn with_raw_http_path<S: Into<String>>(mut self, path: S) -> Self {
        self.insert(RawHttpPath(path.into()));
        self
    }

    fn query_string_parameters_ref(&self) -> Option<&QueryMap> {
        match self.get::<QueryStringParameters>() {
            Some(QueryStringParameters(q)) => Some(q),
            None => self.get::<SourceRef>().map(|s| &s.0.extras().query),
        }
        .filter(|q| !q.is_empty())
    }
    fn with_query_string_parameters<Q: Into<QueryMap>>(mut self, parameters: Q) -> Self {
        self.insert(QueryStringParameters(parameters.into()));
        self
    }

    fn path_parameters_ref(&self) -> Option<&QueryMap> {
        match self.get::<PathParameters>() {
            Some(PathParameters(q)) => Some(q),
            None => self.get::<SourceRef>().map(|s| &s.0.extras().path),
        }
        .filter(|q| !q.is_empty())
    }
    fn with_path_parameters<P: Into<QueryMap>>(mut self, parameters: P) -> Self {
        self.insert(PathParameters(parameters.into()));
        self
    }

    fn stage_variables_ref(&self) -> Option<&QueryMap> {
        match self.get::<StageVariables>() {
            Some(StageVariables(q)) => Some(q),
            None => self.get::<SourceRef>().map(|s| &s.0.extras().stage),
        }
        .filter(|q| !q.is_empty())
    }
    fn with_stage_variables<V: Into<QueryMap>>(mut self, variables: V) -> Self {
        self.insert(StageVariables(variables.into()));
        self
    }

    fn request_context_ref(&self) -> Option<&RequestContext> {
        match self.get::<RequestContext>() {
            Some(c) => Some(c),
            None => self
                .get::<SourceRef>()
                .and_then(|s| s.0.extras().context.as_ref()),
        }
    }
    fn with_request_context(mut self, context: RequestContext) -> Self {
        self.insert(context);
        self
    }

    fn lambda_context_ref(&self) -> Option<&Context> {
        self.get::<Context>()
    }
    fn with_lambda_context(mut self, context: Context) -> Self {
        self.insert(context);
        self
    }
}

/// Delegates to the extensions of `$t`.
macro_rules! delegate {
    ($t:ty, $($g:ident)?) => {
        impl$(<$g>)? RequestExt for $t {
            fn raw_http_path(&self) -> &str {
                self.extensions().raw_http_path()
            }
            fn with_raw_http_path<S: Into<String>>(self, path: S) -> Self {
                self.map_ext(|e| e.with_raw_http_path(path))
            }
            fn query_string_parameters_ref(&self) -> Option<&QueryMap> {
                self.extensions().query_string_parameters_ref()
            }
            fn with_query_string_parameters<Q: Into<QueryMap>>(self, parameters: Q) -> Self {
                self.map_ext(|e| e.with_query_string_parameters(parameters))
            }
            fn path_parameters_ref(&self) -> Option<&QueryMap> {
                self.extensions().path_parameters_ref()
            }
            fn with_path_parameters<P: Into<QueryMap>>(self, parameters: P) -> Self {
                self.map_ext(|e| e.with_path_parameters(parameters))
            }
            fn stage_variables_ref(&self) -> Option<&QueryMap> {
                self.extensions().stage_variables_ref()
            }
            fn with_stage_variables<V: Into<QueryMap>>(self, variables: V) -> Self {
                self.map_ext(|e| e.with_stage_variables(variables))
            }
            fn request_context_ref(&self) -> Option<&RequestContext> {
                self.extensions().request_context_ref()
            }
            fn with_request_context(self, context: RequestContext) -> Self {
                self.map_ext(|e| e.with_request_context(context))
            }
            fn lambda_context_ref(&self) -> Option<&Context> {
                self.extensions().lambda_context_ref()
            }
            fn with_lambda_context(self, context: Context) -> Self {
                self.map_ext(|e| e.with_lambda_context(context))
            }
        }
    };
}

/// Access to the extensions of a request or its parts, by value for the `with_*` methods.
trait HasExtensions: Sized {
    fn extensions(&self) -> &http::Extensions;
    fn map_ext(self, f: impl FnOnce(http::Extensions) -> http::Extensions) -> Self;
}

impl<B> HasExtensions for http::Request<B> {
    fn extensions(&self) -> &http::Extensions {
        http::Request::extensions(self)
    }
    fn map_ext(mut self, f: impl FnOnce(http::Extensions) -> http::Extensions) -> Self {
        let ext = core::mem::take(self.extensions_mut());
        *self.extensions_mut() = f(ext);
        self
    }
}

impl HasExtensions for Parts {
    fn extensions(&self) -> &http::Extensions {
        &self.extensions
    }
    fn map_ext(mut self, f: impl FnOnce(http::Extensions) -> http::Extensions) -> Self {
        self.extensions = f(core::mem::take(&mut self.extensions));
        self
    }
}

delegate!(http::Request<B>, B);
delegate!(Parts,);

/// A body that did not decode as the type asked for.
#[derive(Debug)]
#[non_exhaustive]
pub enum PayloadError {
    /// `application/json` that is not the type's JSON.
    Json(serde_json::Error),
    /// `application/x-www-form-urlencoded` that is not the type's form.
    WwwFormUrlEncoded(serde_urlencoded::de::Error),
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Json(e) => write!(f, "failed to parse payload from application/json: {e}"),
            Self::WwwFormUrlEncoded(e) => write!(
                f,
                "failed to parse payload from application/x-www-form-urlencoded: {e}"
            ),
        }
    }
}

impl std::error::Error for PayloadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Json(e) => Some(e),
            Self::WwwFormUrlEncoded(e) => Some(e),
        }
    }
}

/// Typed request bodies, as lambda_http's `RequestPayloadExt`.
pub trait RequestPayloadExt {
    /// The body as `D`, by its `Content-Type`: JSON for `application/json`, a form for
    /// `application/x-www-form-urlencoded`; `Ok(None)` for an empty body or another type.
    fn payload<D: DeserializeOwned>(&self) -> Result<Option<D>, PayloadError>;
    /// The body as JSON of `D`, whatever the `Content-Type`; `Ok(None)` if empty.
    fn json<D: DeserializeOwned>(&self) -> Result<Option<D>, PayloadError>;
    /// The body as a form of `D`, whatever the `Content-Type`; `Ok(None)` if empty.
    fn form_url_encoded<D: DeserializeOwned>(&self) -> Result<Option<D>, PayloadError>;
}

impl<B: AsRef<[u8]>> RequestPayloadExt for http::Request<B> {
    fn payload<D: DeserializeOwned>(&self) -> Result<Option<D>, PayloadError> {
        let Some(ct) = self
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
        else {
            return Ok(None);
        };
        if ct.starts_with("application/x-www-form-urlencoded") {
            self.form_url_encoded()
        } else if ct.starts_with("application/json") {
            self.json()
        } else {
            Ok(None)
        }
    }

    fn json<D: DeserializeOwned>(&self) -> Result<Option<D>, PayloadError> {
        let body = self.body().as_ref();
        if body.is_empty() {
            return Ok(None);
        }
        serde_json::from_slice(body)
            .map(Some)
            .map_err(PayloadError::Json)
    }

    fn form_url_encoded<D: DeserializeOwned>(&self) -> Result<Option<D>, PayloadError> {
        let body = self.body().as_ref();
        if body.is_empty() {
            return Ok(None);
        }
        serde_urlencoded::from_bytes(body)
            .map(Some)
            .map_err(PayloadError::WwwFormUrlEncoded)
    }
}
