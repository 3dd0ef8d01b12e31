//! Parsing a response head, and deciding when a head still arriving is worth parsing.

use core::mem::MaybeUninit;
use core::ops::Range;

use super::{FAST_PATH_HEADERS, HttpError};

/// Byte range of a header value inside the receive buffer.
pub type Span = Range<usize>;

/// The Runtime API headers the client cares about, as spans into the receive buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LambdaHeaders {
    /// `Lambda-Runtime-Aws-Request-Id`.
    pub request_id: Option<Span>,
    /// `Lambda-Runtime-Deadline-Ms`.
    pub deadline_ms: Option<Span>,
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    pub function_arn: Option<Span>,
    /// `Lambda-Runtime-Trace-Id`.
    pub trace_id: Option<Span>,
    /// `Lambda-Runtime-Client-Context`.
    pub client_context: Option<Span>,
    /// `Lambda-Runtime-Cognito-Identity`.
    pub cognito_identity: Option<Span>,
    /// `Lambda-Runtime-Aws-Tenant-Id`.
    pub tenant_id: Option<Span>,
    /// `Lambda-Runtime-Invocation-Id`.
    pub invocation_id: Option<Span>,
    /// `Lambda-Extension-Identifier`, on Extensions API answers.
    pub extension_id: Option<Span>,
}

impl LambdaHeaders {
    /// Case-insensitive lookup table; the first occurrence of a header wins.
    fn slot(&mut self, name: &[u8]) -> Option<&mut Option<Span>> {
        const NAMES: [&str; 9] = [
            "lambda-runtime-aws-request-id",
            "lambda-runtime-deadline-ms",
            "lambda-runtime-invoked-function-arn",
            "lambda-runtime-trace-id",
            "lambda-runtime-client-context",
            "lambda-runtime-cognito-identity",
            "lambda-runtime-aws-tenant-id",
            "lambda-runtime-invocation-id",
            "lambda-extension-identifier",
        ];
        let i = NAMES
            .iter()
            .position(|n| n.as_bytes().eq_ignore_ascii_case(name))?;
        let slot = match i {
            0 => &mut self.request_id,
            1 => &mut self.deadline_ms,
            2 => &mut self.function_arn,
            3 => &mut self.trace_id,
            4 => &mut self.client_context,
            5 => &mut self.cognito_identity,
            6 => &mut self.tenant_id,
            7 => &mut self.invocation_id,
            _ => &mut self.extension_id,
        };
        slot.is_none().then_some(slot)
    }
}

/// How the body of a response is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Content-Length (or no body at all, for statuses that have none).
    Length(usize),
    /// Transfer-Encoding: chunked.
    Chunked,
    /// Neither: the body ends when the connection closes.
    UntilClose,
}

/// A parsed response head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The status code.
    pub status: u16,
    /// Length of the head in bytes (the body starts here).
    pub len: usize,
    /// How the body is delimited.
    pub framing: Framing,
    /// The server will close the connection after this response.
    pub close: bool,
    /// The Runtime API headers, as spans into the parsed buffer.
    pub lambda: LambdaHeaders,
}

/// Parses a response head at the start of `buf`; `Ok(None)` if it is not complete yet.
pub fn parse_head(buf: &[u8]) -> Result<Option<Head>, HttpError> {
    let mut slots = [const { MaybeUninit::uninit() }; FAST_PATH_HEADERS];
    let mut resp = httparse::Response::new(&mut []);
    let parsed = httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .parse_response_with_uninit_headers(&mut resp, buf, &mut slots);
    let len = match parsed {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return parse_head_by_line(buf),
        Err(_) => return Err(HttpError::MalformedHead),
    };
    let status = resp.code.ok_or(HttpError::MalformedHead)?;
    let headers = resp.headers.iter().map(|h| (h.name.as_bytes(), h.value));
    build_head(buf, status, resp.version == Some(1), len, headers)
}

