//! The session's edges: requests out of order, buffers too small, hostile header values,
//! broken connections and bytes nobody asked for.

use super::*;
use crate::diagnostic::MAX_ERROR_TYPE;
use embedded_io::ErrorKind;

/// Sends what is pending and feeds `answer` whole.
fn exchange(s: &mut Session<'_>, answer: &[u8]) {
    assert!(s.poll_transmit().is_some());
    s.handle_transmitted();
    feed(s, answer, Split::At(answer.len()), false);
}

fn register(s: &mut Session<'_>) {
    s.register(&Registration::new("ext")).unwrap();
    exchange(s, &registered("", "{}"));
    assert_eq!(s.poll_event(), Some(Event::Registered(reg(ID))));
}

#[test]
fn requests_out_of_order_are_refused_without_effect() {
    let (mut rx, mut tx) = ([0u8; 512], [0u8; 1024]);
    let mut s = Session::new(api(), &mut rx, &mut tx);
    s.handle_connected();
    let diag = Diagnostic::new("Extension.X", &"x");
    let out_of_order = Err(ExtensionError::OutOfOrder);
    assert_eq!(s.next_event(), out_of_order);
    assert_eq!(s.init_error(&diag), out_of_order);
    assert_eq!(s.exit_error(&diag), out_of_order);
    assert_eq!((s.poll_transmit(), s.poll_event()), (None, None));

    s.register(&Registration::new("ext")).unwrap();
    // One request at a time: while it is to be sent, and while its answer is awaited.
    assert_eq!(s.register(&Registration::new("ext")), out_of_order);
    s.handle_transmitted();
    assert_eq!(s.register(&Registration::new("ext")), out_of_order);
    feed(&mut s, &registered("", "{}"), Split::Dribble, false);
    assert_eq!(s.identifier(), Some(ID));
    // Registered once only; the refusal leaves the answer in place.
    assert_eq!(s.register(&Registration::new("ext")), out_of_order);
    assert_eq!(s.poll_event(), Some(Event::Registered(reg(ID))));
    assert_eq!(s.next_event(), Ok(()));

    let long = "i".repeat(MAX_IDENTIFIER + 1);
    for bad in ["", long.as_str()] {
        let (mut rx, mut tx) = ([0u8; 64], [0u8; 64]);
        let s = Session::with_identifier(api(), bad, &mut rx, &mut tx);
        assert_eq!(s.err(), Some(ExtensionError::MissingIdentifier));
    }
}

#[test]
fn buffers_too_small_say_so() {
    let too_small = Err(ExtensionError::BufferTooSmall);
    let (mut rx, mut tx) = ([0u8; 64], [0u8; 64]);
    let mut s = Session::new(api(), &mut rx, &mut tx);
    s.handle_connected();
    assert_eq!(s.register(&Registration::new("ext")), too_small);
    assert_eq!((s.poll_transmit(), s.poll_event()), (None, None));

    let (mut rx, mut tx) = ([0u8; 0], [0u8; 512]);
    let mut s = Session::new(api(), &mut rx, &mut tx);
    assert_eq!(s.register(&Registration::new("ext")), too_small);

    // A report needs its head and the smallest diagnostic; beyond that the message is cut.
    let diag = Diagnostic::new("Extension.Crash", &"a long message that will not fit whole");
    let (mut rx, mut tx) = ([0u8; 64], [0u8; 200]);
    let mut s = Session::with_identifier(api(), ID, &mut rx, &mut tx).unwrap();
    assert_eq!(s.exit_error(&diag), too_small);
    let (mut rx, mut tx) = ([0u8; 64], [0u8; 330]);
    let mut s = Session::with_identifier(api(), ID, &mut rx, &mut tx).unwrap();
    s.handle_connected();
    s.exit_error(&diag).unwrap();
    let sent = String::from_utf8(s.poll_transmit().unwrap().to_vec()).unwrap();
    let (head, body) = sent.split_once("\r\n\r\n").unwrap();
    assert!(
        head.ends_with(&format!("\r\nContent-Length: {}", body.len())),
        "{sent}"
    );
    let doc: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(doc["errorType"], "Extension.Crash");
    assert!(
        doc["errorMessage"].as_str().unwrap().ends_with('…'),
        "{body}"
    );
}

