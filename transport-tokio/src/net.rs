//! Connecting: tokio sockets with `TCP_NODELAY`.

use std::io;

use embedded_io_adapters::tokio_1::FromTokio;
use lambkin_core::RuntimeApi;
use lambkin_host::Connect;
use tokio::net::TcpStream;

/// Connects with tokio.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioConnect;

impl Connect for TokioConnect {
    type Stream = FromTokio<TcpStream>;

    async fn connect(&mut self, api: &RuntimeApi<'_>) -> io::Result<Self::Stream> {
        let stream = TcpStream::connect((api.host(), api.port())).await?;
        stream.set_nodelay(true)?;
        Ok(FromTokio::new(stream))
    }
}
