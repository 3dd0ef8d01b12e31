//! What the extension's tests over a fake Extensions API share: reading a request and
//! answering it by hand, and a runner for each transport built.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

use lambkin_extension::Extension;

/// One request read off `conn`: its head and body.
pub fn request(conn: &mut BufReader<TcpStream>) -> (String, String) {
    let mut head = String::new();
    let mut len = 0;
    loop {
        let mut line = String::new();
        conn.read_line(&mut line).expect("read head");
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            len = v.trim().parse().expect("length");
        }
        head.push_str(&line);
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    let mut body = vec![0; len];
    conn.read_exact(&mut body).expect("read body");
    (head, String::from_utf8(body).expect("utf-8"))
}

/// Answers one request with `status`, extra header lines `headers` and `body`.
pub fn answer(conn: &mut BufReader<TcpStream>, status: &str, headers: &str, body: &str) {
    let text = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.get_mut().write_all(text.as_bytes()).expect("answer");
}

pub type Runner = fn(Extension) -> Result<(), lambkin_extension::Error>;

/// Every transport built: the blocking run, and smol's and tokio's.
// Each push is behind a feature.
#[allow(clippy::vec_init_then_push)]
pub fn transports() -> Vec<(&'static str, Runner)> {
    let mut all: Vec<(&str, Runner)> = Vec::new();
    #[cfg(feature = "std")]
    all.push(("std", |e| e.run()));
    #[cfg(feature = "smol")]
    all.push(("smol", |e| {
        async_io::block_on(lambkin_extension::smol::run(e))
    }));
    #[cfg(feature = "tokio")]
    all.push(("tokio", |e| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(lambkin_extension::tokio::run(e))
    }));
    all
}
