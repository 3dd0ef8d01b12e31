//! The tokio run: `lambkin_extension::tokio::run(extension).await` inside a tokio runtime
//! (current-thread is enough).

use std::io;

use embedded_io_adapters::tokio_1::FromTokio;
use tokio::net::{TcpListener, TcpStream};

use crate::nonblocking::{self, Net};
use crate::{Error, Extension};

/// Registers `extension`, subscribes it, and runs it until SHUTDOWN.
pub async fn run(extension: Extension) -> Result<(), Error> {
    nonblocking::run::<Tokio>(extension).await
}

struct Tokio;

impl Net for Tokio {
    type Stream = FromTokio<TcpStream>;
    type Listener = TcpListener;

    async fn connect(host: &str, port: u16) -> io::Result<Self::Stream> {
        let stream = TcpStream::connect((host, port)).await?;
        stream.set_nodelay(true)?;
        Ok(FromTokio::new(stream))
    }

    fn bind(port: u16) -> io::Result<(TcpListener, u16)> {
        // Bound synchronously, so the port is listening before the subscription is sent.
        let socket = std::net::TcpListener::bind(("0.0.0.0", port))?;
        socket.set_nonblocking(true)?;
        let port = socket.local_addr()?.port();
        Ok((TcpListener::from_std(socket)?, port))
    }

    async fn accept(listener: &TcpListener) -> io::Result<Self::Stream> {
        Ok(FromTokio::new(listener.accept().await?.0))
    }

    async fn read(stream: &mut Self::Stream, into: &mut [u8]) -> usize {
        use embedded_io_async::Read;
        match tokio::time::timeout(nonblocking::stall(), stream.read(into)).await {
            Ok(Ok(n)) => n,
            _ => 0,
        }
    }

    async fn back_off() {
        tokio::time::sleep(crate::listener::ACCEPT_BACKOFF).await;
    }
}
