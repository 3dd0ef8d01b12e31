//! The stream section's Runtime API: a `TcpListener` that hands out one event per `/next` when
//! asked, and reads each streamed `/response` to its end (chunk frames decoded as they arrive,
//! trailers kept), timing its first payload byte and discarding the payload, so the bench holds
//! no copy of a 50 MiB stream and puts no bandwidth limit on it. The emulator would model
//! Lambda's 2 MiB/s and keep the body; this measures the runtime alone.
//!
//! Each connection has a thread; they report to the one [`Api`] through a channel, and a `/next`
//! waits until [`Api::invoke`] sends its event (or the [`Waiting`] is dropped, which closes that
//! connection).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The content type of a stream with Lambda's HTTP-integration prelude (JSON, then 8 NULs).
const HTTP_INTEGRATION: &str = "application/vnd.awslambda.http-integration-response";
/// The longest request line, header line or chunk-size line accepted.
const MAX_LINE: u64 = 8 * 1024;
/// The most header lines (or trailer lines) in one request.
const MAX_HEADERS: usize = 100;
/// The longest HTTP-integration prelude accepted before its NULs.
const MAX_PRELUDE: u64 = 64 * 1024;
/// Payload bytes kept from the start of a response, to check what was streamed.
const KEEP: usize = 64;

/// What a connection thread tells the [`Api`].
enum Msg {
    /// A `/next` arrived and waits for its event.
    Next(Sender<Event>),
    /// The event was written to the socket at this instant.
    Sent(Instant),
    /// A `/response` was read to its end.
    Response(Received),
    /// A request the bench does not expect (`/error`, `/init/error`, bad framing), as text.
    Failed(String),
}

struct Event {
    id: String,
    body: Vec<u8>,
}

/// A `/next` the function is waiting on: give it to [`Api::invoke`], or drop it.
pub struct Waiting(Sender<Event>);

/// One `/response`, as received.
#[derive(Debug)]
pub struct Received {
    pub id: String,
    /// `Lambda-Runtime-Function-Response-Mode: streaming` and chunked framing.
    pub streaming: bool,
    /// When the first payload byte (after any HTTP-integration prelude) came off the socket.
    pub first_byte: Option<Instant>,
    /// When the last chunk and the trailers had been read.
    pub end: Instant,
    /// Payload bytes (the prelude not counted).
    pub payload: u64,
    /// Chunk frames that carried payload bytes.
    pub chunks: u64,
    /// The payload's first bytes.
    pub head: Vec<u8>,
    /// Trailer fields, names in lower case.
    pub trailers: Vec<(String, String)>,
}

/// The server and the function's side of the conversation, one invocation at a time.
pub struct Api {
    address: String,
    rx: Receiver<Msg>,
    invocations: u64,
}

impl Api {
    /// Listens on a free loopback port; connections are served until the bench exits.
    pub fn start() -> Result<Self, String> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind: {e}"))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("local address: {e}"))?
            .to_string();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let tx = tx.clone();
                std::thread::spawn(move || serve(conn, &tx));
            }
        });
        Ok(Self {
            address,
            rx,
            invocations: 0,
        })
    }

    /// `AWS_LAMBDA_RUNTIME_API` for the function.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Forgets what connections of earlier (killed) processes left in the channel.
    pub fn drain(&self) {
        while self.rx.try_recv().is_ok() {}
    }

    /// Waits up to `timeout` for the function's next `/next`.
    pub fn next(&self, timeout: Duration) -> Result<Waiting, String> {
        match self.recv(timeout, "a /next")? {
            Msg::Next(reply) => Ok(Waiting(reply)),
            Msg::Failed(e) => Err(e),
            _ => Err("a response before the function asked for an event".into()),
        }
    }

    /// Sends `event` to the waiting `/next` and reads the response: when the event went out,
    /// and what came back.
    pub fn invoke(
        &mut self,
        waiting: Waiting,
        event: &[u8],
        timeout: Duration,
    ) -> Result<(Instant, Received), String> {
        self.invocations += 1;
        let n = self.invocations;
        let id = format!("{n:08x}-5e4d-4b1a-8c3e-{n:012x}");
        waiting
            .0
            .send(Event {
                id: id.clone(),
                body: event.to_vec(),
            })
            .map_err(|_| "the function's /next connection closed".to_owned())?;
        // The two reports come from different connections' threads, in either order.
        let (mut sent, mut received) = (None, None);
        loop {
            match self.recv(timeout, "the response")? {
                Msg::Sent(at) if sent.is_none() => sent = Some(at),
                Msg::Response(r) if r.id == id && received.is_none() => received = Some(r),
                Msg::Response(r) => return Err(format!("a response for {}, expected {id}", r.id)),
                Msg::Failed(e) => return Err(e),
                Msg::Next(_) => return Err("a /next before the response".into()),
                Msg::Sent(_) => return Err("an event went out twice".into()),
            }
            if let (Some(at), Some(_)) = (sent, &received) {
                return received
                    .map(|r| (at, r))
                    .ok_or_else(|| "no response".to_owned());
            }
        }
    }

    fn recv(&self, timeout: Duration, what: &str) -> Result<Msg, String> {
        self.rx.recv_timeout(timeout).map_err(|e| match e {
            RecvTimeoutError::Timeout => format!("waited {timeout:?} for {what}"),
            RecvTimeoutError::Disconnected => "the server stopped".into(),
        })
    }
}

