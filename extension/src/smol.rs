//! The smol (async-io) run: `lambkin_extension::smol::run(extension)` under any executor
//! driven by async-io (`smol::block_on`, `async_io::block_on`).

use std::io;
use std::net::{TcpListener, TcpStream, ToSocketAddrs};

use async_io::{Async, Timer};
use embedded_io_adapters::futures_03::FromFutures;

use crate::nonblocking::{self, Net};
use crate::{Error, Extension};

/// Registers `extension`, subscribes it, and runs it until SHUTDOWN.
pub async fn run(extension: Extension) -> Result<(), Error> {
    nonblocking::run::<Smol>(extension).await
}

struct Smol;

impl Net for Smol {
    type Stream = FromFutures<Async<TcpStream>>;
    type Listener = Async<TcpListener>;

    async fn connect(host: &str, port: u16) -> io::Result<Self::Stream> {
        let mut last = io::Error::other("the Runtime API host resolved to no address");
        for addr in (host, port).to_socket_addrs()? {
            match Async::<TcpStream>::connect(addr).await {
                Ok(stream) => {
                    stream.get_ref().set_nodelay(true)?;
                    return Ok(FromFutures::new(stream));
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    fn bind(port: u16) -> io::Result<(Self::Listener, u16)> {
        let socket = Async::<TcpListener>::bind(([0, 0, 0, 0], port))?;
        let port = socket.get_ref().local_addr()?.port();
        Ok((socket, port))
    }

    async fn accept(listener: &Self::Listener) -> io::Result<Self::Stream> {
        Ok(FromFutures::new(listener.accept().await?.0))
    }

    async fn read(stream: &mut Self::Stream, into: &mut [u8]) -> usize {
        use embedded_io_async::Read;
        let read = async { stream.read(into).await.unwrap_or(0) };
        let stalled = async {
            Timer::after(nonblocking::stall()).await;
            0
        };
        futures_lite::future::or(read, stalled).await
    }

    async fn back_off() {
        Timer::after(crate::listener::ACCEPT_BACKOFF).await;
    }
}
