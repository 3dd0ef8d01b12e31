//! Tolerance as a property (crate docs, "Tolerance"): for every fixture and every object member
//! at any depth, the fixture with that one member deleted, and with its value set to `null`,
//! still decodes with the fixture's type. Only the keys in [`REQUIRED`], which every payload of
//! their source carries, may be refused.
#![cfg(feature = "all")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::std_instead_of_alloc,
    clippy::std_instead_of_core
)]

mod common;
#[path = "common/tables.rs"]
mod tables;

use common::{Check, EVENTS, HTTP};
use serde_json::Value as J;
use tables::{CRATE_DIR, CRATE_FIXTURES, EVENT_FIXTURES, HTTP_FIXTURES};

/// Keys every payload of a source carries, so a payload without them (or with `null` there) is
/// refused (crate docs, "Tolerance"). Each entry: the fixtures it applies to (a file-name
/// prefix) and the key's path, array indices written `[]`, `**` matching any run of keys. Each
/// is required by `aws_lambda_events` 1.x too (no `Option`, no `#[serde(default)]`).
const REQUIRED: &[(&str, &str)] = &[
    // An HTTP request's method (ALB, API Gateway REST and HTTP APIs, function URLs, VPC
    // Lattice): without it there is no request to build (`to_http_request` refuses it).
    ("alb_", "$.httpMethod"),
    ("example-alb-", "$.httpMethod"),
    ("apigw_", "$.httpMethod"),
    ("example-apigw-", "$.httpMethod"),
    ("apigw_", "$.requestContext.http.method"),
    ("example-apigw-", "$.requestContext.http.method"),
    ("lambda_function_url", "$.requestContext.http.method"),
    // The record list of a batch source: an event without it is from another source (the
    // official crate's `records: Vec<_>` has no default either). Decoding it as empty would
    // report a batch as handled that was never seen.
    ("example-sqs-", "$.Records"),
    ("example-sns-", "$.Records"),
    ("example-s3-", "$.Records"),
    ("example-ses-", "$.Records"),
    ("example-code_commit-", "$.Records"),
    // CloudWatch alarms delivered through SNS: an SNS event.
    ("example-cloudwatch-alarm-sns-", "$.Records"),
    ("example-dynamodb-", "$.Records"),
    ("example-kinesis-", "$.Records"),
    // A Cognito user-pool trigger's input: `request` is what the trigger is about (the
    // official crate's `CognitoEventUserPools*` have it as a plain struct).
    ("example-cognito-", "$.request"),
    // S3 Object Lambda's access point configuration (`configuration: Configuration<P>` in the
    // official crate): the supporting access point every request goes through.
    ("example-s3-object-lambda-", "$.configuration"),
    // A DynamoDB attribute value is its type tag (`{"S": "x"}`); without the tag there is no
    // value (`AttributeValue` is an enum in the official crate too).
    ("example-dynamodb-", "$.**.dynamodb.**.S"),
    ("example-dynamodb-", "$.**.dynamodb.**.N"),
    ("example-dynamodb-", "$.**.dynamodb.**.B"),
    ("example-dynamodb-", "$.**.dynamodb.**.SS"),
    ("example-dynamodb-", "$.**.dynamodb.**.NS"),
    ("example-dynamodb-", "$.**.dynamodb.**.BS"),
    ("example-dynamodb-", "$.**.dynamodb.**.M"),
    ("example-dynamodb-", "$.**.dynamodb.**.L"),
    ("example-dynamodb-", "$.**.dynamodb.**.NULL"),
    ("example-dynamodb-", "$.**.dynamodb.**.BOOL"),
];

type Decode = fn(&mut [u8]) -> Result<J, String>;

