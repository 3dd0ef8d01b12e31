//! A freestanding program that exercises lambkin-core's decoders and session. It is only
//! linked, never run: the link is the proof that core needs neither std nor an allocator.
#![no_std]
#![no_main]

use core::hint::black_box;

use lambkin_core::{Config, Session, http, json};

#[derive(serde::Deserialize)]
struct Event<'a> {
    #[serde(borrow)]
    name: Option<&'a str>,
}

fn exercise() -> usize {
    let mut rx = [0u8; 8192];
    let mut tx = [0u8; 8192];
    let mut body = black_box(*b"{\"name\":\"a\\u00e9\"}");
    let mut n = 0;
    if let Ok(e) = json::from_slice::<Event<'_>>(&mut body) {
        n += e.name.map_or(0, str::len);
    }
    let api = black_box("127.0.0.1:9001");
    if let Ok(config) = Config::from_lookup(|k| (k == "AWS_LAMBDA_RUNTIME_API").then_some(api)) {
        if let Ok(mut session) = Session::new(config, &mut rx, &mut tx) {
            session.handle_connected();
            n += session.poll_transmit().map_or(0, <[u8]>::len);
            session.handle_transmitted();
            let input = black_box(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            let buf = session.recv_buf();
            let k = input.len().min(buf.len());
            if let (Some(dst), Some(src)) = (buf.get_mut(..k), input.get(..k)) {
                dst.copy_from_slice(src);
            }
            session.handle_recv(k);
            n += usize::from(session.poll_event().is_some());
        }
    }
    n + http::FAST_PATH_HEADERS
}

#[unsafe(no_mangle)]
pub extern "C" fn _start() -> ! {
    black_box(exercise());
    #[allow(clippy::empty_loop)]
    loop {}
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

// The C library functions the compiler may call; never executed, only linked.
#[unsafe(no_mangle)]
pub extern "C" fn memcpy(d: *mut u8, _: *const u8, _: usize) -> *mut u8 {
    d
}
#[unsafe(no_mangle)]
pub extern "C" fn memmove(d: *mut u8, _: *const u8, _: usize) -> *mut u8 {
    d
}
#[unsafe(no_mangle)]
pub extern "C" fn memset(d: *mut u8, _: i32, _: usize) -> *mut u8 {
    d
}
#[unsafe(no_mangle)]
pub extern "C" fn memcmp(_: *const u8, _: *const u8, _: usize) -> i32 {
    0
}
#[unsafe(no_mangle)]
pub extern "C" fn bcmp(_: *const u8, _: *const u8, _: usize) -> i32 {
    0
}
#[unsafe(no_mangle)]
pub extern "C" fn strlen(_: *const u8) -> usize {
    0
}
#[unsafe(no_mangle)]
pub extern "C" fn rust_eh_personality() {}