/// A request's head: method, path and headers (names in lower case).
pub(crate) struct Head {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) headers: Vec<(String, String)>,
}

impl Head {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn has(&self, name: &str, value: &str) -> bool {
        self.header(name)
            .is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(value)))
    }
}

pub(crate) type Reader = BufReader<TcpStream>;

/// Serves one connection's requests until it closes; what goes wrong is reported, not raised.
fn serve(conn: TcpStream, tx: &Sender<Msg>) {
    let _ = conn.set_nodelay(true);
    let Ok(mut out) = conn.try_clone() else {
        return;
    };
    let mut r = BufReader::with_capacity(64 * 1024, conn);
    loop {
        let head = match read_head(&mut r) {
            Ok(Some(head)) => head,
            // Closed between requests: the runtime is done with this connection.
            Ok(None) => return,
            Err(e) => {
                let _ = tx.send(Msg::Failed(format!("reading a request: {e}")));
                return;
            }
        };
        let keep = match answer(&head, &mut r, &mut out, tx) {
            Ok(keep) => keep,
            Err(e) => {
                let _ = tx.send(Msg::Failed(format!("{} {}: {e}", head.method, head.path)));
                return;
            }
        };
        if !keep || head.has("connection", "close") {
            return;
        }
    }
}

/// Answers one request; `false` when the connection should close.
fn answer(
    head: &Head,
    r: &mut Reader,
    out: &mut TcpStream,
    tx: &Sender<Msg>,
) -> Result<bool, String> {
    let path = head.path.as_str();
    if head.method == "GET" && path.ends_with("/runtime/invocation/next") {
        body(head, r)?;
        let (reply, event) = mpsc::channel();
        if tx.send(Msg::Next(reply)).is_err() {
            return Ok(false);
        }
        // The bench dropped this /next: close, as Lambda would on shutdown.
        let Ok(event) = event.recv() else {
            return Ok(false);
        };
        let deadline = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
            + 900_000;
        let mut response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
             Lambda-Runtime-Aws-Request-Id: {id}\r\nLambda-Runtime-Deadline-Ms: {deadline}\r\n\
             Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:stream\r\n\
             Lambda-Runtime-Trace-Id: Root=1-5e4d4b1a-8c3e5e4d4b1a8c3e5e4d4b1a;Parent=5e4d4b1a8c3e5e4d;Sampled=0\r\n\
             Content-Length: {}\r\n\r\n",
            event.body.len(),
            id = event.id,
        )
        .into_bytes();
        response.extend_from_slice(&event.body);
        // Taken before the write: a thread descheduled after it would make the figure late.
        let _ = tx.send(Msg::Sent(Instant::now()));
        out.write_all(&response).map_err(|e| e.to_string())?;
        return Ok(true);
    }
    let id = path
        .strip_suffix("/response")
        .and_then(|p| p.rsplit_once("/runtime/invocation/"))
        .map(|(_, id)| id.to_owned());
    if let (Some(id), "POST") = (id, head.method.as_str()) {
        let streaming = head.has("lambda-runtime-function-response-mode", "streaming")
            && head.has("transfer-encoding", "chunked");
        let body = body(head, r)?;
        // Reported before the 202: once the runtime has it, its next /next may come first.
        let _ = tx.send(Msg::Response(Received {
            id,
            streaming,
            first_byte: body.first_byte,
            end: Instant::now(),
            payload: body.payload,
            chunks: body.chunks,
            head: body.head,
            trailers: body.trailers,
        }));
        accepted(out)?;
        return Ok(true);
    }
    // `/error`, `/init/error` or anything else: the function failed, and the bench says so.
    let body = body(head, r)?;
    let error = head
        .header("lambda-runtime-function-error-type")
        .unwrap_or("");
    let _ = tx.send(Msg::Failed(format!(
        "the function sent {} {} {error} {}",
        head.method,
        head.path,
        String::from_utf8_lossy(&body.head)
    )));
    accepted(out)?;
    Ok(true)
}

