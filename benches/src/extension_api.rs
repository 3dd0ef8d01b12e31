//! The extension section's side of Lambda: a minimal Extensions API (register, `event/next`)
//! and Telemetry API subscription on one `TcpListener`, and the client that POSTs telemetry
//! batches to the extension's listener as Lambda does, one at a time, each answered before the
//! next. Requests are read with the stream section's HTTP helpers ([`crate::stream_api`]).
//!
//! Each connection has a thread; they report to the one [`Api`] through a channel, and an
//! `event/next` waits until the bench sends its event through the [`Waiting`] (or drops it,
//! which closes that connection). Each report carries the round its connection was accepted
//! in, so what a killed extension's connections say late never reaches the next round.

use std::io::{BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::stream_api::{Head, Reader, fields, line, read_head};

/// The largest request body taken (registrations and subscriptions are a few hundred bytes).
const MAX_BODY: usize = 64 * 1024;
/// The identifier every registration gets: one extension per process and round.
const IDENTIFIER: &str = "5e4d4b1a-8c3e-4b1a-9d2f-0a1b2c3d4e5f";

/// A report and the round of the connection it comes from.
type Report = (u64, Msg);

/// What a connection thread tells the [`Api`].
enum Msg {
    Registered,
    /// A Telemetry API subscription, its destination on this machine.
    Subscribed(Destination),
    /// An `event/next` arrived and waits for its event.
    Next(Sender<String>),
    /// A request the bench does not expect (errors, the Logs API, bad framing), as text.
    Failed(String),
}

/// Where a subscription wants its batches: `sandbox.localdomain` is this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    pub port: u16,
    pub path: String,
}

/// An `event/next` the extension is waiting on: give it an event, or drop it.
pub struct Waiting(Sender<String>);

impl Waiting {
    /// Answers the waiting `event/next` with `event` (a JSON object).
    pub fn send(self, event: String) -> Result<(), String> {
        self.0
            .send(event)
            .map_err(|_| "the extension's event/next connection closed".to_owned())
    }
}

/// The server, and the extension's side of the conversation, one event at a time.
pub struct Api {
    address: String,
    rx: Receiver<Report>,
    /// The round connections accepted now belong to.
    round: Arc<AtomicU64>,
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
        let round = Arc::new(AtomicU64::new(0));
        let accepted_in = Arc::clone(&round);
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let tx = Tx {
                    round: accepted_in.load(Ordering::SeqCst),
                    tx: tx.clone(),
                };
                std::thread::spawn(move || serve(conn, &tx));
            }
        });
        Ok(Self { address, rx, round })
    }

    /// `AWS_LAMBDA_RUNTIME_API` for the extension.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Starts a round: what connections accepted before (an earlier, killed process's) report
    /// from now on is dropped.
    pub fn new_round(&self) {
        self.round.fetch_add(1, Ordering::SeqCst);
        while self.rx.try_recv().is_ok() {}
    }

    /// Waits for the init a telemetry extension goes through: register, subscribe, then its
    /// first `event/next`.
    pub fn ready(&self, timeout: Duration) -> Result<(Destination, Waiting), String> {
        let until = Instant::now() + timeout;
        let (mut registered, mut destination) = (false, None);
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.recv(left, "registration, subscription and event/next")? {
                Msg::Registered if !registered => registered = true,
                Msg::Registered => return Err("a second registration".into()),
                Msg::Subscribed(_) if !registered => {
                    return Err("a subscription before the registration".into());
                }
                Msg::Subscribed(d) => destination = Some(d),
                Msg::Next(reply) => {
                    return destination
                        .map(|d| (d, Waiting(reply)))
                        .ok_or_else(|| "event/next before any telemetry subscription".into());
                }
                Msg::Failed(e) => return Err(e),
            }
        }
    }

    /// Waits up to `timeout` for the extension's next `event/next`.
    pub fn next(&self, timeout: Duration) -> Result<Waiting, String> {
        match self.recv(timeout, "an event/next")? {
            Msg::Next(reply) => Ok(Waiting(reply)),
            Msg::Failed(e) => Err(e),
            Msg::Registered | Msg::Subscribed(_) => {
                Err("a registration or subscription after init".into())
            }
        }
    }

    /// The next report of this round's connections.
    fn recv(&self, timeout: Duration, what: &str) -> Result<Msg, String> {
        let until = Instant::now() + timeout;
        let round = self.round.load(Ordering::SeqCst);
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((r, msg)) if r == round => return Ok(msg),
                // A stale event/next is dropped with its reply channel: that connection closes.
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!("waited {timeout:?} for {what}"));
                }
                Err(RecvTimeoutError::Disconnected) => return Err("the server stopped".into()),
            }
        }
    }
}

