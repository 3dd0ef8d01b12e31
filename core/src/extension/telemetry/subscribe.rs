//! What a subscription asks for, checked before anything is sent, and its request.
//!
//! Lambda answers a subscription it does not like with `400 ValidationError`; checking the
//! bounds here first gives the extension a clear error at the call site instead.

use core::fmt::{self, Write};

use crate::config::RuntimeApi;
use crate::request::HeaderValue;

/// Which stream a subscription is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Api {
    /// The Telemetry API, `PUT /2022-07-01/telemetry`, with its schema version.
    Telemetry(Schema),
    /// The legacy Logs API, `PUT /2020-08-15/logs`, schema `2021-03-18`.
    Logs,
}

/// A Telemetry API schema version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Schema {
    /// `2022-07-01`, the first.
    V2022_07_01,
    /// `2022-12-13`: adds `spans` and `tracing` to platform records.
    V2022_12_13,
    /// `2025-01-29`: required by Lambda Managed Instances, backward compatible.
    V2025_01_29,
}

impl Schema {
    /// The version as sent in `schemaVersion`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V2022_07_01 => "2022-07-01",
            Self::V2022_12_13 => "2022-12-13",
            Self::V2025_01_29 => "2025-01-29",
        }
    }
}

/// Which record types to receive (`types`). At least one is needed. Built from the constants:
/// `Types::PLATFORM.and(Types::EXTENSION)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Types {
    /// `platform`: `platform.*` records (init, invoke, report, restore, ...).
    pub platform: bool,
    /// `function`: the function's log lines.
    pub function: bool,
    /// `extension`: the extensions' log lines.
    pub extension: bool,
}

impl Types {
    /// No type: Lambda refuses a subscription to nothing.
    pub const NONE: Self = Self {
        platform: false,
        function: false,
        extension: false,
    };
    /// `platform` records only.
    pub const PLATFORM: Self = Self {
        platform: true,
        ..Self::NONE
    };
    /// `function` records only.
    pub const FUNCTION: Self = Self {
        function: true,
        ..Self::NONE
    };
    /// `extension` records only.
    pub const EXTENSION: Self = Self {
        extension: true,
        ..Self::NONE
    };
    /// Platform and function records, the official crate's default.
    pub const PLATFORM_AND_FUNCTION: Self = Self {
        platform: true,
        function: true,
        extension: false,
    };
    /// Every type.
    pub const ALL: Self = Self {
        platform: true,
        function: true,
        extension: true,
    };

    /// The types of both.
    pub const fn and(self, other: Self) -> Self {
        Self {
            platform: self.platform || other.platform,
            function: self.function || other.function,
            extension: self.extension || other.extension,
        }
    }
}

/// How Lambda batches records before sending them (`buffering`); a batch goes out when any
/// bound is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Buffering {
    /// `maxItems`: records a batch, 1,000 to 10,000.
    pub max_items: u32,
    /// `maxBytes`: bytes a batch, 262,144 to 1,048,576.
    pub max_bytes: u32,
    /// `timeoutMs`: longest wait, 25 to 30,000 ms.
    pub timeout_ms: u32,
}

impl Buffering {
    /// Lambda's bounds for `maxItems`.
    pub const MAX_ITEMS: (u32, u32) = (1_000, 10_000);
    /// Lambda's bounds for `maxBytes`.
    pub const MAX_BYTES: (u32, u32) = (262_144, 1_048_576);
    /// Lambda's bounds for `timeoutMs`.
    pub const TIMEOUT_MS: (u32, u32) = (25, 30_000);

    /// Lambda's defaults: 1,000 records, 256 KiB, 1,000 ms.
    pub const DEFAULT: Self = Self {
        max_items: 1_000,
        max_bytes: 262_144,
        timeout_ms: 1_000,
    };

    fn check(&self) -> Result<(), SubscriptionError> {
        let within = |v: u32, (lo, hi): (u32, u32)| (lo..=hi).contains(&v);
        if !within(self.max_items, Self::MAX_ITEMS) {
            Err(SubscriptionError::MaxItems(self.max_items))
        } else if !within(self.max_bytes, Self::MAX_BYTES) {
            Err(SubscriptionError::MaxBytes(self.max_bytes))
        } else if !within(self.timeout_ms, Self::TIMEOUT_MS) {
            Err(SubscriptionError::TimeoutMs(self.timeout_ms))
        } else {
            Ok(())
        }
    }
}

impl Default for Buffering {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Where Lambda sends the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Destination<'a> {
    /// HTTP POSTs of JSON arrays to `http://sandbox.localdomain:PORT`, the only host Lambda
    /// delivers to.
    HttpPort(u16),
    /// HTTP POSTs to this URI (for emulators that deliver elsewhere).
    HttpUri(&'a str),
    /// Newline-delimited JSON over a TCP connection to this port.
    Tcp(u16),
}

impl Destination<'_> {
    fn check(&self) -> Result<(), SubscriptionError> {
        match *self {
            Self::HttpPort(0) | Self::Tcp(0) => Err(SubscriptionError::Port),
            // Sent as a JSON string without escaping: nothing that would need it.
            Self::HttpUri(uri)
                if uri.is_empty()
                    || uri.chars().any(|c| c == '"' || c == '\\' || c.is_control()) =>
            {
                Err(SubscriptionError::Uri)
            }
            _ => Ok(()),
        }
    }
}

