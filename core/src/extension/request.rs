//! Encoding Extensions API requests. Every value from outside (the extension's name, its
//! identifier, an error type) goes through [`HeaderValue`], so none can add a header line.

use core::fmt::{self, Write};

use super::ExtensionError;
use super::session::Registration;
use crate::config::RuntimeApi;
use crate::diagnostic::truncate_error_type;
use crate::request::{Cursor, HeaderValue};

/// The Extensions API's path after the Runtime API's prefix.
const BASE: &str = "/2020-01-01/extension";

/// Which error endpoint a report goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Report {
    /// `POST /extension/init/error`.
    Init,
    /// `POST /extension/exit/error`.
    Exit,
}

/// `POST /extension/register`.
pub(super) fn register(
    w: &mut impl Write,
    api: &RuntimeApi<'_>,
    registration: &Registration<'_>,
) -> fmt::Result {
    let body = registration.body();
    write!(
        w,
        "POST {}{BASE}/register HTTP/1.1\r\nHost: {}\r\nLambda-Extension-Name: {}\r\n",
        api.prefix(),
        api.authority(),
        HeaderValue(registration.name()),
    )?;
    if registration.wants_account_id() {
        w.write_str("Lambda-Extension-Accept-Feature: accountId\r\n")?;
    }
    write!(
        w,
        "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// `GET /extension/event/next`.
pub(super) fn next(w: &mut impl Write, api: &RuntimeApi<'_>, id: &str) -> fmt::Result {
    write!(
        w,
        "GET {}{BASE}/event/next HTTP/1.1\r\nHost: {}\r\nLambda-Extension-Identifier: {}\r\n\r\n",
        api.prefix(),
        api.authority(),
        HeaderValue(id),
    )
}

/// The head of `POST /extension/{init,exit}/error` for a `len`-byte diagnostic body.
pub(super) fn report_head(
    w: &mut impl Write,
    api: &RuntimeApi<'_>,
    report: Report,
    id: &str,
    error_type: &str,
    len: usize,
) -> fmt::Result {
    let which = match report {
        Report::Init => "init",
        Report::Exit => "exit",
    };
    write!(
        w,
        "POST {}{BASE}/{which}/error HTTP/1.1\r\nHost: {}\r\nLambda-Extension-Identifier: {}\r\nLambda-Extension-Function-Error-Type: {}\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n",
        api.prefix(),
        api.authority(),
        HeaderValue(id),
        // Cut like the body's `errorType`, so a long type cannot crowd the head out.
        HeaderValue(truncate_error_type(error_type)),
    )
}

/// Writes a request into `out`; its length, or `BufferTooSmall`.
pub(super) fn encode(
    out: &mut [u8],
    f: impl FnOnce(&mut Cursor<'_>) -> fmt::Result,
) -> Result<usize, ExtensionError> {
    let mut c = Cursor::new(out);
    f(&mut c).map_err(|_| ExtensionError::BufferTooSmall)?;
    Ok(c.len)
}

/// How long a request is, without writing it anywhere.
pub(super) fn measure(f: impl FnOnce(&mut Count) -> fmt::Result) -> usize {
    let mut count = Count(0);
    // Counting cannot fail.
    let _ = f(&mut count);
    count.0
}

/// A `fmt::Write` that only counts bytes.
pub(super) struct Count(usize);

impl Write for Count {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 = self.0.saturating_add(s.len());
        Ok(())
    }
}

/// The length of the registration request.
pub(super) fn register_len(api: &RuntimeApi<'_>, registration: &Registration<'_>) -> usize {
    measure(|w| register(w, api, registration))
}

/// The length of the `event/next` request.
pub(super) fn next_len(api: &RuntimeApi<'_>, id: &str) -> usize {
    measure(|w| next(w, api, id))
}
