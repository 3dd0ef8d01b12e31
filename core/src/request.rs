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

impl Cursor<'_> {
    fn str(&mut self, s: &str) -> fmt::Result {
        self.bytes(s.as_bytes())
    }

    /// `n` in decimal.
    fn decimal(&mut self, mut n: usize) -> fmt::Result {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            // `n % 10` is a digit: the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation)]
            let digit = (n % 10) as u8;
            *digits.get_mut(at).ok_or(fmt::Error)? = b'0' + digit;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes(digits.get(at..).ok_or(fmt::Error)?)
    }

    /// [`PathSegment`], copied as it is when nothing needs encoding (real ids never do).
    fn path_segment(&mut self, id: &str) -> fmt::Result {
        if id.bytes().all(is_unreserved) {
            self.str(id)
        } else {
            write!(self, "{}", PathSegment(id))
        }
    }

    /// [`HeaderValue`], copied as it is when it is printable ASCII (tabs allowed).
    fn header_value(&mut self, v: &str) -> fmt::Result {
        if v.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
            self.str(v)
        } else {
            write!(self, "{}", HeaderValue(v))
        }
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
///
/// Written piece by piece, not with `write!`: the head is built for every invocation, and the
/// formatting machinery cost about 1,500 instructions of it (callgrind).
pub(crate) fn post_head(
    api: &RuntimeApi<'_>,
    post: &Post<'_>,
    out: &mut [u8],
) -> Result<usize, fmt::Error> {
    let mut c = Cursor::new(out);
    c.str("POST ")?;
    c.str(api.prefix())?;
    match post.endpoint {
        Endpoint::InitError => c.str("/2018-06-01/runtime/init/error")?,
        Endpoint::Error | Endpoint::Response | Endpoint::Next => {
            c.str("/2018-06-01/runtime/invocation/")?;
            c.path_segment(post.request_id)?;
            c.str(if post.endpoint == Endpoint::Error {
                "/error"
            } else {
                "/response"
            })?;
        }
    }
    c.str(" HTTP/1.1\r\nHost: ")?;
    c.str(api.authority())?;
    c.str("\r\nUser-Agent: ")?;
    c.str(USER_AGENT)?;
    c.str("\r\n")?;
    match post.streamed {
        Some(content_type) => {
            c.str("Content-Type: ")?;
            c.header_value(content_type)?;
            c.str("\r\nLambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\nTrailer: ")?;
            c.str(crate::stream::ERROR_TYPE_TRAILER)?;
            c.str(", ")?;
            c.str(crate::stream::ERROR_BODY_TRAILER)?;
            c.str("\r\n")?;
        }
        None => {
            c.str("Content-Type: application/json\r\nContent-Length: ")?;
            c.decimal(post.content_length)?;
            c.str("\r\n")?;
        }
    }
    if let Some(id) = post.invocation_id {
        c.str("Lambda-Runtime-Invocation-Id: ")?;
        c.header_value(id)?;
        c.str("\r\n")?;
    }
    if let Some(t) = post.error_type {
        // Cut like the body's `errorType`, so a long type cannot crowd the head out.
        let t = truncate_error_type(t);
        c.str("Lambda-Runtime-Function-Error-Type: ")?;
        c.str(error_type_category(t))?;
        c.header_value(t)?;
        c.str("\r\n")?;
    }
    if post.xray_cause {
        c.str(crate::xray::HEADER)?;
        c.str(": ")?;
    } else {
        c.str("\r\n")?;
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

    /// The head as `write!` built it before `post_head` wrote it piece by piece.
    #[allow(clippy::std_instead_of_alloc)]
    fn formatted(api: &RuntimeApi<'_>, post: &Post<'_>) -> std::string::String {
        let mut h = std::string::String::new();
        let p = api.prefix();
        let id = PathSegment(post.request_id);
        match post.endpoint {
            Endpoint::InitError => write!(h, "POST {p}/2018-06-01/runtime/init/error"),
            Endpoint::Error => write!(h, "POST {p}/2018-06-01/runtime/invocation/{id}/error"),
            _ => write!(h, "POST {p}/2018-06-01/runtime/invocation/{id}/response"),
        }
        .unwrap();
        let host = api.authority();
        write!(
            h,
            " HTTP/1.1\r\nHost: {host}\r\nUser-Agent: {USER_AGENT}\r\n"
        )
        .unwrap();
        match post.streamed {
            Some(t) => write!(
                h,
                "Content-Type: {}\r\nLambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\nTrailer: {}, {}\r\n",
                HeaderValue(t),
                crate::stream::ERROR_TYPE_TRAILER,
                crate::stream::ERROR_BODY_TRAILER,
            ),
            None => write!(
                h,
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                post.content_length
            ),
        }
        .unwrap();
        if let Some(id) = post.invocation_id {
            write!(h, "Lambda-Runtime-Invocation-Id: {}\r\n", HeaderValue(id)).unwrap();
        }
        if let Some(t) = post.error_type {
            let t = truncate_error_type(t);
            let category = error_type_category(t);
            let t = HeaderValue(t);
            write!(h, "Lambda-Runtime-Function-Error-Type: {category}{t}\r\n").unwrap();
        }
        if post.xray_cause {
            write!(h, "{}: ", crate::xray::HEADER).unwrap();
        } else {
            h.push_str("\r\n");
        }
        h
    }

    #[test]
    fn post_heads_match_the_formatted_ones() {
        let api = RuntimeApi::parse("http://127.0.0.1:9001/p").unwrap();
        let ids = ["8476a536-e9f4-11e8-9739-2dfe598c3fcd", "", "id 1", "é/x"];
        let values = [
            None,
            Some("inv"),
            Some("a\r\nb"),
            Some("é\u{85}\t~"),
            Some("\x7f"),
        ];
        let types = [None, Some("Function.X"), Some("Bare"), Some("x\ny")];
        let lengths = [0, 7, 10, 1_234_567_890, usize::MAX];
        let streamed = [None, Some("text/plain"), Some("a\rb")];
        let mut buf = [0u8; 1024];
        let mut checked = 0;
        for endpoint in [Endpoint::Response, Endpoint::Error, Endpoint::InitError] {
            for (request_id, invocation_id) in ids.iter().zip(values.iter().cycle()) {
                for (error_type, xray_cause) in types.iter().zip([false, true].iter().cycle()) {
                    for content_length in lengths {
                        for streamed in streamed {
                            let post = Post {
                                endpoint,
                                request_id,
                                invocation_id: *invocation_id,
                                error_type: *error_type,
                                content_length,
                                xray_cause: *xray_cause,
                                streamed,
                            };
                            let want = formatted(&api, &post);
                            let n = post_head(&api, &post, &mut buf).unwrap();
                            assert_eq!(core::str::from_utf8(&buf[..n]).unwrap(), want);
                            // One byte short of room fails instead of writing a cut head.
                            assert!(post_head(&api, &post, &mut buf[..n - 1]).is_err());
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 3 * 4 * 4 * 5 * 3);
        for value in values.into_iter().flatten() {
            let post = Post {
                endpoint: Endpoint::Response,
                request_id: "r",
                invocation_id: Some(value),
                error_type: None,
                content_length: 0,
                xray_cause: false,
                streamed: None,
            };
            let n = post_head(&api, &post, &mut buf).unwrap();
            assert_eq!(
                core::str::from_utf8(&buf[..n]).unwrap(),
                formatted(&api, &post)
            );
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