/// A Telemetry API or Logs API subscription: checked by [`Subscription::check`] (and by the
/// session before it encodes one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Subscription<'a> {
    /// Which API, and for the Telemetry API which schema.
    pub api: Api,
    /// Which records.
    pub types: Types,
    /// Batching; `None` leaves Lambda's defaults (and sends no `buffering`).
    pub buffering: Option<Buffering>,
    /// Where the records go.
    pub destination: Destination<'a>,
}

impl<'a> Subscription<'a> {
    /// A Telemetry API subscription with schema `2025-01-29` to platform and function records.
    pub const fn telemetry(destination: Destination<'a>) -> Self {
        Self {
            api: Api::Telemetry(Schema::V2025_01_29),
            types: Types::PLATFORM_AND_FUNCTION,
            buffering: None,
            destination,
        }
    }

    /// A Logs API subscription to platform and function records.
    pub const fn logs(destination: Destination<'a>) -> Self {
        Self {
            api: Api::Logs,
            types: Types::PLATFORM_AND_FUNCTION,
            buffering: None,
            destination,
        }
    }

    /// The same subscription with `types`.
    pub const fn with_types(self, types: Types) -> Self {
        Self { types, ..self }
    }

    /// The same subscription with `buffering`.
    pub const fn with_buffering(self, buffering: Buffering) -> Self {
        Self {
            buffering: Some(buffering),
            ..self
        }
    }

    /// Whether Lambda would accept it: a type, buffering within bounds, a usable destination.
    pub fn check(&self) -> Result<(), SubscriptionError> {
        let Types {
            platform,
            function,
            extension,
        } = self.types;
        if !(platform || function || extension) {
            return Err(SubscriptionError::NoTypes);
        }
        if let Some(b) = &self.buffering {
            b.check()?;
        }
        self.destination.check()
    }

    fn path(&self) -> &'static str {
        match self.api {
            Api::Telemetry(_) => "/2022-07-01/telemetry",
            Api::Logs => "/2020-08-15/logs",
        }
    }

    fn schema(&self) -> &'static str {
        match self.api {
            Api::Telemetry(s) => s.as_str(),
            Api::Logs => "2021-03-18",
        }
    }

    /// The JSON body.
    fn body(&self, w: &mut impl Write) -> fmt::Result {
        write!(w, r#"{{"schemaVersion":"{}","types":["#, self.schema())?;
        let types = [
            (self.types.platform, "platform"),
            (self.types.function, "function"),
            (self.types.extension, "extension"),
        ];
        let mut first = true;
        for (_, name) in types.iter().filter(|(on, _)| *on) {
            if !first {
                w.write_char(',')?;
            }
            first = false;
            write!(w, "\"{name}\"")?;
        }
        w.write_char(']')?;
        if let Some(b) = &self.buffering {
            write!(
                w,
                r#","buffering":{{"maxItems":{},"maxBytes":{},"timeoutMs":{}}}"#,
                b.max_items, b.max_bytes, b.timeout_ms
            )?;
        }
        match self.destination {
            Destination::HttpPort(port) => write!(
                w,
                r#","destination":{{"protocol":"HTTP","URI":"http://sandbox.localdomain:{port}"}}}}"#
            ),
            Destination::HttpUri(uri) => {
                write!(w, r#","destination":{{"protocol":"HTTP","URI":"{uri}"}}}}"#)
            }
            Destination::Tcp(port) => {
                write!(w, r#","destination":{{"protocol":"TCP","port":{port}}}}}"#)
            }
        }
    }
}

/// A subscription Lambda would refuse, found before sending it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum SubscriptionError {
    /// `types` is empty.
    NoTypes,
    /// `maxItems` is outside 1,000 to 10,000.
    MaxItems(u32),
    /// `maxBytes` is outside 262,144 to 1,048,576.
    MaxBytes(u32),
    /// `timeoutMs` is outside 25 to 30,000.
    TimeoutMs(u32),
    /// The destination port is 0.
    Port,
    /// The destination URI is empty or holds a quote, a backslash or a control character.
    Uri,
}

impl fmt::Display for SubscriptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoTypes => f.write_str("subscription names no record types"),
            Self::MaxItems(v) => write!(f, "buffering maxItems {v} is outside 1000..=10000"),
            Self::MaxBytes(v) => write!(f, "buffering maxBytes {v} is outside 262144..=1048576"),
            Self::TimeoutMs(v) => write!(f, "buffering timeoutMs {v} is outside 25..=30000"),
            Self::Port => f.write_str("subscription destination port is 0"),
            Self::Uri => f.write_str("subscription destination URI is empty or not plain text"),
        }
    }
}

impl core::error::Error for SubscriptionError {}

/// `PUT /2022-07-01/telemetry` or `PUT /2020-08-15/logs`. The subscription was checked.
pub(in crate::extension) fn request(
    w: &mut impl Write,
    api: &RuntimeApi<'_>,
    id: &str,
    subscription: &Subscription<'_>,
) -> fmt::Result {
    let len = crate::extension::request::measure(|c| subscription.body(c));
    write!(
        w,
        "PUT {}{} HTTP/1.1\r\nHost: {}\r\nLambda-Extension-Identifier: {}\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n",
        api.prefix(),
        subscription.path(),
        api.authority(),
        HeaderValue(id),
    )?;
    subscription.body(w)
}
