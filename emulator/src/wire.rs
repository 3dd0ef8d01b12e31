//! HTTP/1.1 on the server side: requests in (httparse), responses out (with faults).
//!
//! [`parse_request`] is a pure function over bytes so the fuzz targets and tests can drive it
//! directly; the response side is the emulator's own.

use std::fmt;
use std::io::{self, Write};

use crate::stream::chunked::{Decoder, Frame};

/// Headers a request may carry; the Runtime API clients we know send fewer than ten.
const MAX_HEADERS: usize = 128;

/// One HTTP request, body de-chunked, trailers kept apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// The request target as sent, e.g. `/2018-06-01/runtime/invocation/next`.
    pub path: String,
    /// Header names and values in order of arrival.
    pub headers: Vec<(String, String)>,
    /// The body (de-chunked).
    pub body: Vec<u8>,
    /// Trailer fields of a chunked body.
    pub trailers: Vec<(String, String)>,
    /// Whether the client asked to close the connection after this request.
    pub close: bool,
}

impl Request {
    /// First header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find(&self.headers, name)
    }

    /// First trailer named `name` (ASCII case-insensitive).
    pub fn trailer(&self, name: &str) -> Option<&str> {
        find(&self.trailers, name)
    }
}

fn find<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Why a request could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// The request line or a header is malformed.
    Head(httparse::Error),
    /// A header name or value is not UTF-8.
    NotUtf8,
    /// `Content-Length` is not a number, or appears twice with different values.
    BadContentLength,
    /// A `Transfer-Encoding` other than `chunked`.
    UnsupportedTransferEncoding,
    /// A chunk-size line or chunk terminator is malformed.
    BadChunk,
    /// The body is longer than the server accepts at all.
    TooLarge {
        /// The cap in bytes.
        limit: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Head(e) => write!(f, "malformed request head: {e}"),
            Self::NotUtf8 => f.write_str("header is not UTF-8"),
            Self::BadContentLength => f.write_str("invalid Content-Length"),
            Self::UnsupportedTransferEncoding => f.write_str("unsupported Transfer-Encoding"),
            Self::BadChunk => f.write_str("malformed chunked body"),
            Self::TooLarge { limit } => write!(f, "body larger than {limit} bytes"),
        }
    }
}

impl std::error::Error for ParseError {}

/// A request head and how its body is framed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Head {
    /// The request, body still empty.
    pub(crate) request: Request,
    /// The head's length in bytes.
    pub(crate) len: usize,
    /// `Transfer-Encoding: chunked`.
    pub(crate) chunked: bool,
    /// `Content-Length`.
    pub(crate) length: Option<usize>,
}

/// Parses a request head from the start of `buf`; `Ok(None)` when incomplete.
pub(crate) fn parse_head(buf: &[u8]) -> Result<Option<Head>, ParseError> {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut head = httparse::Request::new(&mut slots);
    let len = match head.parse(buf).map_err(ParseError::Head)? {
        httparse::Status::Partial => return Ok(None),
        httparse::Status::Complete(n) => n,
    };
    let mut request = Request {
        method: head.method.unwrap_or_default().to_owned(),
        path: head.path.unwrap_or_default().to_owned(),
        close: head.version == Some(0),
        ..Request::default()
    };
    let mut length = None;
    let mut chunked = false;
    for h in head.headers.iter() {
        let value = std::str::from_utf8(h.value).map_err(|_| ParseError::NotUtf8)?;
        let value = value.trim();
        if h.name.eq_ignore_ascii_case("content-length") {
            let n: usize = value.parse().map_err(|_| ParseError::BadContentLength)?;
            if length.is_some_and(|old| old != n) {
                return Err(ParseError::BadContentLength);
            }
            length = Some(n);
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            if !value.eq_ignore_ascii_case("chunked") {
                return Err(ParseError::UnsupportedTransferEncoding);
            }
            chunked = true;
        } else if h.name.eq_ignore_ascii_case("connection") {
            request.close = value.eq_ignore_ascii_case("close");
        }
        request.headers.push((h.name.to_owned(), value.to_owned()));
    }
    Ok(Some(Head {
        request,
        len,
        chunked,
        length,
    }))
}

