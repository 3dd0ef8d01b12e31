//! The floor: the least a Runtime API client can do for the hello contract, by hand, with std
//! only. No error handling beyond exiting, no HTTP beyond what Lambda sends. Benchmarks compare
//! lambkin's cold start against it.
#![allow(clippy::std_instead_of_core, clippy::indexing_slicing)]

use std::io::{Read, Write};
use std::net::TcpStream;

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn header<'a>(head: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let at = find(head, name)? + name.len();
    let end = at + find(&head[at..], b"\r\n")?;
    Some(head[at..end].trim_ascii())
}

/// Reads one response: (head, body).
fn response(s: &mut TcpStream, buf: &mut Vec<u8>) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut chunk = [0u8; 65536];
    loop {
        if let Some(end) = find(buf, b"\r\n\r\n") {
            let head = buf[..end + 4].to_vec();
            let len: usize = std::str::from_utf8(header(&head, b"content-length:")?)
                .ok()?
                .parse()
                .ok()?;
            while buf.len() < end + 4 + len {
                let n = s.read(&mut chunk).ok().filter(|n| *n > 0)?;
                buf.extend_from_slice(&chunk[..n]);
            }
            let body = buf[end + 4..end + 4 + len].to_vec();
            buf.drain(..end + 4 + len);
            return Some((head, body));
        }
        let n = s.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
    }
}

fn main() {
    let Ok(api) = std::env::var("AWS_LAMBDA_RUNTIME_API") else {
        std::process::exit(2)
    };
    let Ok(mut s) = TcpStream::connect(&api) else {
        std::process::exit(2)
    };
    let _ = s.set_nodelay(true);
    let mut buf = Vec::new();
    loop {
        let next =
            format!("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: {api}\r\n\r\n");
        if s.write_all(next.as_bytes()).is_err() {
            std::process::exit(1);
        }
        let Some((head, body)) = response(&mut s, &mut buf) else {
            std::process::exit(1)
        };
        let id = String::from_utf8_lossy(
            header(&head, b"lambda-runtime-aws-request-id:").unwrap_or_default(),
        )
        .into_owned();
        let name = find(&body, b"\"firstName\":\"").and_then(|at| {
            let rest = &body[at + 13..];
            Some(&rest[..rest.iter().position(|&b| b == b'"')?])
        });
        let name = String::from_utf8_lossy(name.unwrap_or(b"world"));
        let out = format!("{{\"message\":\"Hello, {name}!\"}}");
        let post = format!(
            "POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1\r\nHost: {api}\r\nContent-Length: {}\r\n\r\n{out}",
            out.len()
        );
        if s.write_all(post.as_bytes()).is_err() || response(&mut s, &mut buf).is_none() {
            std::process::exit(1);
        }
    }
}