/// Real Lambda's answer to a `/response`.
fn accepted(out: &mut TcpStream) -> Result<(), String> {
    const BODY: &str = r#"{"status":"OK"}"#;
    let answer = format!(
        "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    out.write_all(answer.as_bytes()).map_err(|e| e.to_string())
}

/// One line without its CRLF; `None` at the end of the stream before any byte.
pub(crate) fn line(r: &mut Reader) -> Result<Option<String>, String> {
    let mut bytes = Vec::new();
    let n = r
        .by_ref()
        .take(MAX_LINE)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| e.to_string())?;
    if n == 0 {
        return Ok(None);
    }
    if bytes.pop() != Some(b'\n') {
        return Err(format!("a line longer than {MAX_LINE} bytes, or cut short"));
    }
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| "a line that is not UTF-8".into())
}

/// Header (or trailer) fields up to the empty line.
pub(crate) fn fields(r: &mut Reader) -> Result<Vec<(String, String)>, String> {
    let mut fields = Vec::new();
    loop {
        let l = line(r)?.ok_or("the connection closed inside a header")?;
        if l.is_empty() {
            return Ok(fields);
        }
        if fields.len() >= MAX_HEADERS {
            return Err(format!("more than {MAX_HEADERS} header lines"));
        }
        let (name, value) = l.split_once(':').ok_or("a header line without ':'")?;
        fields.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
}

pub(crate) fn read_head(r: &mut Reader) -> Result<Option<Head>, String> {
    let Some(request) = line(r)? else {
        return Ok(None);
    };
    let mut words = request.split(' ');
    let (Some(method), Some(path)) = (words.next(), words.next()) else {
        return Err(format!("a bad request line {request:?}"));
    };
    Ok(Some(Head {
        method: method.to_owned(),
        path: path.to_owned(),
        headers: fields(r)?,
    }))
}

/// What a request body held: payload counted, timed and mostly discarded.
struct Body {
    first_byte: Option<Instant>,
    payload: u64,
    chunks: u64,
    head: Vec<u8>,
    trailers: Vec<(String, String)>,
    /// Consecutive NULs seen while still in an HTTP-integration prelude; `None` once past it.
    prelude: Option<(u8, u64)>,
}

impl Body {
    /// Takes the bytes of one piece of body; `true` when any was payload.
    fn take(&mut self, mut bytes: &[u8]) -> Result<bool, String> {
        if let Some((nuls, seen)) = &mut self.prelude {
            let mut used = 0;
            for &b in bytes {
                used += 1;
                *seen += 1;
                *nuls = if b == 0 { *nuls + 1 } else { 0 };
                if *nuls == 8 {
                    break;
                }
            }
            if *nuls < 8 {
                if *seen > MAX_PRELUDE {
                    return Err(format!("no prelude end within {MAX_PRELUDE} bytes"));
                }
                return Ok(false);
            }
            self.prelude = None;
            bytes = bytes.get(used..).unwrap_or_default();
        }
        if bytes.is_empty() {
            return Ok(false);
        }
        self.first_byte.get_or_insert_with(Instant::now);
        self.payload += bytes.len() as u64;
        let room = KEEP.saturating_sub(self.head.len());
        self.head
            .extend_from_slice(bytes.get(..room.min(bytes.len())).unwrap_or_default());
        Ok(true)
    }
}

/// Reads the request's body, chunked or of a `Content-Length` (none for neither).
fn body(head: &Head, r: &mut Reader) -> Result<Body, String> {
    let mut body = Body {
        first_byte: None,
        payload: 0,
        chunks: 0,
        head: Vec::new(),
        trailers: Vec::new(),
        prelude: head
            .header("content-type")
            .is_some_and(|t| t.starts_with(HTTP_INTEGRATION))
            .then_some((0, 0)),
    };
    if head.has("transfer-encoding", "chunked") {
        loop {
            let size = line(r)?.ok_or("the connection closed before the last chunk")?;
            let hex = size.split(';').next().unwrap_or_default().trim();
            let size =
                u64::from_str_radix(hex, 16).map_err(|_| format!("a bad chunk size {size:?}"))?;
            if size == 0 {
                break;
            }
            if copy(r, size, &mut body)? {
                body.chunks += 1;
            }
            if !line(r)?.is_some_and(|l| l.is_empty()) {
                return Err("a chunk not followed by CRLF".into());
            }
        }
        body.trailers = fields(r)?;
    } else if let Some(length) = head.header("content-length") {
        let length = length
            .parse()
            .map_err(|_| format!("a bad Content-Length {length:?}"))?;
        if copy(r, length, &mut body)? {
            body.chunks += 1;
        }
    }
    Ok(body)
}

/// Passes `n` body bytes through `body` as they arrive; `true` when any was payload.
fn copy(r: &mut Reader, mut n: u64, body: &mut Body) -> Result<bool, String> {
    let mut payload = false;
    while n > 0 {
        let buf = r.fill_buf().map_err(|e| e.to_string())?;
        if buf.is_empty() {
            return Err("the connection closed inside the body".into());
        }
        let take = buf.len().min(usize::try_from(n).unwrap_or(usize::MAX));
        payload |= body.take(buf.get(..take).unwrap_or_default())?;
        r.consume(take);
        n -= take as u64;
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunked streaming request written to the server in small pieces: every byte of the
    /// payload is counted, the prelude is skipped, the trailers are kept.
    #[test]
    fn reads_a_chunked_stream_with_prelude_and_trailers() -> Result<(), String> {
        let mut api = Api::start()?;
        let mut conn = TcpStream::connect(api.address()).map_err(|e| e.to_string())?;
        conn.write_all(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n")
            .map_err(|e| e.to_string())?;
        let waiting = api.next(Duration::from_secs(5))?;
        let mut writer = conn.try_clone().map_err(|e| e.to_string())?;
        let client = std::thread::spawn(move || -> std::io::Result<Vec<u8>> {
            let mut got = vec![0; 4096];
            let n = conn.read(&mut got)?;
            got.truncate(n);
            let text = String::from_utf8_lossy(&got).into_owned();
            let id = text
                .lines()
                .find_map(|l| l.strip_prefix("Lambda-Runtime-Aws-Request-Id: "))
                .unwrap_or_default()
                .to_owned();
            let request = format!(
                "POST /2018-06-01/runtime/invocation/{id}/response HTTP/1.1\r\n\
                 Lambda-Runtime-Function-Response-Mode: streaming\r\n\
                 Transfer-Encoding: chunked\r\nContent-Type: {HTTP_INTEGRATION}\r\n\r\n\
                 e\r\n{{\"statusCode\":\r\n6\r\n200}}\0\0\r\n6\r\n\0\0\0\0\0\0\r\n\
                 7\r\nline 0\n\r\n7;ext=1\r\nline 1\n\r\n0\r\n\
                 Lambda-Runtime-Function-Error-Type: Function.X\r\n\r\n"
            );
            for piece in request.as_bytes().chunks(3) {
                writer.write_all(piece)?;
            }
            let mut answer = vec![0; 256];
            let n = conn.read(&mut answer)?;
            answer.truncate(n);
            Ok(answer)
        });
        let (sent, got) = api.invoke(waiting, b"{}", Duration::from_secs(5))?;
        let answer = client
            .join()
            .map_err(|_| "client panicked".to_owned())?
            .map_err(|e| e.to_string())?;
        assert!(answer.starts_with(b"HTTP/1.1 202"));
        assert!(answer.ends_with(b"Content-Length: 15\r\n\r\n{\"status\":\"OK\"}"));
        assert!(got.streaming);
        assert_eq!(got.payload, 14);
        assert_eq!(got.chunks, 2);
        assert_eq!(got.head, b"line 0\nline 1\n");
        assert!(got.first_byte.is_some_and(|t| t >= sent));
        assert_eq!(
            got.trailers,
            [(
                "lambda-runtime-function-error-type".to_owned(),
                "Function.X".to_owned()
            )]
        );
        Ok(())
    }
}