/// Parses one request from the start of `buf`.
///
/// `Ok(None)`: incomplete, read more. `Ok(Some((request, n)))`: the request used `n` bytes.
/// A body (de-chunked) longer than `max_body` is [`ParseError::TooLarge`].
pub fn parse_request(buf: &[u8], max_body: usize) -> Result<Option<(Request, usize)>, ParseError> {
    let Some(Head {
        mut request,
        len: head_len,
        chunked,
        length,
    }) = parse_head(buf)?
    else {
        return Ok(None);
    };
    let rest = buf.get(head_len..).unwrap_or_default();
    let used = if chunked {
        match dechunk(rest, max_body, &mut request)? {
            Some(n) => n,
            None => return Ok(None),
        }
    } else {
        let n = length.unwrap_or(0);
        if n > max_body {
            return Err(ParseError::TooLarge { limit: max_body });
        }
        let Some(body) = rest.get(..n) else {
            return Ok(None);
        };
        request.body = body.to_vec();
        n
    };
    Ok(Some((request, head_len + used)))
}

/// Whether `buf` starts with a complete request head that asks for `100 Continue` before it
/// sends its body (curl does for bodies above 1 KiB, and waits a second for the answer).
pub(crate) fn expects_continue(buf: &[u8]) -> bool {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut head = httparse::Request::new(&mut slots);
    matches!(head.parse(buf), Ok(httparse::Status::Complete(_)))
        && head.headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case("expect") && h.value.eq_ignore_ascii_case(b"100-continue")
        })
}

/// De-chunks `buf` into `request.body` and `request.trailers`; `None` when incomplete.
fn dechunk(
    buf: &[u8],
    max_body: usize,
    request: &mut Request,
) -> Result<Option<usize>, ParseError> {
    let mut decoder = Decoder::new();
    let mut at = 0;
    loop {
        let rest = buf.get(at..).unwrap_or_default();
        let (used, frame) = decoder.decode(rest).map_err(|_| ParseError::BadChunk)?;
        at += used;
        match frame {
            Frame::Partial => return Ok(None),
            Frame::ChunkEnd => {}
            Frame::Data(data) => {
                if request.body.len().saturating_add(data.len()) > max_body {
                    return Err(ParseError::TooLarge { limit: max_body });
                }
                request.body.extend_from_slice(data);
            }
            Frame::Done => {
                request.trailers = decoder.trailers().to_vec();
                return Ok(Some(at));
            }
        }
    }
}

/// How a response goes on the wire: the fault-injection knobs that concern framing.
#[derive(Clone, Debug, Default)]
pub(crate) struct Framing {
    /// `Transfer-Encoding: chunked` (the body in a few chunks) instead of `Content-Length`.
    pub chunked: bool,
    /// Send `Connection: close`; the caller closes after writing.
    pub close: bool,
    /// Header names in upper case.
    pub upper_case_headers: bool,
    /// This many extra `X-Lambkin-Extra-N` headers.
    pub extra_headers: usize,
    /// Write one byte at a time.
    pub dribble: bool,
    /// Stop after this many body bytes (the head still announces the whole body).
    pub truncate_body_at: Option<usize>,
}

/// The reason phrase for the statuses the emulator sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        413 => "Request Entity Too Large",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// Encodes a whole response; the bytes to write (before truncation).
pub(crate) fn encode_response(
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    framing: &Framing,
) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(body.len() + 512);
    let case = |name: &str| {
        if framing.upper_case_headers {
            name.to_ascii_uppercase()
        } else {
            name.to_owned()
        }
    };
    let _ = write!(out, "HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        let _ = write!(out, "{}: {value}\r\n", case(name));
    }
    for i in 0..framing.extra_headers {
        let _ = write!(
            out,
            "{}: filler value {i}\r\n",
            case(&format!("X-Lambkin-Extra-{i}"))
        );
    }
    if framing.close {
        let _ = write!(out, "{}: close\r\n", case("Connection"));
    }
    if framing.chunked {
        let _ = write!(out, "{}: chunked\r\n\r\n", case("Transfer-Encoding"));
    } else {
        let _ = write!(out, "{}: {}\r\n\r\n", case("Content-Length"), body.len());
    }
    let head_len = out.len();
    if framing.chunked {
        // Three uneven chunks, so a client meets chunk boundaries inside the body.
        let third = body.len().div_ceil(3).max(1);
        for part in body.chunks(third) {
            let _ = write!(out, "{:x};ext=1\r\n", part.len());
            out.extend_from_slice(part);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\n\r\n");
    } else {
        out.extend_from_slice(body);
    }
    (out, head_len)
}

