//! Encoding Runtime API requests into caller buffers.

use core::fmt::{self, Write};

use crate::config::RuntimeApi;
use crate::diagnostic::truncate_error_type;

/// Which Runtime API endpoint a request went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Endpoint {
    /// `GET /runtime/invocation/next`.
    Next,
    /// `POST /runtime/invocation/{id}/response`.
    Response,
    /// `POST /runtime/invocation/{id}/error`.
    Error,
    /// `POST /runtime/init/error`.
    InitError,
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Next => "/runtime/invocation/next",
            Self::Response => "/runtime/invocation/{id}/response",
            Self::Error => "/runtime/invocation/{id}/error",
            Self::InitError => "/runtime/init/error",
        })
    }
}

/// Longest request or invocation id the runtime accepts from Lambda (real ones are 36 bytes);
/// it bounds the request head, which must fit [`crate::session::HEAD_ROOM`].
pub const MAX_ID_LEN: usize = 256;

pub(crate) const USER_AGENT: &str = concat!("lambkin/", env!("CARGO_PKG_VERSION"));

/// A `fmt::Write` over a byte slice that fails instead of growing.
pub(crate) struct Cursor<'b> {
    buf: &'b mut [u8],
    pub len: usize,
}

impl<'b> Cursor<'b> {
    pub fn new(buf: &'b mut [u8]) -> Self {
        Self { buf, len: 0 }
    }

    fn bytes(&mut self, b: &[u8]) -> fmt::Result {
        let end = self.len.checked_add(b.len()).ok_or(fmt::Error)?;
        self.buf
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(b);
        self.len = end;
        Ok(())
    }
}

impl Write for Cursor<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.bytes(s.as_bytes())
    }
}

/// Writes `id` for a URL path: RFC 3986 unreserved bytes as is, everything else %XX.
struct PathSegment<'a>(&'a str);

impl fmt::Display for PathSegment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Runs of unreserved bytes in one write: ids are all unreserved, and a write per char
        // cost more than the rest of the head.
        let mut rest = self.0;
        while let Some(i) = rest.bytes().position(|b| !is_unreserved(b)) {
            let (plain, tail) = rest.split_at_checked(i).unwrap_or_default();
            f.write_str(plain)?;
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                for b in c.encode_utf8(&mut [0; 4]).bytes() {
                    write!(f, "%{b:02X}")?;
                }
            }
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Writes a header value, replacing chars that could break the head (CR, LF, other controls).
/// The one sanitizer for every value taken from outside: invocation ids and error types.
pub(crate) struct HeaderValue<'a>(pub &'a str);

impl fmt::Display for HeaderValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            f.write_char(if c.is_control() && c != '\t' { '_' } else { c })?;
        }
        Ok(())
    }
}

/// What goes in front of an error type sent in a header or trailer: Lambda keeps only
/// `Runtime.X`/`Function.X` (anything else becomes `Runtime.Unknown`), so a bare type name
/// (`ParseIntError`, as other runtimes put in the body) is sent as the function's.
pub(crate) fn error_type_category(t: &str) -> &'static str {
    if t.starts_with("Runtime.") || t.starts_with("Function.") {
        ""
    } else {
        "Function."
    }
}

/// `GET /next`.
pub(crate) fn next(api: &RuntimeApi<'_>, out: &mut [u8]) -> Result<usize, fmt::Error> {
    let mut c = Cursor::new(out);
    write!(
        c,
        "GET {}/2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {}\r\nUser-Agent: {USER_AGENT}\r\n\r\n",
        api.prefix(),
        api.authority()
    )?;
    Ok(c.len)
}

/// What a POST carries besides its body.
pub(crate) struct Post<'a> {
    pub endpoint: Endpoint,
    pub request_id: &'a str,
    pub invocation_id: Option<&'a str>,
    pub error_type: Option<&'a str>,
    pub content_length: usize,
    /// The head ends with the X-Ray cause header's name: its value (and the blank line) follow
    /// in the transmit buffer.
    pub xray_cause: bool,
    /// A streamed `/response` of this content type: chunked, with the error trailers declared
    /// (SPEC C.2); `content_length` is then ignored.
    pub streamed: Option<&'a str>,
}

