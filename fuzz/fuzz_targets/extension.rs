//! The Extensions API client (`extension::register` and `next_event`) over a canned stream.
//!
//! Invariants: never panics; the result is the same for byte-at-a-time and random reads; a
//! registration succeeds only on a 2xx answer and returns exactly the first
//! `Lambda-Extension-Identifier` value (trimmed, 1..=128 bytes) an independent httparse
//! reading finds; the requests sent are single well-formed requests with the name and the
//! identifier sanitized into one header line each.
//!
//! Input: 8 bytes PRNG seed, 1 byte buffer size, the extension name up to `\n`, the answer.
#![no_main]

use lambkin_core::__private::trim;
use lambkin_core::RuntimeApi;
use lambkin_core::extension::{self, ExtensionError, MAX_IDENTIFIER};
use lambkin_core::http::HttpError;
use lambkin_emulator::wire;
use lambkin_fuzz::{Rng, le, sanitized};

struct Canned<'a, F: FnMut(usize) -> usize> {
    answer: &'a [u8],
    size: F,
    sent: Vec<u8>,
}

impl<F: FnMut(usize) -> usize> embedded_io::ErrorType for Canned<'_, F> {
    type Error = core::convert::Infallible;
}

impl<F: FnMut(usize) -> usize> embedded_io::Read for Canned<'_, F> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        if self.answer.is_empty() || buf.is_empty() {
            return Ok(0);
        }
        let n = (self.size)(self.answer.len())
            .clamp(1, self.answer.len())
            .min(buf.len());
        buf[..n].copy_from_slice(&self.answer[..n]);
        self.answer = &self.answer[n..];
        Ok(n)
    }
}

impl<F: FnMut(usize) -> usize> embedded_io::Write for Canned<'_, F> {
    fn write(&mut self, buf: &[u8]) -> Result<usize, Self::Error> {
        self.sent.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

type Registered = (Result<extension::Identifier, ExtensionError>, Vec<u8>);

fn register(
    api: &RuntimeApi<'_>,
    name: &str,
    answer: &[u8],
    cap: usize,
    size: impl FnMut(usize) -> usize,
) -> Registered {
    let mut s = Canned {
        answer,
        size,
        sent: Vec::new(),
    };
    let r = extension::register(&mut s, api, name, &mut vec![0u8; cap]);
    (r, s.sent)
}

/// Which head error is reported may depend on when the head is re-parsed.
fn head_error(r: &Result<extension::Identifier, ExtensionError>) -> bool {
    matches!(
        r,
        Err(ExtensionError::Http(
            HttpError::MalformedHead | HttpError::HeadTooLarge | HttpError::Truncated
        ))
    )
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let mut rng = Rng::new(le(&data[..8]));
    let cap = 256 + usize::from(data[8]) * 16;
    let rest = &data[9..];
    let (name, answer) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (String::from_utf8_lossy(&rest[..i]), &rest[i + 1..]),
        None => (String::from_utf8_lossy(rest), &[][..]),
    };
    let api = RuntimeApi::parse("http://127.0.0.1:9001/pre").unwrap();
    let (dribble, sent) = register(&api, &name, answer, cap, |_| 1);
    let (random, _) = register(&api, &name, answer, cap, |left| rng.chunk(left));
    if !(head_error(&dribble) && head_error(&random)) {
        assert_eq!(dribble, random, "result depends on the read split");
    }
    if dribble == Err(ExtensionError::BufferTooSmall) {
        return;
    }
    let (req, n) = match wire::parse_request(&sent, usize::MAX) {
        Ok(Some(r)) => r,
        other => panic!("malformed register request ({other:?}): {sent:?}"),
    };
    assert_eq!((n, req.method.as_str()), (sent.len(), "POST"));
    assert_eq!(req.path, "/pre/2020-01-01/extension/register");
    assert_eq!(
        req.header("lambda-extension-name"),
        Some(sanitized(&name).as_str())
    );
    assert_eq!(req.body, br#"{"events":[]}"#);
    let Ok(id) = dribble else {
        return;
    };
    // The oracle: status and the first identifier header, from httparse.
    let mut slots = [httparse::EMPTY_HEADER; 64];
    let mut resp = httparse::Response::new(&mut slots);
    let parsed = httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .parse_response(&mut resp, answer);
    if let Ok(httparse::Status::Complete(_)) = parsed {
        if (200..300).contains(&resp.code.unwrap()) {
            let first = resp
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("lambda-extension-identifier"))
                .map(|h| trim(h.value));
            assert_eq!(
                Some(id.as_bytes()),
                first,
                "identifier differs from the first header"
            );
        } else {
            assert!(
                resp.code.is_some_and(|c| (100..200).contains(&c)),
                "registered on a non-2xx status"
            );
        }
    }
    assert!(!id.is_empty() && id.len() <= MAX_IDENTIFIER);

    let mut s = Canned {
        answer: b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        size: |_| 3,
        sent: Vec::new(),
    };
    assert_eq!(
        extension::next_event(&mut s, &api, &id, &mut vec![0u8; cap]),
        Ok(())
    );
    let (req, n) = wire::parse_request(&s.sent, 0)
        .expect("well-formed")
        .expect("complete");
    assert_eq!((n, req.method.as_str()), (s.sent.len(), "GET"));
    assert_eq!(
        req.header("lambda-extension-identifier"),
        Some(sanitized(&id).as_str())
    );
});
