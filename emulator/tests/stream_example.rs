//! lambkin's own streaming, end to end through the emulator as users run it:
//! `examples/stream.rs` on every transport (a 50 MiB stream in flat memory, an invoker that
//! leaves mid-stream), and `examples/axum_stream.rs` through `serve --http` to curl.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]
mod front;
mod output;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use front::serve;
use output::{field, invoke_example_with, lines, reports};
use serde_json::json;

const TRANSPORTS: [&str; 3] = ["std", "smol", "tokio"];
const INVOKE: &str = "/2015-03-31/functions/function/invocations";

#[test]
fn fifty_mib_stream_in_flat_memory_on_every_transport() {
    let size: usize = 800 * 65536;
    for transport in TRANSPORTS {
        let events = [json!({"lines": 1}), json!({"lines": 800, "width": 65536})];
        let out = invoke_example_with(
            "stream",
            transport,
            &["--no-stream-limit", "--timeout", "120"],
            &events,
        );
        let log = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{transport}: {log}");
        // `invoke` ends each response with a newline of its own.
        assert_eq!(
            out.stdout.len(),
            "line 0\n\n".len() + size + 1,
            "{transport}"
        );
        assert!(out.stdout.starts_with(b"line 0\n\nline 0 "), "{transport}");
        let streams: Vec<String> = lines(&out.stderr)
            .into_iter()
            .filter(|l| l.starts_with("STREAM "))
            .collect();
        assert_eq!(streams.len(), 2, "{transport}: {log}");
        assert!(
            streams[1].contains(&format!("\tChunks: 800\tBytes: {size}\t")),
            "{transport}: {}",
            streams[1]
        );
        // The process's peak RSS (Lambda's Max Memory Used) barely moves from one line to
        // 50 MiB: the writer reuses 64 KiB of its buffer.
        let used: Vec<f64> = reports(&out)
            .iter()
            .map(|r| field(r, "Max Memory Used").unwrap())
            .collect();
        eprintln!("{transport}: Max Memory Used {used:?} MB (1 line, 50 MiB)");
        assert!(used[1] <= used[0] + 1.0, "{transport}: {used:?}");
    }
}

/// POSTs `event` to the Invoke API and reads the response head.
fn post(addr: &str, event: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "POST {INVOKE} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{event}",
        event.len()
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        assert!(reader.read_line(&mut head).unwrap() > 0, "{head}");
    }
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    reader
}

#[test]
fn an_invoker_that_leaves_mid_stream_does_not_stop_the_function() {
    for transport in TRANSPORTS {
        let served = serve(&[
            "--port",
            "0",
            "--http",
            "0",
            "--example",
            "stream",
            "--features",
            transport,
        ]);
        let addr = served.invoke.clone().unwrap();
        // A stream longer than the emulator queues: the function is still writing when the
        // caller goes away after its first chunk.
        let mut reader = post(&addr, &json!({"lines": 100_000}).to_string());
        let mut size = String::new();
        reader.read_line(&mut size).unwrap();
        assert_eq!(size, "7\r\n", "{transport}");
        drop(reader);
        // The next caller gets the whole of its stream.
        let mut reader = post(&addr, &json!({"lines": 2}).to_string());
        // Keep-alive: read up to the last chunk, not to the end of the connection.
        let mut rest = Vec::new();
        while !rest.ends_with(b"0\r\n\r\n") {
            let n = reader.read_until(b'\n', &mut rest).unwrap();
            assert!(n > 0, "{transport}: {}", String::from_utf8_lossy(&rest));
        }
        assert_eq!(
            String::from_utf8_lossy(&rest),
            "7\r\nline 0\n\r\n7\r\nline 1\n\r\n0\r\n\r\n",
            "{transport}: {}",
            served.log()
        );
    }
}

#[test]
fn axum_stream_reaches_curl_through_serve_http() {
    let served = serve(&[
        "--http",
        "0",
        "--http-shape",
        "url",
        "--example",
        "axum_stream",
        "--features",
        "http,tokio",
    ]);
    let mut child = Command::new("curl")
        .args(["-sS", "-N", "-i"])
        .arg(format!("http://{}/lines?n=3&delay_ms=300", served.addr))
        .stdout(Stdio::piped())
        .spawn()
        .expect("curl");
    let mut stdout = child.stdout.take().unwrap();
    let mut got = Vec::new();
    // The first line arrives while the function still sleeps before the second.
    let mut byte = [0u8; 1];
    while !got.ends_with(b"line 0\n") {
        assert_eq!(stdout.read(&mut byte).unwrap(), 1, "{}", served.log());
        got.push(byte[0]);
    }
    assert!(!String::from_utf8_lossy(&got).contains("line 1"));
    stdout.read_to_end(&mut got).unwrap();
    assert!(child.wait().unwrap().success());
    let text = String::from_utf8(got).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let head = head.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200 ok\r\n"), "{head}");
    assert!(
        head.lines()
            .any(|l| l == "content-type: text/plain; charset=utf-8"),
        "{head}"
    );
    assert_eq!(body, "line 0\nline 1\nline 2\n");
}