/// Every fixture with its decoder.
fn fixtures() -> Vec<(String, Decode)> {
    let mut all = Vec::new();
    for (dir, table) in [(EVENTS, EVENT_FIXTURES), (HTTP, HTTP_FIXTURES)] {
        for (file, check) in table {
            if let Check::Event(f) | Check::Response(f) = check {
                all.push((format!("{dir}/{file}"), *f));
            }
        }
    }
    for (file, _, f) in CRATE_FIXTURES {
        all.push((format!("{CRATE_DIR}/{file}"), *f));
    }
    all
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path of every object member in `v`, depth first.
fn members(v: &J, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        J::Object(o) => {
            for (k, x) in o {
                at.push(Step::Key(k.clone()));
                out.push(at.clone());
                members(x, at, out);
                at.pop();
            }
        }
        J::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(Step::Index(i));
                members(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// `$.Records[].eventSource`: the path with indices erased, as [`REQUIRED`] writes it.
fn pattern(path: &[Step]) -> String {
    let mut s = String::from("$");
    for step in path {
        match step {
            Step::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Step::Index(_) => s.push_str("[]"),
        }
    }
    s
}

/// Whether the key segments `path` match `pattern` (`**`: any run of segments; `x[]` in the
/// path also matches `x` in the pattern, so a pattern need not say which keys hold arrays).
fn matches(pattern: &[&str], path: &[&str]) -> bool {
    match (pattern.split_first(), path.split_first()) {
        (None, None) => true,
        (Some((&"**", rest)), _) => (0..=path.len()).any(|skip| matches(rest, &path[skip..])),
        (Some((p, prest)), Some((k, krest))) => {
            (p == k || k.strip_suffix("[]") == Some(*p)) && matches(prest, krest)
        }
        _ => false,
    }
}

fn required(file: &str, path: &str) -> bool {
    let name = file.rsplit('/').next().unwrap();
    let path: Vec<&str> = path.split('.').collect();
    REQUIRED
        .iter()
        .any(|(f, p)| name.starts_with(f) && matches(&p.split('.').collect::<Vec<_>>(), &path))
}

/// The fixture with the member at `path` deleted (`null == false`) or set to `null`.
fn edit(v: &J, path: &[Step], null: bool) -> J {
    let mut v = v.clone();
    let (last, parents) = path.split_last().unwrap();
    let mut at = &mut v;
    for step in parents {
        at = match step {
            Step::Key(k) => at.get_mut(k.as_str()).unwrap(),
            Step::Index(i) => at.get_mut(*i).unwrap(),
        };
    }
    let (Step::Key(k), J::Object(o)) = (last, at) else {
        panic!("a member path ends in a key of an object");
    };
    if null {
        o.insert(k.clone(), J::Null);
    } else {
        o.remove(k);
    }
    v
}

#[test]
fn every_member_may_be_omitted_or_null() {
    let (mut tried, mut refused_as_required) = (0usize, 0usize);
    let mut failures = Vec::new();
    let mut used = std::collections::BTreeSet::new();
    for (file, decode) in fixtures() {
        let fixture: J = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let mut paths = Vec::new();
        members(&fixture, &mut Vec::new(), &mut paths);
        for path in &paths {
            let p = pattern(path);
            let is_required = required(&file, &p);
            for null in [false, true] {
                tried += 1;
                let mut buf = serde_json::to_vec(&edit(&fixture, path, null)).unwrap();
                match decode(&mut buf) {
                    Ok(_) => {}
                    Err(_) if is_required => {
                        refused_as_required += 1;
                        used.insert((file.rsplit('/').next().unwrap().to_owned(), p.clone()));
                    }
                    Err(e) => failures.push(format!(
                        "{}: {p} {}: {e}",
                        file.rsplit('/').next().unwrap(),
                        if null { "null" } else { "deleted" }
                    )),
                }
            }
        }
    }
    eprintln!(
        "{tried} cases ((fixture, key) pairs, each deleted and set to null) over {} fixtures; \
         {refused_as_required} refused as required ({} entries in the table)",
        fixtures().len(),
        REQUIRED.len()
    );
    failures.sort();
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} refused:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every entry of the table is needed: a key that became optional leaves the table.
    for (f, p) in REQUIRED {
        assert!(
            used.iter()
                .any(|(uf, up)| uf.starts_with(f) && up.ends_with(p.rsplit('.').next().unwrap())),
            "{f} {p}: in REQUIRED but every fixture decodes without it"
        );
    }
}

/// The path patterns of [`REQUIRED`] match what they say and nothing else.
#[test]
fn required_patterns_match() {
    let f = "fixtures/events/example-dynamodb-event.json";
    assert!(required(f, "$.Records[].dynamodb.Keys.key.S"));
    assert!(required(f, "$.Records[].dynamodb.NewImage.List.L[].S"));
    assert!(!required(f, "$.Records[].dynamodb.Keys"));
    assert!(!required(f, "$.Records[].eventName"));
    assert!(!required(
        "x/example-sqs-event.json",
        "$.Records[].dynamodb.Keys.key.S"
    ));
    assert!(required(
        "x/example-cognito-event-userpools-presignup.json",
        "$.request"
    ));
    assert!(!required(
        "x/example-cognito-event-userpools-presignup.json",
        "$.request.userAttributes"
    ));
}
