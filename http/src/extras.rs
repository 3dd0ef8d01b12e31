//! What lambda_http puts in a request's extensions besides the Lambda context (query and path
//! parameters, stage variables, the typed request context, the raw path), decoded from the
//! event text only when a handler first asks: most axum apps never do, and the typed context
//! costs a full owned decode the request itself does not need.

use std::collections::HashMap;

use aws_lambda_events::query_map::QueryMap;
use lambkin_events::http::Origin;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::request::{PASS_THROUGH_PATH, RequestContext};

/// The extensions of one request.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    pub(crate) raw_path: String,
    pub(crate) query: QueryMap,
    pub(crate) path: QueryMap,
    pub(crate) stage: QueryMap,
    pub(crate) context: Option<RequestContext>,
}

/// The fields the maps come from, in every shape's spelling. Values are read as any JSON, so a
/// `null`, a number or a list where a string was expected never loses the other fields.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Fields {
    path: Option<String>,
    raw_path: Option<String>,
    #[serde(rename = "raw_path")]
    v1_raw_path: Option<String>,
    raw_query_string: Option<String>,
    query_string_parameters: Option<HashMap<String, Value>>,
    #[serde(rename = "query_string_parameters")]
    v1_query: Option<HashMap<String, Value>>,
    multi_value_query_string_parameters: Option<HashMap<String, Value>>,
    path_parameters: Option<HashMap<String, Value>>,
    stage_variables: Option<HashMap<String, Value>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WithContext<C> {
    request_context: C,
}

/// The request context as `C` (aws_lambda_events' type for the source); its default when the
/// event's context does not decode as that stricter type, so `request_context()` never panics
/// on a request built from an event, whatever the platform sent.
fn context<C: DeserializeOwned + Default>(
    text: &[u8],
    wrap: fn(C) -> RequestContext,
) -> Option<RequestContext> {
    let context = serde_json::from_slice::<WithContext<C>>(text)
        .map(|w| w.request_context)
        .unwrap_or_default();
    Some(wrap(context))
}

impl Extras {
    /// The extensions of the event `text` that came from `origin` (`None`: pass-through),
    /// with lambda_http's rules per source; whatever does not decode is left empty.
    pub(crate) fn decode(origin: Option<Origin>, text: &[u8]) -> Self {
        let Some(origin) = origin else {
            return Self {
                raw_path: PASS_THROUGH_PATH.to_owned(),
                context: Some(RequestContext::PassThrough),
                ..Self::default()
            };
        };
        let f: Fields = serde_json::from_slice(text).unwrap_or_default();
        let path = map(f.path_parameters.as_ref(), false);
        let stage = map(f.stage_variables.as_ref(), false);
        let multi_or_single = |decode| {
            let multi = map(f.multi_value_query_string_parameters.as_ref(), decode);
            if multi.is_empty() {
                map(f.query_string_parameters.as_ref(), decode)
            } else {
                multi
            }
        };
        match origin {
            Origin::ApiGatewayRest { .. } => Self {
                raw_path: f.path.unwrap_or_default(),
                query: multi_or_single(false),
                path,
                stage,
                context: context(text, RequestContext::ApiGatewayV1),
            },
            Origin::ApiGatewayWebsocket { .. } => Self {
                raw_path: f.path.unwrap_or_default(),
                query: multi_or_single(false),
                path,
                stage,
                context: context(text, RequestContext::WebSocket),
            },
            Origin::ApiGatewayHttp | Origin::LambdaFunctionUrl => Self {
                raw_path: f.raw_path.unwrap_or_default(),
                query: match f.raw_query_string {
                    Some(q) => q.parse().unwrap_or_default(),
                    None => map(f.query_string_parameters.as_ref(), false),
                },
                path,
                stage,
                context: context(text, RequestContext::ApiGatewayV2),
            },
            // ALB and VPC Lattice send query parameters percent-encoded; lambda_http decodes them.
            Origin::Alb { .. } => Self {
                raw_path: f.path.unwrap_or_default(),
                query: multi_or_single(true),
                context: context(text, RequestContext::Alb),
                ..Self::default()
            },
            Origin::VpcLatticeV2 => Self {
                raw_path: f.path.unwrap_or_default(),
                query: map(f.query_string_parameters.as_ref(), true),
                context: context(text, RequestContext::VpcLattice),
                ..Self::default()
            },
            // Not a lambda_http source; its event carries no request context.
            Origin::VpcLatticeV1 => Self {
                raw_path: f.v1_raw_path.unwrap_or_default(),
                query: map(f.v1_query.as_ref(), true),
                context: Some(RequestContext::VpcLatticeV1),
                ..Self::default()
            },
            // A shape lambkin-events adds later: its path and query as V1 reads them.
            _ => Self {
                raw_path: f.v1_raw_path.unwrap_or_default(),
                query: map(f.v1_query.as_ref(), true),
                ..Self::default()
            },
        }
    }
}