/// The slow path for heads with more than [`FAST_PATH_HEADERS`] headers: the same grammar,
/// one CRLF-terminated line at a time, with no limit but the buffer.
pub(super) fn parse_head_by_line(buf: &[u8]) -> Result<Option<Head>, HttpError> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    // Every line of the head with its CRLF; a bare LF ends a line without CR: malformed.
    let head = buf.get(..end + 2).unwrap_or_default();
    let mut lines = head
        .split_inclusive(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r\n"));
    let status_line = lines.next().flatten().ok_or(HttpError::MalformedHead)?;
    let (version, status) = match status_line {
        [
            b'H',
            b'T',
            b'T',
            b'P',
            b'/',
            b'1',
            b'.',
            v @ (b'0' | b'1'),
            b' ',
            rest @ ..,
        ] => (*v, rest),
        _ => return Err(HttpError::MalformedHead),
    };
    let code = status
        .get(..3)
        .and_then(parse_decimal)
        .ok_or(HttpError::MalformedHead)?;
    if !matches!(status.get(3), None | Some(b' ')) || !(100..1000).contains(&code) {
        return Err(HttpError::MalformedHead);
    }
    let is_token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    let headers = lines.map(|line| {
        let line = line.ok_or(HttpError::MalformedHead)?;
        let colon = line
            .iter()
            .position(|&b| b == b':')
            .ok_or(HttpError::MalformedHead)?;
        let (name, value) = line.split_at(colon);
        let name = trim_end(name);
        if name.is_empty()
            || !name.iter().all(is_token)
            || value.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
        {
            return Err(HttpError::MalformedHead);
        }
        Ok((name, value.get(1..).unwrap_or_default()))
    });
    // Collecting is not an option without alloc: validate in one pass, then build in another.
    for header in headers.clone() {
        header?;
    }
    let code = u16::try_from(code).map_err(|_| HttpError::MalformedHead)?;
    build_head(buf, code, version == b'1', end + 4, headers.flatten())
}

fn trim_end(v: &[u8]) -> &[u8] {
    let end = v
        .iter()
        .rposition(|b| *b != b' ' && *b != b'\t')
        .map_or(0, |i| i + 1);
    v.get(..end).unwrap_or_default()
}

/// Framing, connection and Lambda headers from the header lines of a parsed head.
fn build_head<'b>(
    buf: &'b [u8],
    status: u16,
    http11: bool,
    len: usize,
    headers: impl Iterator<Item = (&'b [u8], &'b [u8])>,
) -> Result<Option<Head>, HttpError> {
    // HTTP/1.0 closes by default; 1.1 keeps alive unless told otherwise.
    let mut close = !http11;
    let mut content_length = None;
    let mut chunked = false;
    let mut lambda = LambdaHeaders::default();
    let base = buf.as_ptr() as usize;
    for (name, value) in headers {
        if name.eq_ignore_ascii_case(b"content-length") {
            let n = parse_decimal(trim(value)).ok_or(HttpError::BadContentLength)?;
            if content_length.is_some_and(|prev| prev != n) {
                return Err(HttpError::BadContentLength);
            }
            content_length = Some(n);
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            // Only `chunked` (last) is something we can frame; anything else is refused.
            let mut codings = value
                .split(|&b| b == b',')
                .map(trim)
                .filter(|c| !c.is_empty());
            match (codings.next(), codings.next()) {
                (Some(c), None) if c.eq_ignore_ascii_case(b"chunked") => chunked = true,
                (Some(c), None) if c.eq_ignore_ascii_case(b"identity") => {}
                _ => return Err(HttpError::UnsupportedTransferEncoding),
            }
        } else if name.eq_ignore_ascii_case(b"connection") {
            for token in value.split(|&b| b == b',').map(trim) {
                if token.eq_ignore_ascii_case(b"close") {
                    close = true;
                } else if token.eq_ignore_ascii_case(b"keep-alive") {
                    close = false;
                }
            }
        } else if let Some(slot) = lambda.slot(name) {
            let value = trim(value);
            let start = value.as_ptr() as usize - base;
            *slot = Some(start..start + value.len());
        }
    }
    let framing = if status == 204 || status == 304 || (100..200).contains(&status) {
        Framing::Length(0)
    } else if chunked {
        // RFC 9112 6.3: chunked wins over Content-Length.
        Framing::Chunked
    } else if let Some(n) = content_length {
        Framing::Length(n)
    } else {
        close = true;
        Framing::UntilClose
    };
    Ok(Some(Head {
        status,
        len,
        framing,
        close,
        lambda,
    }))
}

