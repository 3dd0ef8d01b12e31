//! Errors from owned handlers ([`service_fn`](crate::service_fn), tower services): any error
//! becomes a [`Report`] (through [`IntoReport`]), which is what Lambda is told.

use std::fmt;
use std::string::{String, ToString};
use std::vec::Vec;

use lambkin_core::ErrorReport;
use lambkin_core::diagnostic::error_type;

/// The error type most official-runtime code uses (`lambda_runtime::Error`): any boxed error.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The official runtime's error document, field for field, so `impl From<YourError> for
/// Diagnostic` ports unchanged: `errorType` and `errorMessage`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostic {
    /// `errorType`.
    pub error_type: String,
    /// `errorMessage`.
    pub error_message: String,
}

/// What an owned handler's error reports: a [`Diagnostic`] plus the stack frames of a
/// backtrace, when the error carried one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// `errorType` and `errorMessage`.
    pub diagnostic: Diagnostic,
    /// `stackTrace`, outermost frame first.
    pub stack_trace: Vec<String>,
}

/// Turns a handler's error into its [`Report`]. Every `E: Into<Diagnostic>` has it; the
/// `anyhow`, `eyre` and `miette` features add their report types (with backtraces).
pub trait IntoReport {
    /// The report.
    fn into_report(self) -> Report;
}

impl<E: Into<Diagnostic>> IntoReport for E {
    fn into_report(self) -> Report {
        Report {
            diagnostic: self.into(),
            stack_trace: Vec::new(),
        }
    }
}

// Merge bridge (port branch): owned handlers still name Diagnostic as their Handler::Error.
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

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.error_message)
    }
}

impl ErrorReport for Report {
    fn error_type(&self) -> &str {
        &self.diagnostic.error_type
    }
}

impl Diagnostic {
    fn function(error_message: String) -> Self {
        Self {
            error_type: error_type::FUNCTION.into(),
            error_message,
        }
    }
}

impl From<Error> for Diagnostic {
    fn from(e: Error) -> Self {
        Self::function(e.to_string())
    }
}

impl From<String> for Diagnostic {
    fn from(message: String) -> Self {
        Self::function(message)
    }
}

impl From<&str> for Diagnostic {
    fn from(message: &str) -> Self {
        Self::function(message.into())
    }
}

impl From<core::convert::Infallible> for Diagnostic {
    fn from(never: core::convert::Infallible) -> Self {
        match never {}
    }
}