/// A `QueryMap` of the JSON map: a string is one value, a list its strings; anything else, and
/// a key left with no value, is dropped (query_map's iterator panics on an empty list).
fn map(m: Option<&HashMap<String, Value>>, percent_decoded: bool) -> QueryMap {
    let text = |s: &str| {
        if percent_decoded {
            percent_decode(s)
        } else {
            s.to_owned()
        }
    };
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in m.into_iter().flatten() {
        let values: Vec<String> = match v {
            Value::String(s) => vec![text(s)],
            Value::Array(list) => list.iter().filter_map(Value::as_str).map(text).collect(),
            _ => Vec::new(),
        };
        if !values.is_empty() {
            out.entry(text(k)).or_default().extend(values);
        }
    }
    QueryMap::from(out)
}

/// `%XX` decoded (and `+` as a space, as forms encode it), invalid UTF-8 replaced.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |j: usize| b.get(j).and_then(|h| char::from(*h).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                // Two hex digits: at most 255.
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `http_adapter` fuzz target: an empty list reached query_map, whose
    /// iterator (and lambda_http's decoding of ALB queries) panics on it.
    #[test]
    fn empty_lists_and_odd_values_never_reach_a_query_map() {
        let event = br#"{"httpMethod":"GET","path":"/","requestContext":{"elb":{}},
            "multiValueQueryStringParameters":{"a":[],"b":["1",null,"%20x"],"c":5},
            "queryStringParameters":{"z":"1"}}"#;
        let alb = Origin::Alb {
            multi_value_headers: false,
        };
        let extras = Extras::decode(Some(alb), event);
        let mut pairs: Vec<(&str, &str)> = extras.query.iter().collect();
        pairs.sort_unstable();
        assert_eq!(pairs, [("b", " x"), ("b", "1")]);
        assert_eq!(percent_decode("a%2Bb+c%zz%4"), "a+b c%zz%4");
    }

    /// Every event gets a context: a REST context lambda_http's strict type refuses (a string
    /// epoch) becomes that type's default, and VPC Lattice V1 has its own variant, so
    /// `request_context()` cannot panic on what the platform sends.
    #[test]
    fn every_origin_has_a_request_context() {
        let rest = br#"{"httpMethod":"GET","path":"/","requestContext":{"stage":"prod","requestTimeEpoch":"soon"}}"#;
        let origin = Origin::ApiGatewayRest {
            multi_value_headers: false,
        };
        assert!(matches!(
            Extras::decode(Some(origin), rest).context,
            Some(RequestContext::ApiGatewayV1(c)) if c.stage.is_none()
        ));
        let v1 = br#"{"raw_path":"/p","method":"GET","query_string_parameters":{"q":"a%20b"}}"#;
        let extras = Extras::decode(Some(Origin::VpcLatticeV1), v1);
        assert_eq!(extras.context, Some(RequestContext::VpcLatticeV1));
        assert_eq!(
            (extras.raw_path.as_str(), extras.query.first("q")),
            ("/p", Some("a b"))
        );
    }
}
