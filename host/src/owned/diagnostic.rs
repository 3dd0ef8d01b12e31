//! Errors from owned handlers (`service_fn`, tower services, HTTP services): any error
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
    /// `stackTrace`, innermost frame first.
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

// A Diagnostic is also a zero-copy `Handler`'s error as it is.
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

impl lambkin_core::StackTrace for Report {
    fn frame(&self, i: usize) -> Option<&str> {
        self.stack_trace.get(i).map(String::as_str)
    }
}

impl ErrorReport for Report {
    fn error_type(&self) -> &str {
        &self.diagnostic.error_type
    }

    fn stack_trace(&self) -> Option<&dyn lambkin_core::StackTrace> {
        Some(self)
    }
}

impl Diagnostic {
    /// A diagnostic with this type and message.
    pub fn new(error_type: impl Into<String>, error_message: impl Into<String>) -> Self {
        Self {
            error_type: error_type.into(),
            error_message: error_message.into(),
        }
    }

    fn function(error_message: String) -> Self {
        Self {
            error_type: error_type::FUNCTION.into(),
            error_message,
        }
    }

    /// The report of any error: its short type name (see [`short_type_name`]) and its whole
    /// cause chain.
    fn of(e: &(dyn std::error::Error + 'static)) -> Self {
        let root = core::iter::successors(Some(e), |e| e.source())
            .last()
            .unwrap_or(e);
        Self {
            error_type: short_type_name(root),
            error_message: chain(e),
        }
    }
}

/// `outer: cause: root`, skipping a cause whose text its parent already ends with.
pub(crate) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut message = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        let text = cause.to_string();
        if !text.is_empty() && !message.ends_with(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        next = cause.source();
    }
    message
}

/// The short name of an error's concrete type, for `errorType`: a `dyn Error` has no type
/// name at run time, so it comes from the first word of its `Debug` output, which
/// `#[derive(Debug)]` makes the type's name (for an enum: the variant's). A few std types whose
/// `Debug` says otherwise are named directly; an error with no such word (a `String` turned
/// into an error) reports `Function.Unhandled`.
pub fn short_type_name(e: &(dyn std::error::Error + 'static)) -> String {
    if e.is::<std::io::Error>() {
        return "io::Error".into();
    }
    if e.is::<core::fmt::Error>() {
        return "fmt::Error".into();
    }
    let mut head = Head(String::new());
    // Stops after a few bytes: a Debug can be huge.
    let _ = core::fmt::write(&mut head, format_args!("{e:?}"));
    let mut debug = head.0.as_str();
    loop {
        let word = debug
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or_default();
        let rest = debug.get(word.len()..).unwrap_or_default();
        if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
            return error_type::FUNCTION.into();
        }
        // miette's `into_diagnostic()`/`Report::from_err` wrap any error in this tuple struct.
        match rest.strip_prefix('(') {
            Some(inner) if word == "DiagnosticError" => debug = inner,
            _ if rest.is_empty() || rest.starts_with([' ', '(', '{']) => return word.into(),
            _ => return error_type::FUNCTION.into(),
        }
    }
}

/// The first bytes of a `Debug`.
struct Head(String);

impl core::fmt::Write for Head {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let room = 96usize.saturating_sub(self.0.len());
        if room == 0 {
            return Err(core::fmt::Error);
        }
        let mut end = s.len().min(room);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.0.push_str(s.get(..end).unwrap_or_default());
        Ok(())
    }
}

impl From<Error> for Diagnostic {
    fn from(e: Error) -> Self {
        Self::of(&*e)
    }
}

impl From<Box<dyn std::error::Error>> for Diagnostic {
    fn from(e: Box<dyn std::error::Error>) -> Self {
        Self::of(&*e)
    }
}

impl From<std::io::Error> for Diagnostic {
    fn from(e: std::io::Error) -> Self {
        Self::of(&e)
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

#[cfg(feature = "anyhow")]
impl IntoReport for anyhow::Error {
    /// The root cause's type, the whole chain (`{:#}`), and the backtrace anyhow captured
    /// (with `RUST_BACKTRACE=1` or `RUST_LIB_BACKTRACE=1`).
    fn into_report(self) -> Report {
        Report {
            diagnostic: Diagnostic {
                error_type: short_type_name(self.root_cause()),
                error_message: std::format!("{self:#}"),
            },
            stack_trace: crate::backtrace::frames(self.backtrace()),
        }
    }
}

#[cfg(feature = "eyre")]
impl IntoReport for eyre::Report {
    /// The root cause's type and the whole chain. (eyre's default handler keeps its backtrace
    /// private, so there are no frames.)
    fn into_report(self) -> Report {
        let message = self.chain().map(ToString::to_string).collect::<Vec<_>>();
        Report {
            diagnostic: Diagnostic {
                error_type: short_type_name(self.root_cause()),
                error_message: message.join(": "),
            },
            stack_trace: Vec::new(),
        }
    }
}

#[cfg(feature = "miette")]
impl IntoReport for miette::Report {
    /// The diagnostic's `code` when it has one, else the root cause's type; the whole chain.
    fn into_report(self) -> Report {
        let error_type = match self.code() {
            Some(code) => code.to_string(),
            None => short_type_name(self.root_cause()),
        };
        let message = self.chain().map(ToString::to_string).collect::<Vec<_>>();
        Report {
            diagnostic: Diagnostic {
                error_type,
                error_message: message.join(": "),
            },
            stack_trace: Vec::new(),
        }
    }
}

#[cfg(test)]
#[path = "diagnostic_tests.rs"]
mod tests;
