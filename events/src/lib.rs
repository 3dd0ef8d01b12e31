//! lambkin-events: typed AWS Lambda events that borrow from the receive buffer.
//!
//! ```text
//!  invocation body (rx buffer, &'a mut [u8])
//!        │ lambkin_core::json::from_slice: unescapes strings in place
//!        ▼
//!  SqsEvent<'a> { records: Vec<SqsMessage<'a> { body: &'a str, .. }> }
//! ```
//!
//! Every type here implements `serde::Deserialize<'a>` with `&'a str` fields, so it works
//! directly as a [`Handler::Event`](lambkin_core::Handler::Event): no string is ever copied.
//! Strings with JSON escapes are correct because core's decoder unescapes them inside their own
//! span of the (mutable) receive buffer; the same types decoded with a decoder that cannot
//! borrow (such as `serde_json::from_reader`) fail instead of returning escaped text.
//!
//! # Tolerance
//! A payload AWS sends is never refused for the shape of a field. Every type here follows one
//! rule, so a handler does not fail in production on the first unusual message:
//!
//! - **Unknown fields are ignored**, never an error (no type denies unknown fields).
//! - **A field AWS may omit decodes without it**, and a `null` counts as absent. Where absence
//!   means something the field is an `Option`; elsewhere (a field almost always present)
//!   it takes its default: `""`, `0`, `false`, an empty list or map, a struct of defaults. A Cognito trigger with no `response`, an EventBridge event with no `detail` (whose
//!   detail type therefore implements `Default`), a record without `eventSource`: all decode.
//!   A `null` entry of a map is dropped, unless the map holds [`Value`]s, which keep it.
//! - **Header and parameter maps take a string or a list** for each value: a multi-value map
//!   (`multiValueHeaders`, VPC Lattice V2 `headers`) turns a string into a one-element list; a
//!   single-value map (`headers`) keeps the last element of a list, as API Gateway does when it
//!   folds `multiValueHeaders` into `headers`. A `null` value is dropped (single) or an empty
//!   list (multi).
//! - **Maps may be `null`**: a [`Map`] decodes `null` as empty.
//! - **Numbers may come as strings** (`"60000"`) and **booleans as strings or `null`**
//!   (`"true"`; `null` is false): every integer, float and boolean field accepts both, and
//!   encodes back as a JSON number or boolean.
//! - **Byte arrays may be signed or unsigned**: [`Bytes`] takes numbers in `-128..=255` (Java
//!   producers write Kafka header bytes signed) or a string, and re-encodes them as written.
//! - **Maps of arbitrary JSON stay arbitrary** where AWS allows it (an AppSync
//!   `resolverContext`, EventBridge `detail`, CloudFormation properties): they are [`Value`]s,
//!   not strings.
//!
//! - **Unknown keys can be kept**: with the `catch-all-fields` feature every event struct has an
//!   `other` field ([`Map`] of [`Value`]) holding the keys it does not know, in document order,
//!   and writes them back, so a decode and re-encode loses nothing.
//!
//! What is still refused: input that is not JSON, a value that cannot be read as the field's
//! type in any of the shapes above (an object where a string belongs), and the few keys every
//! payload of a source carries, which `aws_lambda_events` requires too: an HTTP request's method,
//! the `Records` list of a batch source (SQS, SNS, S3, SES, CodeCommit, DynamoDB and Kinesis
//! streams), a Cognito user-pool trigger's `request`, an S3 Object Lambda event's `configuration`, and a DynamoDB
//! attribute value's type tag (`{"S": ..}`). A batch event without its records is from another
//! source, and decoding it as empty would report a batch as handled that was never seen. That
//! table is `REQUIRED` in `tests/omissions.rs`, which deletes each member of every fixture in
//! turn (at any depth), then sets it to `null`, and decodes: 9,970 cases over 189 fixtures, 241
//! of them refused, all by that table. Use [`detect`] when the source is in doubt.
//!
//! # What allocates
//! The crate is `#![no_std]` and needs `alloc` for one thing: the spines of arrays and of objects
//! with free-form keys (`Vec<Record>`, [`Map`] of headers, [`Value`] trees). String and key bytes
//! are never copied; numbers are decoded to integers or floats; a decode makes one allocation
//! per non-empty array or object of that kind, and none for fixed-shape objects. Decoding JSON
//! carried in a string ([`decode_json_str`]) and base64 payloads (`base64` feature) writes into a
//! buffer the caller lends. Only `cloudwatch-logs-gzip` (which needs `std`) allocates the
//! decompressed payload.
//!
//! # Catch-all fields
//! `catch-all-fields`, like `aws_lambda_events`' feature of that name, adds
//! `other: Map<'a, Value<'a>>` (`#[serde(flatten)]`) to every event struct that borrows. The
//! kept values are [`Value`] trees whose strings and keys borrow from the receive buffer, not raw
//! text spans: core's decoder unescapes strings in place, so after a decode the bytes of a span
//! are no longer the JSON that arrived, and serde's `flatten` hands unknown values over as
//! already-parsed content (which it buffers first: a few allocations per unknown key). The
//! feature is not in `all` because it changes the types: a field more (struct literals
//! must set it), and the few structs that were `Copy` or `Eq` lose it, since a [`Value`] can
//! hold a float. Known fields decode as without the feature; serde routes only the unknown keys
//! through its buffered path.
//!
//! # Features
//! One per event source, all off by default; `all` turns them all on. `base64` adds payload
//! decoding, `cloudwatch-logs-gzip` decompression of CloudWatch Logs subscriptions, `http`
//! (not in `all`: it needs std) the `http` module, an adapter to `http::Request`/`Response`,
//! and `catch-all-fields` (not in `all` either) the `other` fields above.
//!
//! # Example
//! ```
//! # #[cfg(feature = "sqs")] {
//! use lambkin_events::sqs::SqsEvent;
//!
//! let mut body = *br#"{"Records":[{"messageId":"1","body":"say \"hi\"","eventSource":"aws:sqs"}]}"#;
//! let event: SqsEvent<'_> = lambkin_core::json::from_slice(&mut body).unwrap();
//! assert_eq!(event.records[0].body, Some("say \"hi\""));
//! # }
//! ```
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod detect;
mod shape;
mod text;
#[allow(
    dead_code,
    reason = "each source uses some of these; with few sources on, the rest go unused"
)]
mod tolerant;
mod util;
mod value;

