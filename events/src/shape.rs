//! Which HTTP event shape a request is: the one rule [`detect`](crate::detect()) and the `http`
//! adapter's `from_slice` (and its typed conversions) both follow, so routing and conversion
//! agree.
//!
//! Each reader notes what the document carries in [`HttpMarks`] its own way (`detect` while
//! scanning the bytes, the adapter from its decoded union type); [`classify`] decides. A field
//! whose value is `null` counts as absent, as it does for the typed decoders.

use crate::text::Text;

/// The HTTP-shaped requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HttpShape {
    /// Application Load Balancer.
    Alb,
    /// VPC Lattice, V2 event structure.
    VpcLatticeV2,
    /// VPC Lattice, V1 event structure.
    VpcLatticeV1,
    /// API Gateway WebSocket API.
    ApiGatewayWebsocket,
    /// API Gateway HTTP API (payload 2.0).
    ApiGatewayHttp,
    /// Lambda function URL (payload 2.0 from a function URL domain).
    LambdaFunctionUrl,
    /// API Gateway REST API (payload 1.0).
    ApiGatewayRest,
}

/// What a document carries that tells the shapes apart. `true` means present and not `null`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HttpMarks<'a> {
    /// `requestContext.elb`.
    pub(crate) elb: bool,
    /// `requestContext.serviceNetworkArn`.
    pub(crate) service_network_arn: bool,
    /// `raw_path` (VPC Lattice V1 writes its keys in snake_case).
    pub(crate) v1_raw_path: bool,
    /// `requestContext.connectionId`.
    pub(crate) connection_id: bool,
    /// `requestContext.http`.
    pub(crate) context_http: bool,
    /// `rawPath`.
    pub(crate) raw_path: bool,
    /// `httpMethod`.
    pub(crate) http_method: bool,
    /// The `version` string, empty when absent.
    pub(crate) version: Text<'a>,
    /// The `requestContext.domainName` string, empty when absent.
    pub(crate) domain: Text<'a>,
}

/// The shape the marks give, the first rule that matches winning:
///
/// | carries | shape |
/// |---|---|
/// | `requestContext.elb` | ALB |
/// | `requestContext.serviceNetworkArn` | VPC Lattice V2 |
/// | `raw_path` | VPC Lattice V1 |
/// | `requestContext.connectionId` | WebSocket |
/// | `requestContext.http`, `rawPath` or `version` `"2.0"` | [`v2_shape`] of the domain |
/// | `httpMethod` | REST |
///
/// `None` when nothing matches. This names a shape; it does not promise the request converts.
pub(crate) fn classify(m: &HttpMarks<'_>) -> Option<HttpShape> {
    Some(if m.elb {
        HttpShape::Alb
    } else if m.service_network_arn {
        HttpShape::VpcLatticeV2
    } else if m.v1_raw_path {
        HttpShape::VpcLatticeV1
    } else if m.connection_id {
        HttpShape::ApiGatewayWebsocket
    } else if m.context_http || m.raw_path || m.version.is(b"2.0") {
        v2_shape(m.domain)
    } else if m.http_method {
        HttpShape::ApiGatewayRest
    } else {
        return None;
    })
}

