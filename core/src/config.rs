//! Function configuration from the environment Lambda sets, read through a lookup function so
//! the core never touches `std::env` (and tests never need `set_var`).

use core::fmt;

/// Where the Runtime API is: `AWS_LAMBDA_RUNTIME_API`.
///
/// Lambda sets `host:port`; cargo-lambda sets `http://[::]:9000/.rt` (scheme and path prefix).
/// Both are accepted. `https` is refused: the Runtime API is plain HTTP on the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RuntimeApi<'e> {
    authority: &'e str,
    host: &'e str,
    port: u16,
    prefix: &'e str,
}

/// Longest accepted `AWS_LAMBDA_RUNTIME_API` authority and path prefix: both go into every
/// request head, which must fit the head room the session reserves.
pub const MAX_API_LEN: usize = 256;

impl<'e> RuntimeApi<'e> {
    /// Parses `host:port`, `[v6]:port`, `host` (port 80) or `http://authority/prefix`.
    pub fn parse(value: &'e str) -> Result<Self, ConfigError> {
        const VAR: &str = "AWS_LAMBDA_RUNTIME_API";
        let bad = ConfigError::Invalid(VAR);
        let value = value.trim();
        let rest = match value.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
            Some(_) => return Err(bad),
            None => value,
        };
        let (authority, prefix) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let prefix = prefix.trim_end_matches('/');
        let path_ok = prefix
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'?' | b'#' | b'%'));
        if authority.is_empty()
            || authority.len() > MAX_API_LEN
            || prefix.len() > MAX_API_LEN
            || !path_ok
        {
            return Err(bad);
        }
        let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
            let (addr, after) = v6.split_once(']').ok_or(bad)?;
            match after {
                "" => (addr, 80),
                p => (
                    addr,
                    parse_port(p.strip_prefix(':').ok_or(bad)?).ok_or(bad)?,
                ),
            }
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h, parse_port(p).ok_or(bad)?),
                None => (authority, 80),
            }
        };
        let host_ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'));
        if !host_ok {
            return Err(bad);
        }
        Ok(Self {
            authority,
            host,
            port,
            prefix,
        })
    }

    /// The value for the `Host` header, as given (`127.0.0.1:9001`, `[::]:9000`).
    pub fn authority(&self) -> &'e str {
        self.authority
    }

    /// The host to connect to, without IPv6 brackets (`::`).
    pub fn host(&self) -> &'e str {
        self.host
    }

    /// The TCP port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Path prefix before `/2018-06-01/...`, without a trailing slash (`""` on Lambda).
    pub fn prefix(&self) -> &'e str {
        self.prefix
    }
}

fn parse_port(p: &str) -> Option<u16> {
    if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    p.parse().ok().filter(|&p| p != 0)
}

/// How this execution environment was initialized (`AWS_LAMBDA_INITIALIZATION_TYPE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum InitializationType {
    /// `on-demand`, or not set.
    OnDemand,
    /// `provisioned-concurrency`.
    ProvisionedConcurrency,
    /// `snap-start`.
    SnapStart,
    /// `lambda-managed-instances`.
    ManagedInstances,
    /// A value this version does not know; kept so new platform values never fail init.
    Other,
}

impl InitializationType {
    fn parse(v: &str) -> Self {
        match v {
            "on-demand" | "" => Self::OnDemand,
            "provisioned-concurrency" => Self::ProvisionedConcurrency,
            "snap-start" => Self::SnapStart,
            "lambda-managed-instances" => Self::ManagedInstances,
            _ => Self::Other,
        }
    }
}

/// A missing or malformed environment value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum ConfigError {
    /// A required variable is not set.
    Missing(&'static str),
    /// A variable is set to something unusable.
    Invalid(&'static str),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(v) => write!(f, "environment variable {v} is not set"),
            Self::Invalid(v) => write!(f, "environment variable {v} has an invalid value"),
        }
    }
}

impl core::error::Error for ConfigError {}

/// The function's configuration, borrowing the environment's strings.
///
/// Only `AWS_LAMBDA_RUNTIME_API` is required; the rest default to what a local run needs
/// (Lambda always sets them). Malformed values are errors, never silently replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Config<'e> {
    /// `AWS_LAMBDA_RUNTIME_API`.
    pub runtime_api: RuntimeApi<'e>,
    /// `AWS_LAMBDA_FUNCTION_NAME` (empty if unset).
    pub function_name: &'e str,
    /// `AWS_LAMBDA_FUNCTION_MEMORY_SIZE` in MB (128 if unset).
    pub memory_size_mb: u32,
    /// `AWS_LAMBDA_FUNCTION_VERSION` (`$LATEST` if unset).
    pub version: &'e str,
    /// `AWS_LAMBDA_LOG_GROUP_NAME` (empty if unset).
    pub log_group: &'e str,
    /// `AWS_LAMBDA_LOG_STREAM_NAME` (empty if unset).
    pub log_stream: &'e str,
    /// `AWS_LAMBDA_INITIALIZATION_TYPE`.
    pub initialization_type: InitializationType,
    /// `AWS_LAMBDA_MAX_CONCURRENCY`: invocations this process serves at once (1 if unset).
    pub max_concurrency: u16,
    /// `LAMBDA_TASK_ROOT`: the function's directory (empty if unset), the X-Ray error cause's
    /// `working_directory`.
    pub task_root: &'e str,
}

