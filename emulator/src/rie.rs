//! The invoke side, compatible with AWS's Runtime Interface Emulator:
//! `POST /2015-03-31/functions/{name}/invocations`, so `curl` and the AWS CLI or SDKs with
//! `--endpoint-url` can invoke the function.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;

use crate::ids;
use crate::invocation::Invocation;
use crate::logs::{log, start_line};
use crate::sandbox::Sandbox;
use crate::server::{EVENT_TOO_LARGE_BODY, MAX_EVENT, error_json};
use crate::wire::{self, Framing, ParseError, Request};

/// Serves invocations on `listener` until it fails; one thread per connection, so as many
/// invocations run at once as clients send (the function's concurrency bounds the work).
pub fn serve(sandbox: Arc<Sandbox>, listener: &TcpListener) -> io::Result<()> {
    loop {
        let (stream, _) = listener.accept()?;
        let sandbox = Arc::clone(&sandbox);
        thread::Builder::new()
            .name("rie-conn".into())
            .spawn(move || connection(sandbox, stream))?;
    }
}

fn connection(sandbox: Arc<Sandbox>, mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        match wire::parse_request(&buf, MAX_EVENT) {
            Ok(Some((request, used))) => {
                buf.drain(..used);
                let close = request.close;
                if respond(&sandbox, &mut stream, request).is_err() || close {
                    return;
                }
            }
            Ok(None) => match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            },
            Err(e) => {
                let (status, body) = match e {
                    ParseError::TooLarge { .. } => (413, EVENT_TOO_LARGE_BODY.to_owned()),
                    e => (
                        400,
                        error_json("InvalidRequestContentException", &e.to_string()),
                    ),
                };
                let close = Framing {
                    close: true,
                    ..Framing::default()
                };
                let _ = wire::write_response(&mut stream, status, &[], body.as_bytes(), &close);
                return;
            }
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
            let report = sandbox.invoke(invocation);
            log(&report.end_lines());
            let mut headers = vec![json, ("X-Amz-Executed-Version", "$LATEST")];
            if report.is_error() {
                headers.push(("X-Amz-Function-Error", "Unhandled"));
            }
            let request_id = report.request_id.clone();
            headers.push(("X-Amzn-RequestId", &request_id));
            wire::write_response(out, 200, &headers, &report.payload(), &plain)
        }
    }
}
