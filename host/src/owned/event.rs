//! The owned event and context an owned handler receives, shaped like `lambda_runtime`'s so
//! ported code (and its unit tests) compile unchanged.

use std::collections::HashMap;
use std::string::{String, ToString};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use std::vec::Vec;

use serde::Deserialize;

/// An event and the context of its invocation, as an owned handler receives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LambdaEvent<T> {
    /// The decoded event.
    pub payload: T,
    /// What Lambda said about this invocation.
    pub context: Context,
}

impl<T> LambdaEvent<T> {
    /// An event with its context; in unit tests, `LambdaEvent::new(payload, Context::default())`.
    pub fn new(payload: T, context: Context) -> Self {
        Self { payload, context }
    }

    /// The payload and the context, apart.
    pub fn into_parts(self) -> (T, Context) {
        (self.payload, self.context)
    }
}

/// The invocation context, owned (`'static`: it can cross `.await`s and go into spawned tasks).
///
/// Field names are `lambda_runtime::Context`'s. Copied from the borrowed
/// [`lambkin_core::Context`] once per invocation; the zero-copy [`Handler`](lambkin_core::Handler)
/// reads that one instead and copies nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Context {
    /// `Lambda-Runtime-Aws-Request-Id`.
    pub request_id: String,
    /// The deadline in milliseconds since the Unix epoch (0 if Lambda sent none).
    pub deadline: u64,
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    pub invoked_function_arn: String,
    /// `Lambda-Runtime-Trace-Id`: this invocation's X-Ray trace header.
    pub xray_trace_id: Option<String>,
    /// The client context a mobile SDK sent; `None` if absent or not valid JSON of that shape.
    pub client_context: Option<ClientContext>,
    /// The caller's Cognito identity; `None` if absent or not valid JSON of that shape.
    pub identity: Option<CognitoIdentity>,
    /// `Lambda-Runtime-Aws-Tenant-Id` (tenant isolation mode).
    pub tenant_id: Option<String>,
    /// `Lambda-Runtime-Invocation-Id` (Lambda Managed Instances).
    pub invocation_id: Option<String>,
    /// The function's configuration, shared by every invocation.
    pub env_config: Arc<Config>,
}

impl Context {
    /// An owned copy of `ctx`, with `env_config` as the configuration (build that once and
    /// share it: it is the same for every invocation).
    ///
    /// A client context or Cognito identity that is not valid JSON of the expected shape
    /// becomes `None`; it never fails the invocation.
    pub fn from_core(ctx: &lambkin_core::Context<'_>, env_config: Arc<Config>) -> Self {
        // Relative deadlines (cargo-lambda's emulator) count from now: the invocation has just
        // been received when an owned handler's context is built.
        let deadline = ctx.deadline.map_or(0, |d| d.epoch_ms(crate::epoch_ms()));
        Self {
            request_id: ctx.request_id.to_string(),
            deadline,
            invoked_function_arn: ctx.invoked_function_arn.to_string(),
            xray_trace_id: ctx.trace_id.map(str::to_string),
            client_context: ctx.client_context_json.and_then(decode_lenient),
            identity: ctx.cognito_identity_json.and_then(decode_lenient),
            tenant_id: ctx.tenant_id.map(str::to_string),
            invocation_id: ctx.invocation_id.map(str::to_string),
            env_config,
        }
    }

    /// The deadline as a [`SystemTime`] (the Unix epoch if Lambda sent none).
    pub fn deadline(&self) -> SystemTime {
        UNIX_EPOCH
            .checked_add(Duration::from_millis(self.deadline))
            .unwrap_or(UNIX_EPOCH)
    }
}

impl From<&lambkin_core::Context<'_>> for Context {
    /// An owned copy with its own configuration; [`Context::from_core`] shares one instead.
    fn from(ctx: &lambkin_core::Context<'_>) -> Self {
        Self::from_core(ctx, Arc::new(Config::from(ctx.config)))
    }
}

/// Decodes a JSON header value with the core's codec, which unescapes in place, hence the copy.
fn decode_lenient<T: for<'de> Deserialize<'de>>(raw: &str) -> Option<T> {
    let mut buf: Vec<u8> = raw.as_bytes().to_vec();
    lambkin_core::json::from_slice(&mut buf).ok()
}

/// The function's configuration, owned (`lambda_runtime::Config`'s fields).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// `AWS_LAMBDA_FUNCTION_NAME`.
    pub function_name: String,
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` in MB.
    pub memory: i32,
    /// `AWS_LAMBDA_FUNCTION_VERSION`.
    pub version: String,
    /// `AWS_LAMBDA_LOG_STREAM_NAME`.
    pub log_stream: String,
    /// `AWS_LAMBDA_LOG_GROUP_NAME`.
    pub log_group: String,
}

impl From<&lambkin_core::Config<'_>> for Config {
    fn from(c: &lambkin_core::Config<'_>) -> Self {
        Self {
            function_name: c.function_name.to_string(),
            // The core caps the memory size at 2^20 MB, so this never saturates in practice.
            memory: i32::try_from(c.memory_size_mb).unwrap_or(i32::MAX),
            version: c.version.to_string(),
            log_stream: c.log_stream.to_string(),
            log_group: c.log_group.to_string(),
        }
    }
}

/// The owned [`Config`], made on the first invocation and shared by the rest (the environment
/// does not change while the process lives), so an invocation costs one `Arc` clone, not five
/// string copies.
#[derive(Debug, Clone, Default)]
pub struct SharedConfig(OnceLock<Arc<Config>>);

impl SharedConfig {
    /// The owned configuration, built from `core` the first time.
    pub fn get(&self, core: &lambkin_core::Config<'_>) -> Arc<Config> {
        Arc::clone(self.0.get_or_init(|| Arc::new(Config::from(core))))
    }

    /// The owned context of `ctx`, sharing this configuration.
    pub fn context(&self, ctx: &lambkin_core::Context<'_>) -> Context {
        Context::from_core(ctx, self.get(ctx.config))
    }
}

/// The client context a mobile SDK sends (`Lambda-Runtime-Client-Context`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ClientContext {
    /// The calling application.
    pub client: ClientApplication,
    /// Custom values the application set.
    pub custom: HashMap<String, String>,
    /// Environment values the SDK set (`env` in the header).
    #[serde(alias = "env")]
    pub environment: HashMap<String, String>,
}

/// The application that called the function, from the client context.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ClientApplication {
    /// Installation id.
    #[serde(alias = "installationId")]
    pub installation_id: String,
    /// Application title.
    #[serde(alias = "appTitle")]
    pub app_title: String,
    /// Version name.
    #[serde(alias = "appVersionName")]
    pub app_version_name: String,
    /// Version code.
    #[serde(alias = "appVersionCode")]
    pub app_version_code: String,
    /// Package name.
    #[serde(alias = "appPackageName")]
    pub app_package_name: String,
}

/// The caller's Cognito identity (`Lambda-Runtime-Cognito-Identity`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct CognitoIdentity {
    /// Identity id.
    #[serde(
        alias = "identityId",
        alias = "cognitoIdentityId",
        alias = "cognito_identity_id"
    )]
    pub identity_id: String,
    /// Identity pool id.
    #[serde(
        alias = "identityPoolId",
        alias = "cognitoIdentityPoolId",
        alias = "cognito_identity_pool_id"
    )]
    pub identity_pool_id: String,
}

#[cfg(test)]
#[path = "event_tests.rs"]
mod tests;
