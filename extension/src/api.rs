//! The Extensions API over a blocking `std::net` connection: core's [`Session`] asks and
//! reads, this only connects and moves bytes.

use std::net::TcpStream;

use embedded_io_adapters::std::FromStd;
use lambkin_core::extension::{Event, ExtensionError, Session, driver};
use lambkin_core::{Diagnostic, RuntimeApi};

use crate::{Error, refusal, reported};

/// One kept-alive connection to the Extensions API, reopened when the API closes it.
#[derive(Default)]
pub(crate) struct Conn(Option<FromStd<TcpStream>>);

impl Conn {
    /// Sends the request `session` holds and hands its answer to `f`; a refusal or a failed
    /// exchange is an error. The session must hold a request.
    pub(crate) fn exchange<R>(
        &mut self,
        api: &RuntimeApi<'_>,
        session: &mut Session<'_>,
        f: impl FnOnce(&Event<'_>) -> Option<R>,
    ) -> Result<R, Error> {
        // A session is new for each phase; a connection kept from the last one is still open.
        if self.0.is_some() {
            session.handle_connected();
        }
        loop {
            let stream = match &mut self.0 {
                Some(s) => s,
                None => {
                    let s = TcpStream::connect((api.host(), api.port())).map_err(|e| {
                        format!(
                            "cannot connect to the Extensions API at {}: {e}",
                            api.authority()
                        )
                    })?;
                    // Nagle would hold a small request back waiting for an ACK.
                    let _ = s.set_nodelay(true);
                    session.handle_connected();
                    self.0.insert(FromStd::new(s))
                }
            };
            let event = driver::exchange(session, stream);
            match event {
                Some(Event::Reconnect) => self.0 = None,
                Some(event) => {
                    if let Some(r) = f(&event) {
                        return Ok(r);
                    }
                    if matches!(event, Event::Failed(_)) {
                        self.0 = None;
                    }
                    return Err(refusal(&event));
                }
                None => return Err(Box::new(ExtensionError::OutOfOrder)),
            }
        }
    }

    /// Reports `error` on `init/error` (`init`) or `exit/error` with `error_type`, as an
    /// extension that gives up must, and returns it. `session` must be idle.
    pub(crate) fn give_up(
        &mut self,
        api: &RuntimeApi<'_>,
        session: &mut Session<'_>,
        init: bool,
        error_type: &str,
        error: Error,
    ) -> Error {
        let message = error.to_string();
        let diagnostic = Diagnostic::new(error_type, &message);
        let asked = if init {
            session.init_error(&diagnostic)
        } else {
            session.exit_error(&diagnostic)
        };
        let report = match asked {
            Ok(()) => self.exchange(api, session, |e| {
                matches!(e, Event::ErrorReported).then_some(())
            }),
            Err(e) => Err(e.into()),
        };
        reported(error, report)
    }
}