#[test]
fn header_values_cannot_inject() {
    let (mut rx, mut tx) = ([0u8; 512], [0u8; 2048]);
    let mut s = Session::new(api(), &mut rx, &mut tx);
    s.handle_connected();
    s.register(&Registration::new("ext\r\nX-Evil: 1\n"))
        .unwrap();
    let sent = String::from_utf8(s.poll_transmit().unwrap().to_vec()).unwrap();
    assert_eq!(
        sent,
        register_req("ext__X-Evil: 1_", "", r#"{"events":[]}"#)
    );

    let (mut rx, mut tx) = ([0u8; 512], [0u8; 2048]);
    let mut s = Session::with_identifier(api(), "id\r\nX-Evil: 1", &mut rx, &mut tx).unwrap();
    s.handle_connected();
    s.next_event().unwrap();
    let sent = String::from_utf8(s.poll_transmit().unwrap().to_vec()).unwrap();
    assert_eq!(sent, next_req("id__X-Evil: 1"));

    // The error type: one header line, cut like the body's errorType; the body escapes it.
    let ty = format!("Extension.Bad\r\nX-Evil: 1{}", "T".repeat(300));
    let diag = Diagnostic::new(&ty, &"m");
    s.handle_transmitted();
    feed(&mut s, ACCEPTED, Split::Dribble, false);
    s.init_error(&diag).unwrap();
    let sent = String::from_utf8(s.poll_transmit().unwrap().to_vec()).unwrap();
    let (head, body) = sent.split_once("\r\n\r\n").unwrap();
    let header = format!(
        "\r\nLambda-Extension-Function-Error-Type: Extension.Bad__X-Evil: 1{}\r\n",
        "T".repeat(MAX_ERROR_TYPE - 24)
    );
    assert!(head.contains(&header), "{head}");
    assert_eq!(head.lines().count(), 6, "{head}");
    let doc: serde_json::Value = serde_json::from_str(body).unwrap();
    assert!(
        doc["errorType"]
            .as_str()
            .unwrap()
            .starts_with("Extension.Bad\r\nX-Evil")
    );
}

#[test]
fn broken_connections_fail_the_exchange_and_ask_for_another() {
    let (mut rx, mut tx) = ([0u8; 512], [0u8; 1024]);
    let mut s = Session::with_identifier(api(), ID, &mut rx, &mut tx).unwrap();
    s.handle_connected();
    // A failed write.
    s.next_event().unwrap();
    s.handle_io_error(ErrorKind::BrokenPipe);
    assert_eq!(
        s.poll_event(),
        Some(Event::Failed(ExtensionError::Io(ErrorKind::BrokenPipe)))
    );
    // The request may be asked again; it waits for a connection.
    s.next_event().unwrap();
    assert_eq!(
        (s.poll_transmit(), s.poll_event()),
        (None, Some(Event::Reconnect))
    );
    s.handle_connected();
    assert_eq!(s.poll_transmit(), Some(next_req(ID).as_bytes()));
    // A failed read.
    s.handle_transmitted();
    s.recv_buf()[..4].copy_from_slice(b"HTTP");
    s.handle_recv(4);
    s.handle_io_error(ErrorKind::ConnectionReset);
    let reset = Some(Event::Failed(ExtensionError::Io(
        ErrorKind::ConnectionReset,
    )));
    assert_eq!(s.poll_event(), reset);
    // A new connection while an answer is awaited loses that answer.
    s.next_event().unwrap();
    s.handle_connected();
    s.handle_transmitted();
    s.handle_connected();
    assert_eq!(s.poll_event(), reset);
    assert!(!s.is_awaiting());
    // An I/O error with nothing in flight only drops the connection.
    s.handle_io_error(ErrorKind::TimedOut);
    assert_eq!(s.poll_event(), reset);
    assert!(!s.connected);
}

#[test]
fn bytes_nobody_asked_for_drop_the_connection_not_the_answer() {
    let (mut rx, mut tx) = ([0u8; 512], [0u8; 1024]);
    let mut s = Session::new(api(), &mut rx, &mut tx);
    s.handle_connected();
    // A second answer glued to the first: the first counts, the connection is out of step.
    s.register(&Registration::new("ext")).unwrap();
    exchange(&mut s, &[registered("", "{}"), ACCEPTED.to_vec()].concat());
    assert_eq!(s.poll_event(), Some(Event::Registered(reg(ID))));
    assert!(!s.connected);

    let (mut rx, mut tx) = ([0u8; 512], [0u8; 1024]);
    let mut s = Session::new(api(), &mut rx, &mut tx);
    s.handle_connected();
    register(&mut s);
    // Bytes after the answer was read, then the end of an idle connection.
    s.recv_buf()[..3].copy_from_slice(b"xyz");
    s.handle_recv(3);
    assert_eq!(s.poll_event(), Some(Event::Registered(reg(ID))));
    assert!(!s.connected);
    s.handle_connected();
    s.handle_recv(0);
    assert!(!s.connected);
    s.next_event().unwrap();
    assert_eq!(s.poll_event(), Some(Event::Reconnect));
}
