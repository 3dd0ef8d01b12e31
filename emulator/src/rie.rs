//! The invoke side, compatible with AWS's Runtime Interface Emulator:
//! `POST /2015-03-31/functions/{name}/invocations`, so `curl` and the AWS CLI or SDKs with
//! `--endpoint-url` can invoke the function.
//!
//! A streamed response is answered as it arrives, as the RIE does: `200` with the function's
//! `Content-Type` and a chunked body, one HTTP chunk per chunk the function sent. An error
//! after the first byte ends the body with the trailers `Lambda-Runtime-Function-Error-Type`
//! and `Lambda-Runtime-Function-Error-Body` (base64 of the error JSON), the names the function
//! used; before the first byte it is answered like a buffered error.

use std::cell::{Cell, RefCell};
use std::io::{self, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;

use crate::connection::{self, Refusal, Service};
use crate::ids;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::invocation::{ERROR_BODY, ERROR_TYPE, Invocation, Outcome};
use crate::logs::{Report, log, start_line};
use crate::sandbox::Sandbox;
use crate::server::error_json;
use crate::wire::{self, Framing, ParseError, Request};

/// Lambda's limit for a synchronous invocation's event (6 MB, a little below
/// [`MAX_PAYLOAD`](crate::MAX_PAYLOAD)).
pub const MAX_EVENT: usize = 6_291_456;

/// The Invoke API's 413 body for an event above [`MAX_EVENT`].
pub const EVENT_TOO_LARGE_BODY: &str = r#"{"errorMessage":"Request must be smaller than 6291456 bytes for the InvokeFunction operation","errorType":"RequestEntityTooLargeException"}"#;

/// Serves invocations on `listener` until it fails; one thread per connection, so as many
/// invocations run at once as clients send (the function's concurrency bounds the work).
pub fn serve(sandbox: Arc<Sandbox>, listener: &TcpListener) -> io::Result<()> {
    serve_while(sandbox, listener, || true)
}

/// As [`serve`], and returns `Ok` at the first connection accepted once `running` says no
/// (that connection is closed unanswered): clear the flag, connect once, and the server lets
/// go of the sandbox, so dropping the last handle ends the function. Connections already open
/// hold the sandbox until their clients close them.
pub fn serve_while(
    sandbox: Arc<Sandbox>,
    listener: &TcpListener,
    running: impl Fn() -> bool,
) -> io::Result<()> {
    connection::accept(listener, "rie-conn", |stream| {
        running().then(|| Invoker {
            sandbox: Arc::clone(&sandbox),
            stream,
        })
    })
}

/// One Invoke API connection.
struct Invoker {
    sandbox: Arc<Sandbox>,
    stream: TcpStream,
}

impl Service for Invoker {
    const MAX_BODY: usize = MAX_EVENT;
    const READ_CHUNK: usize = 64 << 10;

    fn stream(&mut self) -> &mut TcpStream {
        &mut self.stream
    }

    fn respond(&mut self, request: Request) -> bool {
        respond(&self.sandbox, &mut self.stream, request).is_ok()
    }

    fn refuse(&self, error: &ParseError) -> Refusal {
        let (status, body) = match error {
            ParseError::TooLarge { .. } => (413, EVENT_TOO_LARGE_BODY.to_owned()),
            e => (
                400,
                error_json("InvalidRequestContentException", &e.to_string()),
            ),
        };
        Refusal {
            status,
            headers: &[],
            body,
        }
    }
}

fn respond(sandbox: &Arc<Sandbox>, out: &mut impl Write, request: Request) -> io::Result<()> {
    let plain = Framing::default();
    let json = ("Content-Type", "application/json");
    let is_invoke = request.method == "POST"
        && request
            .path
            .strip_prefix("/2015-03-31/functions/")
            .and_then(|rest| rest.split('?').next())
            .is_some_and(|rest| rest.ends_with("/invocations"));
    if !is_invoke {
        let body = error_json(
            "ResourceNotFoundException",
            "use POST /2015-03-31/functions/function/invocations",
        );
        return wire::write_response(out, 404, &[json], body.as_bytes(), &plain);
    }
    // The Invoke API carries the client context base64-encoded; the Runtime API, decoded.
    let client_context = request
        .header("X-Amz-Client-Context")
        .and_then(ids::base64_decode)
        .map(|b| String::from_utf8_lossy(&b).into_owned());
    let kind = request
        .header("X-Amz-Invocation-Type")
        .unwrap_or("RequestResponse")
        .to_owned();
    let body = if request.body.is_empty() {
        b"{}".to_vec()
    } else {
        request.body
    };
    if serde_json::from_slice::<serde_json::Value>(&body).is_err() {
        let body = error_json(
            "InvalidRequestContentException",
            "Could not parse request body into json",
        );
        return wire::write_response(out, 400, &[json], body.as_bytes(), &plain);
    }
    let id = ids::uuid();
    let invocation = Invocation {
        request_id: Some(id.clone()),
        client_context,
        ..Invocation::new(body)
    };
    match kind.as_str() {
        "DryRun" => wire::write_response(out, 204, &[], b"", &plain),
        "Event" => {
            let sandbox = Arc::clone(sandbox);
            thread::spawn(move || {
                log(&start_line(&id));
                log(&sandbox.invoke(invocation).end_lines());
            });
            wire::write_response(out, 202, &[], b"", &plain)
        }
        _ => {
            log(&start_line(&id));
            // Both the chunks and the answer write to `out`; the answer goes as soon as the
            // runtime responds, before the extensions are done (END and REPORT wait for them).
            let out = RefCell::new(out);
            let streaming = Cell::new(false);
            let mut answer = Ok(());
            let report = sandbox.invoke_answering(
                invocation,
                |pending, chunk| {
                    let mut out = out.borrow_mut();
                    if !streaming.replace(true) {
                        let streamed = pending.streamed().unwrap_or_default();
                        let content_type = streamed
                            .content_type()
                            .unwrap_or("application/octet-stream");
                        write!(
                            out,
                            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nX-Amz-Executed-Version: $LATEST\r\nX-Amzn-RequestId: {}\r\nTrailer: {ERROR_TYPE}, {ERROR_BODY}\r\nTransfer-Encoding: chunked\r\n\r\n",
                            pending.request_id()
                        )?;
                    }
                    write!(out, "{:x}\r\n", chunk.bytes.len())?;
                    out.write_all(&chunk.bytes)?;
                    out.write_all(b"\r\n")?;
                    out.flush()
                },
                |report| answer = finish(&mut **out.borrow_mut(), report, streaming.get()),
            );
            log(&report.end_lines());
            answer
        }
    }
}

/// The end of a synchronous invocation's answer: the trailers of a streamed one, or the whole
/// response of a buffered one.
fn finish(out: &mut impl Write, report: &Report, streaming: bool) -> io::Result<()> {
    let plain = Framing::default();
    let json = ("Content-Type", "application/json");
    if streaming {
        // The head is gone: an error after the first byte travels in the trailers.
        out.write_all(b"0\r\n")?;
        let error_type = match &report.outcome {
            Outcome::Response { .. } => None,
            Outcome::Error { error_type, .. } => Some(error_type.as_str()),
            Outcome::TimedOut => Some("Sandbox.Timedout"),
            Outcome::Rejected { .. } => Some("Runtime.Unknown"),
        };
        if let Some(error_type) = error_type {
            let body = STANDARD.encode(report.payload());
            write!(
                out,
                "{ERROR_TYPE}: {error_type}\r\n{ERROR_BODY}: {body}\r\n"
            )?;
        }
        out.write_all(b"\r\n")?;
        return out.flush();
    }
    let mut headers = vec![json, ("X-Amz-Executed-Version", "$LATEST")];
    if report.is_error() {
        headers.push(("X-Amz-Function-Error", "Unhandled"));
    }
    let request_id = report.request_id.clone();
    headers.push(("X-Amzn-RequestId", &request_id));
    wire::write_response(out, 200, &headers, &report.payload(), &plain)
}