/// A connection's way to the [`Api`], its reports stamped with its round.
struct Tx {
    round: u64,
    tx: Sender<Report>,
}

impl Tx {
    fn send(&self, msg: Msg) -> Result<(), mpsc::SendError<Report>> {
        self.tx.send((self.round, msg))
    }
}

/// Serves one connection's requests until it closes; what goes wrong is reported, not raised.
fn serve(conn: TcpStream, tx: &Tx) {
    let _ = conn.set_nodelay(true);
    let Ok(mut out) = conn.try_clone() else {
        return;
    };
    let mut r = BufReader::new(conn);
    loop {
        let head = match read_head(&mut r) {
            Ok(Some(head)) => head,
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
fn answer(head: &Head, r: &mut Reader, out: &mut TcpStream, tx: &Tx) -> Result<bool, String> {
    let body = body(head, r)?;
    let path = head.path.as_str();
    match (head.method.as_str(), path) {
        ("POST", "/2020-01-01/extension/register") => {
            if head
                .header("lambda-extension-name")
                .is_none_or(str::is_empty)
            {
                return Err("no Lambda-Extension-Name".into());
            }
            let _ = tx.send(Msg::Registered);
            let identity =
                br#"{"functionName":"extension-bench","functionVersion":"$LATEST","handler":"bootstrap"}"#;
            respond(
                out,
                &[("Lambda-Extension-Identifier", IDENTIFIER)],
                identity,
            )?;
            Ok(true)
        }
        ("PUT", "/2022-07-01/telemetry") => {
            identified(head)?;
            let _ = tx.send(Msg::Subscribed(destination(&body)?));
            respond(out, &[], br#""OK""#)?;
            Ok(true)
        }
        ("GET", "/2020-01-01/extension/event/next") => {
            identified(head)?;
            let (reply, event) = mpsc::channel();
            if tx.send(Msg::Next(reply)).is_err() {
                return Ok(false);
            }
            // The bench dropped this event/next: close, as Lambda does once the sandbox ends.
            let Ok(event) = event.recv() else {
                return Ok(false);
            };
            respond(
                out,
                &[("Lambda-Extension-Event-Identifier", "7a1b2c3d")],
                event.as_bytes(),
            )?;
            Ok(true)
        }
        _ => Err(format!(
            "not expected here: {}",
            String::from_utf8_lossy(&body)
        )),
    }
}

/// Every request after registration carries the identifier it got.
fn identified(head: &Head) -> Result<(), String> {
    match head.header("lambda-extension-identifier") {
        Some(IDENTIFIER) => Ok(()),
        other => Err(format!("Lambda-Extension-Identifier {other:?}")),
    }
}

/// A 200 with a JSON body and `headers`.
fn respond(out: &mut TcpStream, headers: &[(&str, &str)], body: &[u8]) -> Result<(), String> {
    let mut response = String::from("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
    for (name, value) in headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = response.into_bytes();
    bytes.extend_from_slice(body);
    out.write_all(&bytes).map_err(|e| e.to_string())
}

/// A request's whole body (`Content-Length`; none without one), at most [`MAX_BODY`].
fn body(head: &Head, r: &mut Reader) -> Result<Vec<u8>, String> {
    if head.has("transfer-encoding", "chunked") {
        return Err("a chunked request body (the extensions tested send Content-Length)".into());
    }
    let length: usize = match head.header("content-length") {
        Some(n) => n
            .parse()
            .map_err(|_| format!("a bad Content-Length {n:?}"))?,
        None => 0,
    };
    if length > MAX_BODY {
        return Err(format!("a {length}-byte body (at most {MAX_BODY})"));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body).map_err(|e| e.to_string())?;
    Ok(body)
}

/// The HTTP destination of a subscription body: `http://sandbox.localdomain:PORT[/PATH]` (or
/// `sandbox`), reached on 127.0.0.1.
fn destination(body: &[u8]) -> Result<Destination, String> {
    let v: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| format!("a subscription that is not JSON: {e}"))?;
    let d = v
        .get("destination")
        .ok_or("a subscription without destination")?;
    if d.get("protocol").and_then(|p| p.as_str()) != Some("HTTP") {
        return Err(format!("destination {d}: only HTTP is served here"));
    }
    let uri = d
        .get("URI")
        .and_then(|u| u.as_str())
        .ok_or("an HTTP destination without URI")?;
    let bad = || format!("destination.URI {uri} is not http://sandbox.localdomain:PORT/...");
    let rest = uri.strip_prefix("http://").ok_or_else(bad)?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let (host, port) = authority.split_once(':').ok_or_else(bad)?;
    if !["sandbox.localdomain", "sandbox"]
        .iter()
        .any(|h| host.eq_ignore_ascii_case(h))
    {
        return Err(bad());
    }
    Ok(Destination {
        port: port.parse().ok().filter(|p| *p > 0).ok_or_else(bad)?,
        path: if path.is_empty() { "/" } else { path }.to_owned(),
    })
}

/// Lambda's side of a subscription: batches POSTed to the extension's listener over one
/// kept-alive connection, each waited for before the next.
pub struct Telemetry {
    to: Destination,
    conn: Option<(Reader, TcpStream)>,
}

/// How long the first connection is retried: a listener may be bound after its subscription
/// went out (the official crate binds in a spawned task).
const CONNECT: Duration = Duration::from_secs(10);

impl Telemetry {
    pub fn new(to: Destination) -> Self {
        Self { to, conn: None }
    }

    /// POSTs one batch and waits for its 200.
    pub fn post(&mut self, batch: &[u8]) -> Result<(), String> {
        let (r, w) = match &mut self.conn {
            Some(conn) => conn,
            None => self.conn.insert(connect(self.to.port)?),
        };
        let head = format!(
            "POST {} HTTP/1.1\r\nHost: sandbox.localdomain:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.to.path,
            self.to.port,
            batch.len()
        );
        w.write_all(head.as_bytes())
            .and_then(|()| w.write_all(batch))
            .map_err(|e| format!("sending a batch: {e}"))?;
        let status = line(r)?.ok_or("the listener closed the connection before answering")?;
        let headers = fields(r)?;
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let length: usize = header("content-length")
            .map(|n| n.parse().map_err(|_| format!("a bad Content-Length {n:?}")))
            .transpose()?
            .unwrap_or(0);
        let mut answer = vec![0; length.min(MAX_BODY)];
        r.read_exact(&mut answer).map_err(|e| e.to_string())?;
        if !status.starts_with("HTTP/1.1 200") {
            return Err(format!(
                "the listener answered a batch with {status:?} {}",
                String::from_utf8_lossy(&answer)
            ));
        }
        if header("connection").is_some_and(|c| c.eq_ignore_ascii_case("close")) {
            self.conn = None;
        }
        Ok(())
    }
}

/// Connects to the listener on `port`, retrying while it is not yet bound.
fn connect(port: u16) -> Result<(Reader, TcpStream), String> {
    let until = Instant::now() + CONNECT;
    loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(conn) => {
                let _ = conn.set_nodelay(true);
                let w = conn.try_clone().map_err(|e| e.to_string())?;
                return Ok((BufReader::new(conn), w));
            }
            Err(e) if Instant::now() > until => {
                return Err(format!("the telemetry listener on port {port}: {e}"));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_on_this_machine() {
        let ok = |uri: &str| {
            destination(
                format!(r#"{{"destination":{{"protocol":"HTTP","URI":"{uri}"}}}}"#).as_bytes(),
            )
        };
        assert_eq!(
            ok("http://sandbox.localdomain:9003"),
            Ok(Destination {
                port: 9003,
                path: "/".into()
            })
        );
        assert_eq!(
            ok("http://sandbox:8080/t"),
            Ok(Destination {
                port: 8080,
                path: "/t".into()
            })
        );
        assert!(ok("http://example.com:80").is_err());
        assert!(ok("http://sandbox.localdomain:0").is_err());
        assert!(destination(br#"{"destination":{"protocol":"TCP","port":9"}}"#).is_err());
    }
}