/// `v` without leading and trailing ASCII whitespace: how header values are read.
pub fn trim(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    v.get(start..end).unwrap_or_default()
}

/// Decimal without sign or leading `+`, overflow-checked.
pub fn parse_decimal(v: &[u8]) -> Option<usize> {
    if v.is_empty() || v.len() > 19 {
        return None;
    }
    v.iter().try_fold(0usize, |acc, &b| {
        let d = b.checked_sub(b'0').filter(|d| *d < 10)?;
        acc.checked_mul(10)?.checked_add(usize::from(d))
    })
}

/// When a head still arriving is worth parsing, so that it is parsed a bounded number of times
/// however it is split (parsing at every line end made a dribbled head quadratic).
///
/// A parse is due where the head can end and on a doubling schedule. The ends mirror
/// [`parse_head`]: httparse completes at the first empty line (`\n` or `\r\n`) after the status
/// line, skipping empty lines before it; when that parse is still incomplete, the head has more
/// than [`FAST_PATH_HEADERS`] headers and the slow path waits for the first `\r\n\r\n`, the only
/// end left. The doubling schedule (the first read, then a parse once the head has twice the
/// bytes of the last one) refuses garbage while it arrives, at O(n) total work: a malformed head
/// is refused at its end at the latest, or at a doubling before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HeadScan {
    /// Bytes of the head looked at for its end.
    scanned: usize,
    /// Parse once the head has this many bytes.
    next_parse: usize,
    /// What the line being scanned holds so far.
    line: Line,
    /// The status line has ended: an empty line now ends the head.
    after_status: bool,
    /// An empty line ended the head but it parsed as incomplete: only `\r\n\r\n` is left.
    crlf_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Empty,
    Cr,
    Text,
}

impl HeadScan {
    /// Nothing received yet: the first read is parsed whatever it holds.
    pub(super) const fn new() -> Self {
        Self {
            scanned: 0,
            next_parse: 0,
            line: Line::Empty,
            after_status: false,
            crlf_only: false,
        }
    }

    /// Whether to parse `head`, the bytes of the head received so far.
    pub(super) fn due(&mut self, head: &[u8]) -> bool {
        head.len() >= self.next_parse || self.find_end(head)
    }

    /// A parse found `head` incomplete.
    pub(super) fn incomplete(&mut self, head: &[u8]) {
        self.next_parse = head.len().saturating_mul(2).max(1);
        // Catch up with the bytes that parse covered; an end among them is already decided.
        while self.find_end(head) {}
    }

    /// Scans on from where the last scan stopped; true if it passed a place where the head can
    /// end (it stops just after it).
    fn find_end(&mut self, head: &[u8]) -> bool {
        let from = self.scanned;
        for (i, &b) in head.iter().enumerate().skip(from) {
            let end = if self.crlf_only {
                b == b'\n' && head.get(..=i).is_some_and(|h| h.ends_with(b"\r\n\r\n"))
            } else {
                self.end_of_line(b)
            };
            if end {
                self.scanned = i + 1;
                self.crlf_only = true;
                return true;
            }
        }
        self.scanned = head.len().max(from);
        false
    }

    /// Follows httparse's line structure one byte at a time; true on an empty line that ends
    /// the head.
    fn end_of_line(&mut self, b: u8) -> bool {
        if b == b'\n' {
            let text = self.line == Line::Text;
            self.line = Line::Empty;
            if text {
                self.after_status = true;
                return false;
            }
            return self.after_status;
        }
        self.line = match (self.line, b) {
            (Line::Empty, b'\r') => Line::Cr,
            _ => Line::Text,
        };
        false
    }
}
