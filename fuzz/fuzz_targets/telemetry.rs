//! The telemetry receiving side: the listener's HTTP request reader, the TCP line splitter and
//! the batch decoder, against arbitrary bytes in arbitrary splits.
//!
//! Invariants: never panics or hangs; the listener gives the same requests (method, path,
//! body, close, and every record decoded from the body) whether fed whole, a byte at a time or
//! in random reads, and then the same ending (closed, or an error); the line splitter gives the
//! same lines in any split; the batch decoder gives one item for each element of any array
//! serde_json accepts, and stops with a syntax error on nothing serde_json accepts as one.
//!
//! Input: 8 bytes PRNG seed, 1 byte buffer size (64 to 4,144 bytes), then the stream.
#![no_main]

use lambkin_core::extension::telemetry::{
    BatchError, LineError, Lines, Listener, Progress, records,
};
use lambkin_fuzz::{Rng, le};
use libfuzzer_sys::fuzz_target;

/// How a run feeds its reads.
#[derive(Clone, Copy)]
enum Feed {
    Whole,
    Dribble,
    Random(u64),
}

fn sizes(feed: Feed) -> impl FnMut(usize) -> usize {
    let mut rng = match feed {
        Feed::Random(seed) => Some(Rng::new(seed)),
        _ => None,
    };
    move |left| match (feed, rng.as_mut()) {
        (Feed::Dribble, _) => 1,
        (Feed::Random(_), Some(rng)) => rng.chunk(left),
        _ => left.max(1),
    }
}

fn batch(body: &mut [u8]) -> Vec<String> {
    records(body).map(|r| format!("{r:?}")).collect()
}

fn listen(stream: &[u8], cap: usize, feed: Feed) -> Vec<String> {
    let mut buf = vec![0u8; cap];
    let mut l = Listener::new(&mut buf);
    let mut size = sizes(feed);
    let mut out = Vec::new();
    let mut rest = stream;
    loop {
        let dst = l.recv_buf();
        assert!(!dst.is_empty(), "nowhere to read into while reading");
        let n = size(rest.len()).min(rest.len()).min(dst.len());
        dst[..n].copy_from_slice(&rest[..n]);
        rest = &rest[n..];
        let mut progress = l.handle_recv(n);
        while let Ok(Progress::Complete) = progress {
            let r = l.request().expect("a complete request");
            out.push(format!("{} {} {:?} {}", r.method, r.path, r.body, r.close));
            out.extend(batch(l.body_mut()));
            progress = l.next_request();
        }
        match progress {
            Ok(Progress::Partial) => assert!(n > 0, "partial after the end of the stream"),
            Ok(Progress::Closed) => {
                out.push("closed".into());
                return out;
            }
            Ok(Progress::Complete) => unreachable!(),
            Err(e) => {
                // Which error a broken stream ends with may depend on where reads fell.
                let _ = e.response();
                out.push("error".into());
                return out;
            }
        }
    }
}

fn lines(stream: &[u8], cap: usize, feed: Feed) -> Vec<Result<Vec<u8>, LineError>> {
    let mut buf = vec![0u8; cap];
    let mut l = Lines::new(&mut buf);
    let mut size = sizes(feed);
    let mut out = Vec::new();
    let mut rest = stream;
    let mut reads = 0usize;
    while !l.is_finished() {
        reads += 1;
        assert!(
            reads <= 2 * stream.len() + 4,
            "the line splitter does not progress"
        );
        let dst = l.recv_buf();
        let n = size(rest.len()).min(rest.len()).min(dst.len());
        dst[..n].copy_from_slice(&rest[..n]);
        rest = &rest[n..];
        l.handle_recv(n);
        while let Some(line) = l.next_line() {
            out.push(line.map(|l| l.to_vec()));
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 9 {
        return;
    }
    let seed = le(&data[..8]);
    let cap = 64 + usize::from(data[8]) * 16;
    let stream = &data[9..];

    let whole = listen(stream, cap, Feed::Whole);
    assert_eq!(listen(stream, cap, Feed::Dribble), whole, "dribbled");
    assert_eq!(
        listen(stream, cap, Feed::Random(seed)),
        whole,
        "random reads"
    );

    let split = lines(stream, cap, Feed::Whole);
    assert_eq!(lines(stream, cap, Feed::Dribble), split, "dribbled lines");
    assert_eq!(
        lines(stream, cap, Feed::Random(seed)),
        split,
        "random lines"
    );
    for line in split.into_iter().flatten() {
        assert!(!line.contains(&b'\n'));
        let mut line = line;
        let _ = batch(&mut line);
    }

    let mut body = stream.to_vec();
    let items: Vec<_> = records(&mut body).collect();
    if let Ok(array) = serde_json::from_slice::<Vec<serde_json::Value>>(stream) {
        assert_eq!(items.len(), array.len(), "{items:?}");
        assert!(!items.iter().any(|i| matches!(i, Err(BatchError::Syntax))));
        for (item, value) in items.iter().zip(&array) {
            if !value.is_object() {
                assert!(matches!(item, Err(BatchError::NotAnObject)), "{item:?}");
            }
            if let (Ok(record), Some(kind)) = (item, value.get("type").and_then(|t| t.as_str())) {
                // serde_json keeps the last of a repeated key, the decoder the first.
                if record.kind != kind {
                    let text = String::from_utf8_lossy(stream);
                    assert!(text.matches("\"type\"").count() > 1, "{record:?} vs {kind}");
                }
            }
        }
    }
});
