//! The invocation context: what the `/next` response headers say about one invocation.

use serde::Deserialize;

use crate::config::Config;
use crate::json::{self, DecodeError};

/// When the invocation times out, as Lambda sent it in `Lambda-Runtime-Deadline-Ms`.
///
/// Lambda sends epoch milliseconds. cargo-lambda's emulator sends a duration (`600000`), so a
/// value too small to be a plausible epoch time (before 2001) is read as milliseconds from
/// receipt. The core has no clock: callers pass theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Deadline {
    raw: u64,
}

/// Deadline values below this (2001-09-09 in epoch ms) are durations, not instants.
const RELATIVE_BELOW: u64 = 1_000_000_000_000;

impl Deadline {
    /// A deadline from the raw header value.
    pub const fn from_raw(raw: u64) -> Self {
        Self { raw }
    }

    /// The value as sent.
    pub const fn raw(&self) -> u64 {
        self.raw
    }

    /// The deadline in epoch ms, given when the event was received (epoch ms).
    pub const fn epoch_ms(&self, received_at_ms: u64) -> u64 {
        if self.raw < RELATIVE_BELOW {
            received_at_ms.saturating_add(self.raw)
        } else {
            self.raw
        }
    }

    /// Milliseconds left at `now_ms`, zero once passed.
    pub const fn remaining_ms(&self, received_at_ms: u64, now_ms: u64) -> u64 {
        self.epoch_ms(received_at_ms).saturating_sub(now_ms)
    }
}

/// Everything Lambda says about one invocation, borrowed from the receive buffer.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Context<'a> {
    /// `Lambda-Runtime-Aws-Request-Id`.
    pub request_id: &'a str,
    /// `Lambda-Runtime-Deadline-Ms`, if present and numeric.
    pub deadline: Option<Deadline>,
    /// `Lambda-Runtime-Invoked-Function-Arn` (empty if absent).
    pub invoked_function_arn: &'a str,
    /// `Lambda-Runtime-Trace-Id`: the X-Ray trace header for this invocation. It travels here,
    /// never through `_X_AMZN_TRACE_ID` in the process environment, so concurrent invocations
    /// cannot see each other's.
    pub trace_id: Option<&'a str>,
    /// `Lambda-Runtime-Client-Context`, raw JSON; see [`Context::client_context`].
    pub client_context_json: Option<&'a str>,
    /// `Lambda-Runtime-Cognito-Identity`, raw JSON; see [`Context::cognito_identity`].
    pub cognito_identity_json: Option<&'a str>,
    /// `Lambda-Runtime-Aws-Tenant-Id` (tenant isolation mode).
    pub tenant_id: Option<&'a str>,
    /// `Lambda-Runtime-Invocation-Id`, echoed on `/response` and `/error`.
    pub invocation_id: Option<&'a str>,
    /// The function's configuration.
    pub config: &'a Config<'a>,
}

impl<'a> Context<'a> {
    /// A context with only a request id, for calling a handler directly (unit tests, local
    /// runs); the transports build theirs from the `/next` headers.
    pub const fn new(request_id: &'a str, config: &'a Config<'a>) -> Self {
        Self {
            request_id,
            deadline: None,
            invoked_function_arn: "",
            trace_id: None,
            client_context_json: None,
            cognito_identity_json: None,
            tenant_id: None,
            invocation_id: None,
            config,
        }
    }

    /// Decodes the client context into `T`, copying it into `scratch` first (the decoder
    /// unescapes in place). `None` if the header was absent; a malformed value is an `Err` for
    /// the caller to judge and never fails the invocation by itself.
    pub fn client_context_as<'s, T: Deserialize<'s>>(
        &self,
        scratch: &'s mut [u8],
    ) -> Option<Result<T, DecodeError>> {
        self.client_context_json
            .map(|raw| decode_copy(raw, scratch))
    }

    /// The client context in the shape the AWS Mobile SDK sends (camelCase or snake_case).
    pub fn client_context<'s>(
        &self,
        scratch: &'s mut [u8],
    ) -> Option<Result<ClientContext<'s>, DecodeError>> {
        self.client_context_as(scratch)
    }

    /// The Cognito identity (camelCase or snake_case field names).
    pub fn cognito_identity<'s>(
        &self,
        scratch: &'s mut [u8],
    ) -> Option<Result<CognitoIdentity<'s>, DecodeError>> {
        self.cognito_identity_json
            .map(|raw| decode_copy(raw, scratch))
    }
}

fn decode_copy<'s, T: Deserialize<'s>>(raw: &str, scratch: &'s mut [u8]) -> Result<T, DecodeError> {
    let buf = scratch
        .get_mut(..raw.len())
        .ok_or(DecodeError::BUFFER_TOO_SMALL)?;
    buf.copy_from_slice(raw.as_bytes());
    json::from_slice(buf)
}

/// The calling application, from the client context.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ClientApplication<'a> {
    /// Installation id.
    #[serde(default, alias = "installationId", alias = "installation_id")]
    pub installation_id: Option<&'a str>,
    /// Application title.
    #[serde(default, alias = "appTitle", alias = "app_title")]
    pub app_title: Option<&'a str>,
    /// Version name.
    #[serde(default, alias = "appVersionName", alias = "app_version_name")]
    pub app_version_name: Option<&'a str>,
    /// Version code.
    #[serde(default, alias = "appVersionCode", alias = "app_version_code")]
    pub app_version_code: Option<&'a str>,
    /// Package name.
    #[serde(default, alias = "appPackageName", alias = "app_package_name")]
    pub app_package_name: Option<&'a str>,
}

/// The client context. `custom` and `env` maps are left to [`Context::client_context_as`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ClientContext<'a> {
    /// The calling application.
    #[serde(default, borrow)]
    pub client: Option<ClientApplication<'a>>,
}

/// The Cognito identity of the caller.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CognitoIdentity<'a> {
    /// Identity id.
    #[serde(
        default,
        alias = "identityId",
        alias = "cognitoIdentityId",
        alias = "cognito_identity_id"
    )]
    pub identity_id: Option<&'a str>,
    /// Identity pool id.
    #[serde(
        default,
        alias = "identityPoolId",
        alias = "cognitoIdentityPoolId",
        alias = "cognito_identity_pool_id"
    )]
    pub identity_pool_id: Option<&'a str>,
}
