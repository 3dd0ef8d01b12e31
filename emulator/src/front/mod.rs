//! `serve --http PORT`: a local HTTP front end. Each plain HTTP/1.1 request becomes the Lambda
//! event that the chosen [`Shape`]'s service (API Gateway, a function URL, an ALB, VPC
//! Lattice) would send, the function is invoked through the same [`Sandbox`] `serve` uses
//! (concurrency, timeouts, `START`/`END`/`REPORT` lines), and its reply becomes the HTTP
//! response that service would send.
//!
//! ```text
//!  client ──HTTP──▶ front ──event──▶ Sandbox::invoke ──▶ function
//!  client ◀─HTTP─── front ◀─reply─── Outcome::Response
//! ```
//!
//! ```sh
//! lambkin-emulator serve --http 9100 --example echo                      # apigw-v2
//! lambkin-emulator serve --port 9000 --http 9100 --http-shape rest -- ./bootstrap
//! ```
//!
//! # Requests
//! Bodies are read with `Content-Length` or chunked, up to [`MAX_EVENT`]; a larger body, or an
//! event made larger than that by base64, gets 413, and HTTP that cannot be read gets 400.
//! Connections stay open between requests (one thread each) and `Expect: 100-continue` is
//! answered. Hop-by-hop headers (`Connection`, `Transfer-Encoding`, `Expect`, …) are not
//! forwarded; like the services' proxies, the front appends the client to `X-Forwarded-For`
//! and sets `X-Forwarded-Port`, `X-Forwarded-Proto: http` and an `X-Amzn-Trace-Id` root
//! unless the client sent one (VPC Lattice: `X-Forwarded-For` only).
//!
//! | shape | path | query | headers | cookies |
//! |---|---|---|---|---|
//! | `apigw-v2` | `rawPath` percent-decoded (the HTTP API decodes it, so `%2F` is `/`) | `rawQueryString` as sent; `queryStringParameters` form-decoded, repeats comma-joined | names lower-case, repeats comma-joined | `cookies` (split on `;`); `cookie` header dropped |
//! | `url` | as sent | as `apigw-v2` | as `apigw-v2` | `cookies`, and the `cookie` header kept, as function URLs send it |
//! | `rest` | as sent (REST keeps the encoding) | form-decoded: `queryStringParameters` (last value), `multiValueQueryStringParameters` | names as sent: `headers` (last value), `multiValueHeaders` | a header |
//! | `alb` | as sent | as sent (ALB does not decode), last value | names lower-case, last value | a header |
//! | `lattice-v2` | as sent | as sent, lists | names lower-case, lists | a header |
//!
//! The body travels as text when it is UTF-8 and its `Content-Type` is textual (`text/*`,
//! JSON, JavaScript, XML, YAML, `*+json`, `*+xml`), as base64 with `isBase64Encoded: true`
//! otherwise (a body without a type included), as function URLs and the HTTP API do; the REST
//! shape sends any UTF-8 body as text, as a REST API without binary media types does. Bytes
//! that are not UTF-8 are always base64, so every body arrives intact.
//!
//! `requestContext` is filled as the service fills it: a fresh `requestId` (the function
//! URL's is the invocation's own), `time`/`timeEpoch`, `sourceIp` from the peer, `userAgent`
//! from its header, stage `$default` (payload 2.0) or `prod` (REST, reached as through a
//! custom domain: the path carries no stage, so adapters that add it back, like
//! `lambda_http`, need `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH=true`, as they do behind a
//! custom domain on AWS). REST events come from the usual pair of resources, `ANY /` and
//! `ANY /{proxy+}` (`pathParameters.proxy` is the path). The names are made up once per
//! server: account `000000000000` (`anonymous` for the function URL, whose auth type is
//! `NONE`), a 10-character API id or 32-character URL id, target group, service and VPC ids,
//! and the region and function name of the [`Config`](crate::Config).
//!
//! # Replies
//! | shape | reply | function failed (error, timeout, crash) or reply unusable |
//! |---|---|---|
//! | `apigw-v2` | with `statusCode`: `statusCode`, `headers`, `cookies` (each a `Set-Cookie`), `body`, `isBase64Encoded`; any other JSON: 200 `application/json` with the reply as body (payload 2.0 format inference) | 500 `{"message":"Internal Server Error"}` |
//! | `url` | as `apigw-v2` | 502 `Internal Server Error` |
//! | `rest` | `statusCode`, `multiValueHeaders` merged with `headers` (a pair in both once), `body`, `isBase64Encoded` | 502 `{"message": "Internal server error"}` |
//! | `alb` | as `rest`, but `multiValueHeaders` when the reply has them, else `headers`; `statusDescription` as the reason phrase | 502, ALB's HTML page |
//! | `lattice-v2` | `statusCode`, `headers`, `body`, `isBase64Encoded`, `statusDescription` | 502 `Bad Gateway` |
//!
//! A reply is unusable when it is not JSON, has no integer `statusCode` in 200..=599 (a 1xx
//! cannot end an exchange), has a field of the wrong type or a body that is not base64 when it
//! says it is. A header whose name or value is not valid HTTP is dropped (the rest of the
//! reply stands), and so are `Content-Length`, `Transfer-Encoding`, `Connection` and
//! `Keep-Alive`: the front frames the response itself, with a `Content-Length` (none for 204
//! and 304) or, streaming, chunked. API Gateway shapes default `Content-Type` to `application/json`. A reply
//! streamed with the HTTP integration prelude (`url` and `rest`) is not read whole: the prelude
//! gives status, headers and cookies, the rest is the body, sent to the client as it arrives
//! (chunked). A function that fails after the head was sent cannot change the status: the
//! response is cut off (no terminating chunk, the connection closes), as a proxy's is when
//! its upstream fails mid-body. A missing or malformed prelude is the failure answer below,
//! and a log line says what was wrong. Every response carries a `Date`;
//! `apigw-v2` adds `Apigw-Requestid`, `rest` and `url` add `x-amzn-RequestId`.
//!
//! Not imitated: the HTTP API cutting `rawPath` at a decoded `?`, ALB's 1 MB request limit,
//! and the status API Gateway gives an event Lambda refuses as too large (here 413).

