#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;

/// What decoding a whole input gives: the body, the data of each chunk, the trailers and how
/// many bytes the body took; or the error.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    Body {
        chunks: &'static [&'static [u8]],
        trailers: &'static [(&'static str, &'static str)],
    },
    Error(ChunkError),
    /// Valid so far, never complete.
    Partial,
}

const TRAILERS: &[(&str, &str)] = &[
    ("Lambda-Runtime-Function-Error-Type", "Function.X"),
    ("Lambda-Runtime-Function-Error-Body", "eyJ4IjoxfQ=="),
];

const CASES: &[(&[u8], Expect)] = &[
    (
        b"0\r\n\r\n",
        Expect::Body {
            chunks: &[],
            trailers: &[],
        },
    ),
    (
        b"5\r\nhello\r\n0\r\n\r\n",
        Expect::Body {
            chunks: &[b"hello"],
            trailers: &[],
        },
    ),
    // Hex either case, leading zeros, extensions with and without values, whitespace.
    (
        b"A;name=value\r\n0123456789\r\n00b ; x\r\nabcdefghijk\r\n1;\"q\"=\"a;b\"\r\n!\r\n0;last\r\n\r\n",
        Expect::Body {
            chunks: &[b"0123456789", b"abcdefghijk", b"!"],
            trailers: &[],
        },
    ),
    (
        b"3\r\nabc\r\n0\r\nLambda-Runtime-Function-Error-Type: Function.X\r\nLambda-Runtime-Function-Error-Body:  eyJ4IjoxfQ== \r\n\r\n",
        Expect::Body {
            chunks: &[b"abc"],
            trailers: TRAILERS,
        },
    ),
    // CR and LF inside data are data.
    (
        b"4\r\n\r\n\r\n\r\n0\r\n\r\n",
        Expect::Body {
            chunks: &[b"\r\n\r\n"],
            trailers: &[],
        },
    ),
    (b"\r\n", Expect::Error(ChunkError::BadSize)),
    (b"zz\r\n", Expect::Error(ChunkError::BadSize)),
    (b"-1\r\n", Expect::Error(ChunkError::BadSize)),
    (b";x\r\n", Expect::Error(ChunkError::BadSize)),
    (b"5\n", Expect::Error(ChunkError::BadSize)),
    (b"5\rx", Expect::Error(ChunkError::BadSize)),
    (b"5 6\r\n", Expect::Error(ChunkError::BadSize)),
    (b"0x5\r\n", Expect::Error(ChunkError::BadSize)),
    (
        b"1ffffffffffffffff\r\n",
        Expect::Error(ChunkError::Overflow),
    ),
    (b"3\r\nabcd\r\n", Expect::Error(ChunkError::BadTerminator)),
    (b"3\r\nabc\n", Expect::Error(ChunkError::BadTerminator)),
    (
        b"0\r\nNot a field\r\n\r\n",
        Expect::Error(ChunkError::BadTrailers),
    ),
    (b"3\r\nabc\r\n", Expect::Partial),
    (b"3;ext\r\nab", Expect::Partial),
    (b"0\r\nX: y\r\n", Expect::Partial),
];

/// The chunks and trailers of a complete body; `None` when the input ran out first.
type Decoded = Result<Option<(Vec<Vec<u8>>, Vec<(String, String)>)>, ChunkError>;

/// Feeds `parts` in turn (unconsumed bytes carried over), collecting chunks; the first error
/// ends it. `Ok(None)` when the input ran out first.
fn run(parts: &[&[u8]]) -> Decoded {
    let mut decoder = Decoder::new();
    let mut chunks = Vec::new();
    let mut current = Vec::new();
    let mut pending = Vec::new();
    for part in parts {
        pending.extend_from_slice(part);
        loop {
            let (used, frame) = decoder.decode(&pending)?;
            let progressed = used > 0;
            match frame {
                Frame::Data(d) => current.extend_from_slice(d),
                Frame::ChunkEnd => chunks.push(std::mem::take(&mut current)),
                Frame::Done => {
                    assert!(decoder.is_done());
                    return Ok(Some((chunks, decoder.trailers().to_vec())));
                }
                Frame::Partial => {}
            }
            pending.drain(..used);
            if !progressed || pending.is_empty() {
                break;
            }
        }
    }
    Ok(None)
}

fn check(input: &[u8], expect: &Expect, got: Decoded, how: &str) {
    let text = String::from_utf8_lossy(input);
    match (expect, got) {
        (Expect::Body { chunks, trailers }, Ok(Some((got, got_trailers)))) => {
            let want: Vec<Vec<u8>> = chunks.iter().map(|c| c.to_vec()).collect();
            assert_eq!(got, want, "{text:?} {how}");
            let want: Vec<(String, String)> = trailers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            assert_eq!(got_trailers, want, "{text:?} {how}");
        }
        (Expect::Error(e), Err(got)) => assert_eq!(&got, e, "{text:?} {how}"),
        (Expect::Partial, Ok(None)) => {}
        (want, got) => panic!("{text:?} {how}: want {want:?}, got {got:?}"),
    }
}

#[test]
fn every_split_decodes_the_same() {
    for (input, expect) in CASES {
        check(input, expect, run(&[input]), "whole");
        for cut in 0..=input.len() {
            let (a, b) = input.split_at(cut);
            check(input, expect, run(&[a, b]), &format!("split at {cut}"));
        }
        let bytes: Vec<&[u8]> = input.chunks(1).collect();
        check(input, expect, run(&bytes), "byte by byte");
    }
}

#[test]
fn bytes_after_the_body_are_not_consumed() {
    let input = b"2\r\nhi\r\n0\r\n\r\nGET / HTTP/1.1\r\n\r\n";
    let mut decoder = Decoder::new();
    let mut at = 0;
    loop {
        let (used, frame) = decoder.decode(&input[at..]).unwrap();
        at += used;
        if frame == Frame::Done {
            break;
        }
    }
    assert_eq!(&input[at..], b"GET / HTTP/1.1\r\n\r\n");
    // Done stays done and consumes nothing more.
    assert_eq!(decoder.decode(b"more").unwrap(), (0, Frame::Done));
}

#[test]
fn lines_and_trailers_are_bounded() {
    let mut long = b"1;".to_vec();
    long.resize(MAX_LINE + 10, b'x');
    assert_eq!(run(&[&long]), Err(ChunkError::BadSize));
    let mut trailers = b"0\r\nX: ".to_vec();
    trailers.resize(MAX_TRAILERS + 10, b'y');
    assert_eq!(run(&[&trailers]), Err(ChunkError::BadTrailers));
}
