//! The Invoke API as a caller uses it against `lambkin-emulator serve --port`: one request over
//! a fresh connection, written by hand so every byte on the wire is the test's.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// `POST /2015-03-31/functions/function/invocations` with `body` to `addr`: the response's
/// head and body, once the emulator closes the connection (at most a minute).
pub fn invoke(addr: &str, body: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "POST /2015-03-31/functions/function/invocations HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").expect(&raw);
    (head.to_owned(), body.to_owned())
}