mod event;
mod relay;
mod reply;
mod text;

use std::cell::RefCell;
use std::fmt;
use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::str::FromStr;
use std::sync::Arc;
use std::time::SystemTime;

use crate::connection::{self, Refusal, Service};
use crate::ids;
use crate::invocation::Invocation;
use crate::logs::{log, start_line};
use crate::rie::MAX_EVENT;
use crate::sandbox::Sandbox;
use crate::wire::{ParseError, Request};
use event::{Inbound, Refused};
use relay::Relay;
use reply::{Canned, Response};

/// The account id in ARNs and events, as in [`Config::function_arn`](crate::Config::function_arn).
const ACCOUNT: &str = "000000000000";

/// Which service the front end imitates: the event it sends and how it reads the reply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// `apigw-v2`: API Gateway HTTP API, payload format 2.0 (the default).
    #[default]
    ApiGatewayV2,
    /// `rest`: API Gateway REST API, Lambda proxy integration (payload format 1.0), stage
    /// `prod`, resources `/` and `/{proxy+}`.
    Rest,
    /// `alb`: an Application Load Balancer target group, multi-value headers off.
    Alb,
    /// `url`: a Lambda function URL (payload format 2.0, auth type `NONE`).
    FunctionUrl,
    /// `lattice-v2`: a VPC Lattice target group, event structure V2.
    LatticeV2,
}

impl Shape {
    /// Every shape, in the order `--help` lists them.
    pub const ALL: [Self; 5] = [
        Self::ApiGatewayV2,
        Self::Rest,
        Self::Alb,
        Self::FunctionUrl,
        Self::LatticeV2,
    ];

