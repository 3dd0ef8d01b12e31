//! Connecting: blocking `std::net` sockets, each registered with the worker pool so that a
//! fatal stop can shut every worker's connection (a blocking read cannot be cancelled).

use std::io;
use std::net::TcpStream;

use embedded_io_adapters::std::FromStd;
use lambkin_core::RuntimeApi;
use lambkin_core::driver::Blocking;
use lambkin_host::{Connect, connect_blocking};

use crate::exec::Shared;

/// One worker's connections.
pub(crate) struct StdConnect<'s> {
    pub shared: &'s Shared,
    pub worker: usize,
}

impl Connect for StdConnect<'_> {
    type Stream = Blocking<FromStd<TcpStream>>;
    const BLOCKING: bool = true;

    async fn connect(&mut self, api: &RuntimeApi<'_>) -> io::Result<Self::Stream> {
        if self.shared.is_stopping() {
            return Err(io::Error::other("runtime is stopping"));
        }
        let stream = connect_blocking(api)?;
        self.shared.track(self.worker, &stream);
        Ok(Blocking(FromStd::new(stream)))
    }
}
