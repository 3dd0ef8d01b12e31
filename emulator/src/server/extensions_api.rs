//! The Extensions API (2020-01-01): registration during init, `event/next` (INVOKE for
//! subscribers with each invocation, SHUTDOWN at the shutdown phase), `init/error` and
//! `exit/error`. The rules live in [`agents`](crate::agents).

use std::sync::Arc;

use super::conn::Conn;
use crate::agents::Event;
use crate::ids;
use crate::invocation::ErrorReport;
use crate::wire::{self, Framing, Request};

/// Paths under this belong to the Extensions API.
pub(super) const PREFIX: &str = "/2020-01-01/extension/";

const IDENTIFIER: &str = "Lambda-Extension-Identifier";

impl Conn {
    /// Routes `route`, the path after [`PREFIX`]; `false` closes the connection.
    pub(super) fn extensions_api(&mut self, route: &str, request: &Request) -> bool {
        match (request.method.as_str(), route) {
            ("POST", "register") => self.register(request),
            ("GET", "event/next") => {
                let id = match self.identifier(request) {
                    Ok(id) => id,
                    Err(open) => return open,
                };
                match self.shared.extension_next(&id) {
                    Event::Unknown => self.unknown_identifier(),
                    Event::Body(body) => {
                        let event_id = ids::uuid();
                        let headers = [
                            ("Content-Type", "application/json"),
                            ("Lambda-Extension-Event-Identifier", event_id.as_str()),
                        ];
                        wire::write_response(
                            &mut self.stream,
                            200,
                            &headers,
                            body.as_bytes(),
                            &Framing::default(),
                        )
                        .is_ok()
                    }
                    Event::Ended => false,
                }
            }
            ("POST", kind @ ("init/error" | "exit/error")) => {
                let id = match self.identifier(request) {
                    Ok(id) => id,
                    Err(open) => return open,
                };
                let report = ErrorReport {
                    error_type: request
                        .header("Lambda-Extension-Function-Error-Type")
                        .unwrap_or("Extension.Unknown")
                        .to_owned(),
                    body: request.body.clone(),
                };
                if self
                    .shared
                    .extension_error(&id, report, kind == "init/error")
                {
                    self.accepted()
                } else {
                    self.unknown_identifier()
                }
            }
            (_, "register" | "event/next" | "init/error" | "exit/error") => {
                self.error(405, "MethodNotAllowed", "method not allowed")
            }
            _ => self.error(404, "NotFound", "no such route"),
        }
    }

    /// `PUT /2022-07-01/telemetry` (or the Logs API's `PUT /2020-08-15/logs`, `logs`).
    pub(super) fn subscribe(&mut self, request: &Request, logs: bool) -> bool {
        if request.method != "PUT" {
            return self.error(405, "MethodNotAllowed", "method not allowed");
        }
        let id = match self.identifier(request) {
            Ok(id) => id,
            Err(open) => return open,
        };
        match self.shared.subscribe(&id, &request.body, logs) {
            Ok(()) => self.reply(200, b"\"OK\""),
            Err((status, error_type, message)) => self.error(status, error_type, &message),
        }
    }

    fn register(&mut self, request: &Request) -> bool {
        let Some(name) = request
            .header("Lambda-Extension-Name")
            .filter(|n| !n.is_empty())
        else {
            return self.error(400, "InvalidRequest", "missing Lambda-Extension-Name");
        };
        let body = if request.body.is_empty() {
            Ok(serde_json::Value::Object(serde_json::Map::new()))
        } else {
            serde_json::from_slice::<serde_json::Value>(&request.body)
        };
        let events = body.ok().and_then(|v| match v.get("events") {
            None => Some(Vec::new()),
            Some(e) => serde_json::from_value::<Vec<String>>(e.clone()).ok(),
        });
        let Some(events) = events else {
            return self.error(
                403,
                "InvalidRequestFormat",
                "the body must be {\"events\":[...]}",
            );
        };
        let id = match self.shared.register_extension(name, &events) {
            Ok((id, _)) => id,
            Err(refusal) => {
                let message = refusal.message(name);
                return self.error(403, refusal.error_type(), &message);
            }
        };
        let identity = Arc::clone(&self.identity);
        let headers = [
            ("Content-Type", "application/json"),
            (IDENTIFIER, id.as_str()),
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

    /// The request's extension identifier; without one, `Err` once the 403 is written (with
    /// whether the connection stays open).
    fn identifier(&mut self, request: &Request) -> Result<String, bool> {
        match request.header(IDENTIFIER).filter(|i| !i.is_empty()) {
            Some(id) => Ok(id.to_owned()),
            None => Err(self.error(
                403,
                "Extension.MissingExtensionIdentifier",
                "missing Lambda-Extension-Identifier",
            )),
        }
    }

    fn unknown_identifier(&mut self) -> bool {
        self.error(
            403,
            "Extension.InvalidExtensionIdentifier",
            "unknown extension identifier",
        )
    }
}