    /// The name `--http-shape` takes.
    pub const fn name(self) -> &'static str {
        match self {
            Self::ApiGatewayV2 => "apigw-v2",
            Self::Rest => "rest",
            Self::Alb => "alb",
            Self::FunctionUrl => "url",
            Self::LatticeV2 => "lattice-v2",
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownShape(pub String);

impl fmt::Display for UnknownShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown HTTP shape `{}` (one of", self.0)?;
        for shape in Shape::ALL {
            write!(f, " {shape}")?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for UnknownShape {}

impl FromStr for Shape {
    type Err = UnknownShape;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|shape| shape.name() == s)
            .ok_or_else(|| UnknownShape(s.to_owned()))
    }
}

/// The names the imitated service has, made up once per server.
pub(crate) struct Site {
    pub(crate) shape: Shape,
    pub(crate) region: String,
    function_name: String,
    /// The API id (the URL id of a function URL).
    pub(crate) api_id: String,
    /// Hex that makes target group, service and VPC ids.
    hex: String,
}

impl Site {
    fn new(shape: Shape, config: &crate::Config) -> Self {
        let id_len = if shape == Shape::FunctionUrl { 32 } else { 10 };
        Self {
            shape,
            region: config.region.clone(),
            function_name: config.function_name.clone(),
            api_id: ids::token(id_len, ids::LOWER_ALNUM),
            hex: ids::token(17, ids::HEX),
        }
    }

    /// `requestContext.domainName`: the service's host for this API.
    pub(crate) fn domain(&self) -> String {
        match self.shape {
            Shape::FunctionUrl => format!("{}.lambda-url.{}.on.aws", self.api_id, self.region),
            _ => format!("{}.execute-api.{}.amazonaws.com", self.api_id, self.region),
        }
    }

    /// The ALB target group.
    pub(crate) fn target_group_arn(&self) -> String {
        let id = self.hex.get(..16).unwrap_or_default();
        // Target group names are at most 32 characters.
        let name: String = self.function_name.chars().take(32).collect();
        format!(
            "arn:aws:elasticloadbalancing:{}:{ACCOUNT}:targetgroup/{name}/{id}",
            self.region
        )
    }

    /// A VPC Lattice resource, `kind` being e.g. `service/svc`.
    pub(crate) fn lattice_arn(&self, kind: &str) -> String {
        format!(
            "arn:aws:vpc-lattice:{}:{ACCOUNT}:{kind}-{}",
            self.region, self.hex
        )
    }

    /// The caller's VPC.
    pub(crate) fn vpc_arn(&self) -> String {
        format!("arn:aws:ec2:{}:{ACCOUNT}:vpc/vpc-{}", self.region, self.hex)
    }
}

/// Serves HTTP requests on `listener` as `shape`'s service would, invoking the function in
/// `sandbox` for each, until accepting fails; one thread per connection.
pub fn serve(sandbox: Arc<Sandbox>, listener: &TcpListener, shape: Shape) -> io::Result<()> {
    let site = Arc::new(Site::new(shape, sandbox.emulator().config()));
    let local_port = listener.local_addr()?.port();
    connection::accept(listener, "http-front-conn", |stream| {
        // A peer that is already gone is served (and fails) like any other.
        let peer = stream
            .peer_addr()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
        Some(Front {
            sandbox: Arc::clone(&sandbox),
            site: Arc::clone(&site),
            stream,
            peer,
            local_port,
        })
    })
}

/// One client connection.
struct Front {
    sandbox: Arc<Sandbox>,
    site: Arc<Site>,
    stream: TcpStream,
    peer: SocketAddr,
    local_port: u16,
}

impl Service for Front {
    const MAX_BODY: usize = MAX_EVENT;
    const READ_CHUNK: usize = 64 << 10;

    fn stream(&mut self) -> &mut TcpStream {
        &mut self.stream
    }

    fn respond(&mut self, request: Request) -> bool {
        let head_only = request.method == "HEAD";
        self.answer(&request, (head_only, request.close))
            .unwrap_or(false)
    }

    fn refuse(&self, error: &ParseError) -> Refusal {
        let canned = match error {
            ParseError::TooLarge { .. } => Canned::TooLarge,
            _ => Canned::BadRequest,
        };
        let (status, headers, body) = canned.parts(self.site.shape);
        Refusal {
            status,
            headers,
            body: body.to_owned(),
        }
    }
}

impl Front {
    /// Answers `request` on the connection (a streamed reply as it arrives); `Ok(false)` when
    /// the connection must close.
    fn answer(&mut self, request: &Request, (head_only, close): (bool, bool)) -> io::Result<bool> {
        let shape = self.site.shape;
        let now = SystemTime::now();
        let lambda_id = ids::uuid();
        // The function URL's request id is the invocation's; API Gateway has its own.
        let front_id = match shape {
            Shape::FunctionUrl => lambda_id.clone(),
            Shape::ApiGatewayV2 => format!(
                "{}=",
                ids::token(
                    15,
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                )
            ),
            _ => ids::uuid(),
        };
        let decorate = |response: &mut Response| {
            if response.header("date").is_none() {
                response.headers.push(("Date".into(), text::http_date(now)));
            }
            let id_header = match shape {
                Shape::ApiGatewayV2 => Some("Apigw-Requestid"),
                Shape::Rest | Shape::FunctionUrl => Some("x-amzn-RequestId"),
                Shape::Alb | Shape::LatticeV2 => None,
            };
            if let Some(name) = id_header {
                response.headers.push((name.into(), front_id.clone()));
            }
        };
        let inbound = Inbound {
            peer: self.peer,
            local_port: self.local_port,
            now,
            request_id: &front_id,
        };
        let canned = match event::build(&self.site, request, &inbound) {
            Ok(event) => {
                log(&start_line(&lambda_id));
                let relay = Relay::new(shape, &mut self.stream, (head_only, close), &decorate);
                // The client has its response as soon as the runtime gives it; END and REPORT
                // wait for the extensions.
                let relay = RefCell::new(Some(relay));
                let mut answer = Ok(false);
                let report = self.sandbox.invoke_answering(
                    Invocation {
                        request_id: Some(lambda_id),
                        ..Invocation::new(event)
                    },
                    |pending, chunk| match relay.borrow_mut().as_mut() {
                        Some(relay) => relay.chunk(pending, chunk),
                        None => Ok(()),
                    },
                    |report| {
                        if let Some(relay) = relay.borrow_mut().take() {
                            answer = relay.finish(report);
                        }
                    },
                );
                log(&report.end_lines());
                return answer;
            }
            Err(Refused::TooLarge) => Canned::TooLarge,
            Err(Refused::Target) => Canned::BadRequest,
        };
        let mut response = canned.response(shape);
        decorate(&mut response);
        self.stream
            .write_all(&response.encode(head_only, close))
            .and_then(|()| self.stream.flush())?;
        Ok(!close)
    }
}