/// A POST head for `/response`, `/error` or `/init/error`.
pub(crate) fn post_head(
    api: &RuntimeApi<'_>,
    post: &Post<'_>,
    out: &mut [u8],
) -> Result<usize, fmt::Error> {
    let mut c = Cursor::new(out);
    let p = api.prefix();
    match post.endpoint {
        Endpoint::InitError => write!(c, "POST {p}/2018-06-01/runtime/init/error")?,
        Endpoint::Error => write!(
            c,
            "POST {p}/2018-06-01/runtime/invocation/{}/error",
            PathSegment(post.request_id)
        )?,
        Endpoint::Response | Endpoint::Next => write!(
            c,
            "POST {p}/2018-06-01/runtime/invocation/{}/response",
            PathSegment(post.request_id)
        )?,
    }
    write!(
        c,
        " HTTP/1.1\r\nHost: {}\r\nUser-Agent: {USER_AGENT}\r\n",
        api.authority()
    )?;
    match post.streamed {
        Some(content_type) => write!(
            c,
            "Content-Type: {}\r\nLambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\nTrailer: {}, {}\r\n",
            HeaderValue(content_type),
            crate::stream::ERROR_TYPE_TRAILER,
            crate::stream::ERROR_BODY_TRAILER,
        )?,
        None => write!(
            c,
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            post.content_length
        )?,
    }
    if let Some(id) = post.invocation_id {
        write!(c, "Lambda-Runtime-Invocation-Id: {}\r\n", HeaderValue(id))?;
    }
    if let Some(t) = post.error_type {
        // Cut like the body's `errorType`, so a long type cannot crowd the head out.
        let t = truncate_error_type(t);
        let category = error_type_category(t);
        let t = HeaderValue(t);
        write!(c, "Lambda-Runtime-Function-Error-Type: {category}{t}\r\n")?;
    }
    if post.xray_cause {
        write!(c, "{}: ", crate::xray::HEADER)?;
    } else {
        c.write_str("\r\n")?;
    }
    Ok(c.len)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    extern crate std;

    use super::*;
    use crate::diagnostic::MAX_ERROR_TYPE;

    fn show(d: impl fmt::Display) -> heapless::String<128> {
        let mut s = heapless::String::new();
        write!(s, "{d}").unwrap();
        s
    }

    #[test]
    fn path_segments_are_percent_encoded() {
        const CASES: &[(&str, &str)] = &[
            (
                "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
                "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
            ),
            ("a/b", "a%2Fb"),
            ("a b?c#", "a%20b%3Fc%23"),
            ("é", "%C3%A9"),
            ("../x", "..%2Fx"),
            ("", ""),
        ];
        for (id, want) in CASES {
            assert_eq!(show(PathSegment(id)), *want, "{id:?}");
        }
    }

    #[test]
    fn header_values_cannot_inject() {
        const CASES: &[(&str, &str)] = &[
            ("Function.Error", "Function.Error"),
            ("a\r\nX-Evil: 1", "a__X-Evil: 1"),
            ("\nlead", "_lead"),
            ("tab\tok", "tab\tok"),
        ];
        for (v, want) in CASES {
            assert_eq!(show(HeaderValue(v)), *want, "{v:?}");
        }
    }

    #[test]
    fn heads() {
        let api = RuntimeApi::parse("http://[::]:9000/.rt").unwrap();
        let mut buf = [0u8; 512];
        let n = next(&api, &mut buf).unwrap();
        assert!(buf[..n].starts_with(
            b"GET /.rt/2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: [::]:9000\r\n"
        ));
        let post = Post {
            endpoint: Endpoint::Error,
            request_id: "id 1",
            invocation_id: Some("inv"),
            error_type: Some("Function.Bad"),
            content_length: 7,
            xray_cause: false,
            streamed: None,
        };
        let n = post_head(&api, &post, &mut buf).unwrap();
        let head = core::str::from_utf8(&buf[..n]).unwrap();
        assert!(
            head.starts_with("POST /.rt/2018-06-01/runtime/invocation/id%201/error HTTP/1.1\r\n")
        );
        assert!(head.contains("\r\nContent-Length: 7\r\n"));
        assert!(head.contains("\r\nLambda-Runtime-Invocation-Id: inv\r\n"));
        assert!(head.ends_with("\r\nLambda-Runtime-Function-Error-Type: Function.Bad\r\n\r\n"));
        assert!(post_head(&api, &post, &mut buf[..40]).is_err());
        // A bare type name is sent as the function's, the form Lambda keeps.
        let bare = Post {
            error_type: Some("ParseIntError"),
            ..post
        };
        let n = post_head(&api, &bare, &mut buf).unwrap();
        let head = core::str::from_utf8(&buf[..n]).unwrap();
        assert!(
            head.ends_with(
                "\r\nLambda-Runtime-Function-Error-Type: Function.ParseIntError\r\n\r\n"
            )
        );
        // A hostile or huge error type stays one header line, cut like the body's errorType.
        let long = std::format!("x\r\nSet-Cookie: 1{}", "A".repeat(300));
        let post = Post {
            error_type: Some(&long),
            ..post
        };
        let n = post_head(&api, &post, &mut buf).unwrap();
        let head = core::str::from_utf8(&buf[..n]).unwrap();
        let sent = std::format!("x__Set-Cookie: 1{}", "A".repeat(MAX_ERROR_TYPE - 16));
        assert!(
            head.ends_with(&std::format!(
                "\r\nLambda-Runtime-Function-Error-Type: Function.{sent}\r\n\r\n"
            )),
            "{head}"
        );
    }
}

/// Which invocation an out-of-band error report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportTarget<'a> {
    /// `/runtime/invocation/{request_id}/error`, echoing the invocation id if there is one.
    Invocation {
        /// The request id.
        request_id: &'a str,
        /// The invocation id, echoed.
        invocation_id: Option<&'a str>,
    },
    /// `/runtime/init/error`.
    Init,
}

/// Encodes a complete error report (head and diagnostic body) into `out`, for when the session
/// cannot send it: a panic hook about to abort the process. Returns the request's byte range.
pub fn error_report(
    api: &RuntimeApi<'_>,
    target: ReportTarget<'_>,
    diagnostic: &crate::diagnostic::Diagnostic<'_>,
    task_root: &str,
    out: &mut [u8],
) -> Option<core::ops::Range<usize>> {
    let room = crate::session::HEAD_ROOM;
    let (len, cause) = crate::handler::write_report(diagnostic, task_root, out.get_mut(room..)?);
    if len == 0 {
        return None;
    }
    let (endpoint, request_id, invocation_id) = match target {
        ReportTarget::Invocation {
            request_id,
            invocation_id,
        } => (Endpoint::Error, request_id, invocation_id),
        ReportTarget::Init => (Endpoint::InitError, "", None),
    };
    let post = Post {
        endpoint,
        request_id,
        invocation_id,
        error_type: Some(diagnostic.error_type),
        content_length: len,
        xray_cause: cause > 0,
        streamed: None,
    };
    let head = out.get_mut(..room)?;
    let n = post_head(api, &post, head).ok()?;
    head.copy_within(..n, room - n);
    let extra = if cause > 0 { cause + 4 } else { 0 };
    Some(room - n..room + extra + len)
}
