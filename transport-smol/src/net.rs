//! Connecting: async-io sockets with `TCP_NODELAY`.

use std::io;
use std::net::{TcpStream, ToSocketAddrs};

use async_io::Async;
use embedded_io_adapters::futures_03::FromFutures;
use lambkin_core::RuntimeApi;
use lambkin_host::Connect;

/// Connects with async-io.
#[derive(Debug, Clone, Copy, Default)]
pub struct SmolConnect;

impl Connect for SmolConnect {
    type Stream = FromFutures<Async<TcpStream>>;

    async fn connect(&mut self, api: &RuntimeApi<'_>) -> io::Result<Self::Stream> {
        // The Runtime API is an IP literal in practice, so resolving never blocks for long.
        let mut last = io::Error::other("the Runtime API host resolved to no address");
        for addr in (api.host(), api.port()).to_socket_addrs()? {
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
}
