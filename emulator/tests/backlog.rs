//! The servers' accept queue holds a crowd: connections the kernel completes before anyone
//! accepts them (std's listeners hold 128; past that Linux drops handshakes).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
#![allow(clippy::std_instead_of_core, clippy::std_instead_of_alloc)]

use std::net::TcpStream;
use std::time::Duration;

/// Well past std's 128 and within a default 1,024 open-file limit.
const CROWD: usize = 600;

#[test]
fn a_crowd_connects_before_anyone_accepts() {
    let listener = lambkin_emulator::listen(("127.0.0.1", 0)).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut open = Vec::with_capacity(CROWD);
    for i in 0..CROWD {
        // A dropped handshake would leave connect waiting for its first SYN retry (1 s).
        let conn = TcpStream::connect_timeout(&addr, Duration::from_millis(500))
            .unwrap_or_else(|e| panic!("connection {i} of {CROWD}: {e}"));
        open.push(conn);
    }
    assert_eq!(open.len(), CROWD);
}
