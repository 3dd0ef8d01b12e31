//! The Extensions API (2020-01-01): registration during init, and `event/next`, which holds
//! until the shutdown phase (then SHUTDOWN for subscribers, nothing for the rest).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::conn::Conn;
use super::epoch_ms;
use crate::ids;
use crate::wire::{self, Framing, Request};

/// Paths under this belong to the Extensions API.
pub(super) const PREFIX: &str = "/2020-01-01/extension/";

impl Conn {
    /// Routes `route`, the path after [`PREFIX`]; `false` closes the connection.
    pub(super) fn extensions_api(&mut self, route: &str, request: &Request) -> bool {
        match (request.method.as_str(), route) {
            ("POST", "register") => {
                let Some(name) = request
                    .header("Lambda-Extension-Name")
                    .filter(|n| !n.is_empty())
                else {
                    return self.error(400, "InvalidRequest", "missing Lambda-Extension-Name");
                };
                let events: Vec<String> =
                    serde_json::from_slice::<serde_json::Value>(&request.body)
                        .ok()
                        .and_then(|v| v.get("events").cloned())
                        .and_then(|e| serde_json::from_value(e).ok())
                        .unwrap_or_default();
                let id = ids::uuid();
                if !self
                    .shared
                    .register_extension(id.clone(), events.iter().any(|e| e == "SHUTDOWN"))
                {
                    let message = format!("{name} registered after init");
                    return self.error(403, "Extension.InvalidState", &message);
                }
                let identity = Arc::clone(&self.identity);
                let headers = [
                    ("Content-Type", "application/json"),
                    ("Lambda-Extension-Identifier", id.as_str()),
                ];
                wire::write_response(
                    &mut self.stream,
                    200,
                    &headers,
                    identity.as_bytes(),
                    &Framing::default(),
                )
                .is_ok()
            }
            ("GET", "event/next") => {
                let id = request
                    .header("Lambda-Extension-Identifier")
                    .unwrap_or_default();
                match self.shared.wait_extension_event(id) {
                    None => self.error(
                        403,
                        "Extension.UnknownExtensionIdentifier",
                        "unknown extension identifier",
                    ),
                    Some(true) => {
                        let deadline = epoch_ms(Instant::now() + Duration::from_millis(500));
                        let body = format!(
                            r#"{{"eventType":"SHUTDOWN","shutdownReason":"spindown","deadlineMs":{deadline}}}"#
                        );
                        self.reply(200, body.as_bytes())
                    }
                    Some(false) => false,
                }
            }
            _ => self.error(404, "NotFound", "no such route"),
        }
    }
}