/// Writes a response with the given framing faults applied.
pub(crate) fn write_response(
    out: &mut impl Write,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    framing: &Framing,
) -> io::Result<()> {
    let (bytes, head_len) = encode_response(status, headers, body, framing);
    let end = match framing.truncate_body_at {
        Some(n) => (head_len + n).min(bytes.len()),
        None => bytes.len(),
    };
    let bytes = bytes.get(..end).unwrap_or_default();
    if framing.dribble {
        for b in bytes {
            out.write_all(std::slice::from_ref(b))?;
            out.flush()?;
        }
    } else {
        out.write_all(bytes)?;
    }
    out.flush()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    const LIMIT: usize = 1 << 20;

    fn whole(bytes: &[u8]) -> Request {
        let (req, n) = parse_request(bytes, LIMIT).unwrap().unwrap();
        assert_eq!(n, bytes.len());
        for cut in 0..bytes.len() {
            assert_eq!(
                parse_request(&bytes[..cut], LIMIT),
                Ok(None),
                "cut at {cut}"
            );
        }
        req
    }

    #[test]
    fn content_length_and_headers() {
        let req = whole(b"POST /x HTTP/1.1\r\nHost: a\r\nCONTENT-LENGTH: 5\r\nLambda-Runtime-Function-Error-Type: T.U\r\n\r\nhello");
        assert_eq!((req.method.as_str(), req.path.as_str()), ("POST", "/x"));
        assert_eq!(req.body, b"hello");
        assert_eq!(
            req.header("lambda-runtime-function-error-type"),
            Some("T.U")
        );
        assert!(!req.close);
    }

    #[test]
    fn chunked_with_trailers() {
        let req = whole(b"POST /r HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nLambda-Runtime-Function-Error-Type: A.B\r\n\r\n");
        assert_eq!(req.body, b"abcde");
        assert_eq!(
            req.trailer("lambda-runtime-function-error-type"),
            Some("A.B")
        );
        let plain = whole(
            b"POST /r HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
        );
        assert!(plain.body.is_empty() && plain.close);
    }

    #[test]
    fn pipelined_requests_report_their_length() {
        let two = b"GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n";
        let (a, n) = parse_request(two, LIMIT).unwrap().unwrap();
        let (b, m) = parse_request(&two[n..], LIMIT).unwrap().unwrap();
        assert_eq!(
            (a.path.as_str(), b.path.as_str(), n + m),
            ("/a", "/b", two.len())
        );
    }

    #[test]
    fn bad_input_is_an_error() {
        let cases: [(&[u8], ParseError); 5] = [
            (
                b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n",
                ParseError::BadContentLength,
            ),
            (
                b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                ParseError::BadContentLength,
            ),
            (
                b"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
                ParseError::UnsupportedTransferEncoding,
            ),
            (
                b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                ParseError::BadChunk,
            ),
            (
                b"POST / HTTP/1.1\r\nContent-Length: 9999999\r\n\r\n",
                ParseError::TooLarge { limit: LIMIT },
            ),
        ];
        for (bytes, want) in cases {
            assert_eq!(
                parse_request(bytes, LIMIT),
                Err(want),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(matches!(
            parse_request(b"GET / HTTP/1.1\r\nBad Header\r\n\r\n", LIMIT),
            Err(ParseError::Head(_))
        ));
    }

    #[test]
    fn faults_shape_the_response() {
        let framing = Framing {
            chunked: true,
            close: true,
            upper_case_headers: true,
            extra_headers: 2,
            ..Framing::default()
        };
        let (bytes, _) = encode_response(
            200,
            &[("Lambda-Runtime-Aws-Request-Id", "id")],
            b"abcdefg",
            &framing,
        );
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 200 OK\r\nLAMBDA-RUNTIME-AWS-REQUEST-ID: id\r\n"),
            "{text}"
        );
        assert!(
            text.contains("X-LAMBKIN-EXTRA-1: filler value 1\r\n")
                && text.contains("CONNECTION: close\r\n")
        );
        assert!(
            text.ends_with("\r\n\r\n3;ext=1\r\nabc\r\n3;ext=1\r\ndef\r\n1;ext=1\r\ng\r\n0\r\n\r\n"),
            "{text}"
        );

        let mut out = Vec::new();
        let cut = Framing {
            truncate_body_at: Some(2),
            dribble: true,
            ..Framing::default()
        };
        write_response(&mut out, 200, &[], b"abcdef", &cut).unwrap();
        assert_eq!(out, b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nab");
    }
}