/// A payload 2.0 request is a function URL's when its `requestContext.domainName` is a
/// function URL domain, `<url-id>.lambda-url.<region>.on.aws`, else an HTTP API's.
///
/// The test is for the whole label `lambda-url` after some other label: `.lambda-url.`
/// anywhere in the domain. It leaves the partition suffix open and refuses look-alikes such as
/// `api.lambda-urls.example.com` or a domain that merely ends in `.lambda-url`. Compared as
/// sent (Lambda writes the domain in lower case), once unescaped.
pub(crate) fn v2_shape(domain: Text<'_>) -> HttpShape {
    const LABEL: [u8; 12] = *b".lambda-url.";
    if let Some(plain) = domain.as_plain() {
        // No escapes (as Lambda sends it): a plain search instead of a byte at a time.
        return if plain.windows(LABEL.len()).any(|w| w == LABEL) {
            HttpShape::LambdaFunctionUrl
        } else {
            HttpShape::ApiGatewayHttp
        };
    }
    // The last bytes read, the latest last: the domain may still be escaped, so it is read as
    // a stream rather than as a slice.
    let mut window = [0; LABEL.len()];
    for b in domain.bytes() {
        window.copy_within(1.., 0);
        if let Some(last) = window.last_mut() {
            *last = b;
        }
        if window == LABEL {
            return HttpShape::LambdaFunctionUrl;
        }
    }
    HttpShape::ApiGatewayHttp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_url_domains() {
        #[rustfmt::skip]
        const CASES: &[(&[u8], HttpShape)] = &[
            (b"abc.lambda-url.us-east-1.on.aws", HttpShape::LambdaFunctionUrl),
            (b"id.lambda-url.eu-west-2.on.aws", HttpShape::LambdaFunctionUrl),
            (br"abc\u002elambda-url\u002Eus-east-1.on.aws", HttpShape::LambdaFunctionUrl),
            (b".lambda-url.", HttpShape::LambdaFunctionUrl),
            (b"abc.execute-api.us-east-1.amazonaws.com", HttpShape::ApiGatewayHttp),
            // Look-alikes: not the `lambda-url` label.
            (b"api.lambda-urls.example.com", HttpShape::ApiGatewayHttp),
            (b"x.my-lambda-url.example.com", HttpShape::ApiGatewayHttp),
            (b"abc.lambda-url", HttpShape::ApiGatewayHttp),
            (b"lambda-url.us-east-1.on.aws", HttpShape::ApiGatewayHttp),
            (br"abc\\lambda-url.us-east-1.on.aws", HttpShape::ApiGatewayHttp),
            (b"ABC.LAMBDA-URL.US-EAST-1.ON.AWS", HttpShape::ApiGatewayHttp),
            (b"", HttpShape::ApiGatewayHttp),
        ];
        for (domain, want) in CASES {
            let text = Text::raw(domain, domain.contains(&b'\\'));
            let name = core::str::from_utf8(domain).unwrap_or("?");
            assert_eq!(v2_shape(text), *want, "{name}");
        }
    }

    #[test]
    fn precedence() {
        let none = HttpMarks::default();
        let url = Text::plain(b"abc.lambda-url.us-east-1.on.aws");
        let v1 = Text::plain(b"1.0");
        let v2 = Text::raw(br"2\u002e0", true);
        #[rustfmt::skip]
        let cases: &[(HttpMarks<'_>, Option<HttpShape>)] = &[
            (none, None),
            // Only a domain or an unknown version: nothing to go by.
            (HttpMarks { domain: url, version: v1, ..none }, None),
            (HttpMarks { http_method: true, ..none }, Some(HttpShape::ApiGatewayRest)),
            (HttpMarks { http_method: true, version: v2, ..none }, Some(HttpShape::ApiGatewayHttp)),
            (HttpMarks { http_method: true, raw_path: true, domain: url, ..none }, Some(HttpShape::LambdaFunctionUrl)),
            (HttpMarks { context_http: true, ..none }, Some(HttpShape::ApiGatewayHttp)),
            (HttpMarks { connection_id: true, context_http: true, raw_path: true, ..none }, Some(HttpShape::ApiGatewayWebsocket)),
            (HttpMarks { v1_raw_path: true, connection_id: true, context_http: true, ..none }, Some(HttpShape::VpcLatticeV1)),
            (HttpMarks { service_network_arn: true, v1_raw_path: true, ..none }, Some(HttpShape::VpcLatticeV2)),
            (HttpMarks { elb: true, service_network_arn: true, v1_raw_path: true, ..none }, Some(HttpShape::Alb)),
        ];
        for (i, (marks, want)) in cases.iter().enumerate() {
            assert_eq!(classify(marks), *want, "case {i}: {marks:?}");
        }
    }
}