/// Upper bound on `AWS_LAMBDA_MAX_CONCURRENCY`: each worker holds two 6 MB buffers.
pub const MAX_CONCURRENCY: u16 = 1024;

impl<'e> Config<'e> {
    /// Reads the configuration through `lookup` (e.g. over a snapshot of `std::env::vars`).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<&'e str>) -> Result<Self, ConfigError> {
        const API: &str = "AWS_LAMBDA_RUNTIME_API";
        const MEM: &str = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
        const CONC: &str = "AWS_LAMBDA_MAX_CONCURRENCY";
        let runtime_api = RuntimeApi::parse(lookup(API).ok_or(ConfigError::Missing(API))?)?;
        let number = |var: &'static str, default: u32, max: u32| match lookup(var).map(str::trim) {
            None | Some("") => Ok(default),
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or(ConfigError::Invalid(var)),
        };
        let memory_size_mb = number(MEM, 128, 1 << 20)?;
        let max_concurrency = u16::try_from(number(CONC, 1, u32::from(MAX_CONCURRENCY))?)
            .map_err(|_| ConfigError::Invalid(CONC))?;
        Ok(Self {
            runtime_api,
            function_name: lookup("AWS_LAMBDA_FUNCTION_NAME").unwrap_or(""),
            memory_size_mb,
            version: lookup("AWS_LAMBDA_FUNCTION_VERSION").unwrap_or("$LATEST"),
            log_group: lookup("AWS_LAMBDA_LOG_GROUP_NAME").unwrap_or(""),
            log_stream: lookup("AWS_LAMBDA_LOG_STREAM_NAME").unwrap_or(""),
            initialization_type: InitializationType::parse(
                lookup("AWS_LAMBDA_INITIALIZATION_TYPE").unwrap_or(""),
            ),
            max_concurrency,
            task_root: lookup("LAMBDA_TASK_ROOT").unwrap_or(""),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::type_complexity)]
    use super::*;

    const APIS: &[(&str, Option<(&str, &str, u16, &str)>)] = &[
        (
            "127.0.0.1:9001",
            Some(("127.0.0.1:9001", "127.0.0.1", 9001, "")),
        ),
        ("localhost", Some(("localhost", "localhost", 80, ""))),
        (
            "http://[::]:9000/.rt",
            Some(("[::]:9000", "::", 9000, "/.rt")),
        ),
        ("HTTP://host:1/a/b/", Some(("host:1", "host", 1, "/a/b"))),
        ("[::1]:8080", Some(("[::1]:8080", "::1", 8080, ""))),
        ("[::1]", Some(("[::1]", "::1", 80, ""))),
        ("https://host:443", None),
        ("host:0", None),
        ("host:65536", None),
        ("host:+80", None),
        ("host:", None),
        (":80", None),
        ("", None),
        ("ho st:80", None),
        ("host:80\r\nX: y", None),
        ("[::1:80", None),
        ("[::1]x", None),
        ("http://host:80/a b", None),
    ];

    #[test]
    fn runtime_api_forms() {
        for (input, want) in APIS {
            let got = RuntimeApi::parse(input).ok();
            let got = got.map(|a| (a.authority(), a.host(), a.port(), a.prefix()));
            assert_eq!(got, *want, "{input:?}");
        }
    }

    #[test]
    fn config_defaults_and_errors() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| *v)
        };
        let c = Config::from_lookup(env(&[("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")])).unwrap();
        assert_eq!(
            (c.memory_size_mb, c.max_concurrency, c.version),
            (128, 1, "$LATEST")
        );
        assert_eq!(c.initialization_type, InitializationType::OnDemand);
        let full = Config::from_lookup(env(&[
            ("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"),
            ("AWS_LAMBDA_FUNCTION_NAME", "f"),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1769"),
            ("AWS_LAMBDA_MAX_CONCURRENCY", "4"),
            ("AWS_LAMBDA_INITIALIZATION_TYPE", "lambda-managed-instances"),
        ]))
        .unwrap();
        assert_eq!(
            (
                full.function_name,
                full.memory_size_mb,
                full.max_concurrency
            ),
            ("f", 1769, 4)
        );
        assert_eq!(
            full.initialization_type,
            InitializationType::ManagedInstances
        );
        const ERRORS: &[(&[(&str, &str)], ConfigError)] = &[
            (&[], ConfigError::Missing("AWS_LAMBDA_RUNTIME_API")),
            (
                &[("AWS_LAMBDA_RUNTIME_API", "https://x")],
                ConfigError::Invalid("AWS_LAMBDA_RUNTIME_API"),
            ),
            (
                &[
                    ("AWS_LAMBDA_RUNTIME_API", "x:1"),
                    ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots"),
                ],
                ConfigError::Invalid("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
            ),
            (
                &[
                    ("AWS_LAMBDA_RUNTIME_API", "x:1"),
                    ("AWS_LAMBDA_MAX_CONCURRENCY", "0"),
                ],
                ConfigError::Invalid("AWS_LAMBDA_MAX_CONCURRENCY"),
            ),
            (
                &[
                    ("AWS_LAMBDA_RUNTIME_API", "x:1"),
                    ("AWS_LAMBDA_MAX_CONCURRENCY", "-2"),
                ],
                ConfigError::Invalid("AWS_LAMBDA_MAX_CONCURRENCY"),
            ),
        ];
        for (vars, want) in ERRORS {
            let got = Config::from_lookup(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| *v));
            assert_eq!(got, Err(*want), "{vars:?}");
        }
    }
}