pub use detect::{Source, detect};
#[cfg(feature = "base64")]
pub use util::{Base64Error, decode_base64, decoded_len_estimate};
pub use util::{Body, Timestamp, decode_json_str};
pub use value::{Bytes, Map, Number, OneOrMany, Value};

#[cfg(any(feature = "sqs", feature = "kinesis", feature = "dynamodb"))]
mod batch;
#[cfg(any(feature = "sqs", feature = "kinesis", feature = "dynamodb"))]
pub use batch::{BatchItemFailure, BatchResponse};
#[cfg(any(feature = "kinesis", feature = "dynamodb"))]
mod time_window;
#[cfg(any(feature = "kinesis", feature = "dynamodb"))]
pub use time_window::{TimeWindow, TimeWindowEvent, TimeWindowResponse};

#[cfg(feature = "alb")]
pub mod alb;
#[cfg(any(feature = "apigw", feature = "lambda-url"))]
pub mod apigw;
#[cfg(feature = "appsync")]
pub mod appsync;
#[cfg(feature = "bedrock-agent")]
pub mod bedrock_agent;
#[cfg(feature = "chime-bot")]
pub mod chime_bot;
#[cfg(feature = "clientvpn")]
pub mod clientvpn;
#[cfg(feature = "cloudformation")]
pub mod cloudformation;
#[cfg(feature = "cloudtrail")]
pub mod cloudtrail;
#[cfg(feature = "cloudwatch-alarms")]
pub mod cloudwatch_alarms;
#[cfg(feature = "cloudwatch-logs")]
pub mod cloudwatch_logs;
#[cfg(feature = "codecommit")]
pub mod codecommit;
#[cfg(feature = "cognito")]
pub mod cognito;
#[cfg(feature = "config")]
pub mod config;
#[cfg(feature = "connect")]
pub mod connect;
#[cfg(feature = "documentdb")]
pub mod documentdb;
#[cfg(feature = "dynamodb")]
pub mod dynamodb;
#[cfg(feature = "cloudwatch-events")]
pub mod eventbridge;
#[cfg(feature = "firehose")]
pub mod firehose;
#[cfg(feature = "http")]
pub mod http;
/// On with `apigw` too, whose authorizers return these.
#[cfg(any(feature = "iam", feature = "apigw"))]
pub mod iam;
#[cfg(feature = "iot")]
pub mod iot;
#[cfg(feature = "iot-deprecated")]
pub mod iot_deprecated;
#[cfg(feature = "iot-preprovision-hook")]
pub mod iot_preprovision_hook;
#[cfg(feature = "kafka")]
pub mod kafka;
#[cfg(feature = "kinesis")]
pub mod kinesis;
#[cfg(feature = "kinesis-analytics")]
pub mod kinesis_analytics;
#[cfg(feature = "lex")]
pub mod lex;
#[cfg(any(feature = "activemq", feature = "rabbitmq"))]
pub mod mq;
#[cfg(feature = "s3")]
pub mod s3;
#[cfg(feature = "secretsmanager")]
pub mod secretsmanager;
#[cfg(feature = "ses")]
pub mod ses;
#[cfg(feature = "sns")]
pub mod sns;
#[cfg(feature = "sqs")]
pub mod sqs;
#[cfg(feature = "vpc-lattice")]
pub mod vpc_lattice;

/// Lambda function URLs: the request and response are the HTTP API payload 2.0 shapes.
#[cfg(feature = "lambda-url")]
pub mod lambda_url {
    /// A function URL request.
    pub type LambdaFunctionUrlRequest<'a> = crate::apigw::ApiGatewayV2HttpRequest<'a>;
    /// A function URL response (structured form).
    pub type LambdaFunctionUrlResponse<'a> = crate::apigw::ApiGatewayV2HttpResponse<'a>;
}
