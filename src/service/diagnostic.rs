//! Errors from owned handlers ([`service_fn`](crate::service_fn), tower services): any error
//! converts into a [`Diagnostic`], which is what Lambda is told.

use std::borrow::Cow;
use std::fmt;
use std::string::String;

use lambkin_core::ErrorReport;
use lambkin_core::diagnostic::error_type;

/// The error type most official-runtime code uses (`lambda_runtime::Error`): any boxed error.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// What an owned handler's error tells Lambda: `errorType`, `errorMessage` and, when the error
/// carried a backtrace, `stackTrace`. Implement `From<YourError> for Diagnostic` to choose them,
/// as with the official runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// `errorType`.
    pub error_type: Cow<'static, str>,
    /// `errorMessage`.
    pub error_message: String,
}

impl Diagnostic {
    /// A diagnostic with this type and message.
    pub fn new(error_type: impl Into<Cow<'static, str>>, error_message: impl Into<String>) -> Self {
        Self {
            error_type: error_type.into(),
            error_message: error_message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.error_message)
    }
}

impl ErrorReport for Diagnostic {
    fn error_type(&self) -> &str {
        &self.error_type
    }
}

impl From<Error> for Diagnostic {
    fn from(e: Error) -> Self {
        Self::new(error_type::FUNCTION, e.to_string())
    }
}

impl From<String> for Diagnostic {
    fn from(message: String) -> Self {
        Self::new(error_type::FUNCTION, message)
    }
}

impl From<&str> for Diagnostic {
    fn from(message: &str) -> Self {
        Self::new(error_type::FUNCTION, message)
    }
}

impl From<core::convert::Infallible> for Diagnostic {
    fn from(never: core::convert::Infallible) -> Self {
        match never {}
    }
}
