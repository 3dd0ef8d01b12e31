//! The `events_http` target's oracle: serde_json's owned reading of an HTTP-shaped event, in
//! document order, and the encodings the adapter's output is checked against.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

/// An object's entries in document order, repeats kept (as `lambkin_events::Map` keeps them).
#[derive(Debug, Clone, Default)]
pub struct Entries<V>(pub Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Entries<V>, A::Error> {
                let mut out = Vec::new();
                while let Some(e) = m.next_entry()? {
                    out.push(e);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V_(PhantomData))
    }
}

impl<V> Entries<V> {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// The fields the adapter reads, from every shape it accepts (the same optionality as its own
/// union type: that is the contract of `from_slice`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpEvent {
    pub version: Option<String>,
    pub http_method: Option<String>,
    pub path: Option<String>,
    pub raw_path: Option<String>,
    pub raw_query_string: Option<String>,
    pub cookies: Option<Vec<String>>,
    pub headers: Option<Entries<String>>,
    pub multi_value_headers: Option<Entries<Vec<String>>>,
    pub query_string_parameters: Option<Entries<String>>,
    pub multi_value_query_string_parameters: Option<Entries<Vec<String>>>,
    pub body: Option<String>,
    pub is_base64_encoded: Option<bool>,
    #[serde(default)]
    pub request_context: Context,
    /// VPC Lattice fields, read (so types and repeats are checked as the adapter checks them)
    /// but not modelled: the target takes Lattice documents apart before the oracle.
    pub method: Option<String>,
    #[serde(rename = "raw_path")]
    pub v1_raw_path: Option<String>,
    #[serde(rename = "query_string_parameters")]
    pub v1_query: Option<Entries<String>>,
    #[serde(rename = "is_base64_encoded")]
    pub v1_is_base64_encoded: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Context {
    pub stage: Option<String>,
    pub domain_name: Option<String>,
    pub connection_id: Option<String>,
    pub http: Option<HttpMethod>,
    pub elb: Option<IgnoredAny>,
    pub service_network_arn: Option<IgnoredAny>,
}

#[derive(Debug, Deserialize)]
pub struct HttpMethod {
    pub method: String,
}

/// Percent-decodes, leaving a `%` that starts no valid escape as it is. The adapter encodes
/// the bytes a URI cannot hold and keeps `%`, so decoding its output gives what decoding its
/// input gives.
pub fn pct_decode(s: &str) -> Vec<u8> {
    let hex = |c: Option<&u8>| c.and_then(|c| char::from(*c).to_digit(16));
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match (c, hex(b.get(i + 1)), hex(b.get(i + 2))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// `application/x-www-form-urlencoded` pairs.
pub fn form_pairs(q: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    let dec = |s: &str| pct_decode(&s.replace('+', " "));
    q.split('&')
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (dec(k), dec(v)),
            None => (dec(p), Vec::new()),
        })
        .collect()
}

/// Bytes no URI path may hold unencoded (those the WHATWG path set adds to controls, space and
/// non-ASCII); a query may hold `?`, `` ` ``, `{` and `}`.
pub fn must_encode(b: u8, in_query: bool) -> bool {
    let set: &[u8] = if in_query { b" \"#<>" } else { b" \"#<>?`{}" };
    !(0x21..0x7F).contains(&b) || set.contains(&b)
}
