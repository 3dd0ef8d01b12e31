//! A client of the emulator's Invoke API, written by hand so every byte is ours (HTTP/1.1 over
//! TCP, keep-alive): what the crowd and faults sections' callers send and read.

use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::stream_api::{Reader, fields, line};

/// Largest answer body a caller accepts.
const MAX_BODY: usize = 1 << 20;

/// An Invoke API answer.
pub struct Answer {
    pub status: u16,
    /// `X-Amz-Function-Error` was set.
    pub function_error: bool,
    /// `X-Amzn-RequestId`: the invocation's request id.
    pub request_id: String,
    pub body: Vec<u8>,
}

impl Answer {
    /// The `errorType` of an error answer's JSON body.
    pub fn error_type(&self) -> Option<String> {
        let doc: serde_json::Value = serde_json::from_slice(&self.body).ok()?;
        doc.get("errorType")?.as_str().map(str::to_owned)
    }

    /// One line for the table: the status and the error type, or `200 (own event)`.
    pub fn describe(&self, event: &[u8]) -> String {
        match self.error_type() {
            Some(kind) if self.function_error => format!("{} {kind}", self.status),
            _ if self.body == event => format!("{} (own event)", self.status),
            _ => format!(
                "{} {:?}",
                self.status,
                String::from_utf8_lossy(self.body.get(..80).unwrap_or(&self.body))
            ),
        }
    }
}

/// The bytes of a keep-alive `POST /2015-03-31/functions/f/invocations` carrying `event`.
pub fn request(event: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "POST /2015-03-31/functions/f/invocations HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
        event.len()
    )
    .into_bytes();
    bytes.extend_from_slice(event);
    bytes
}

/// Reads one answer (a `Content-Length` body; the Invoke API sends a buffered one).
pub fn read_answer(r: &mut Reader) -> Result<Answer, String> {
    let status_line = line(r)?.ok_or("the emulator closed the connection")?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("a bad status line {status_line:?}"))?;
    let headers = fields(r)?;
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .ok_or("an answer without Content-Length")?;
    if length > MAX_BODY {
        return Err(format!("an answer of {length} bytes"));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).map_err(|e| e.to_string())?;
    Ok(Answer {
        status,
        function_error: header("x-amz-function-error").is_some(),
        request_id: header("x-amzn-requestid").cloned().unwrap_or_default(),
        body,
    })
}

/// A keep-alive Invoke API connection.
pub struct Conn {
    r: Reader,
}

impl Conn {
    /// Connects to `addr`; an answer that takes longer than `patience` is an error.
    pub fn connect(addr: &str, patience: Duration) -> Result<Self, String> {
        let s = TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
        s.set_read_timeout(Some(patience))
            .map_err(|e| e.to_string())?;
        let _ = s.set_nodelay(true);
        Ok(Self {
            r: BufReader::new(s),
        })
    }

    pub fn invoke(&mut self, event: &[u8]) -> Result<Answer, String> {
        self.r
            .get_mut()
            .write_all(&request(event))
            .map_err(|e| format!("send: {e}"))?;
        read_answer(&mut self.r)
    }
}
