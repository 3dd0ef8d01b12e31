//! VPC Lattice payloads for the tests (there is no VPC Lattice file in the root `fixtures/`).
//!
//! Sources (AWS documentation; comments cannot travel inside JSON, so they are here):
//! - V2 request and the response: the shapes of the examples in the Amazon VPC Lattice User
//!   Guide, "Lambda functions as targets in VPC Lattice"
//!   (<https://docs.aws.amazon.com/vpc-lattice/latest/ug/lambda-functions.html>, sections
//!   "Receive events from the VPC Lattice service" and "Respond to the VPC Lattice service").
//!   The guide's V2 example is a template (`"method": "GET|POST|HEAD|..."`, `"region":
//!   "region"`, `"x509SanDns": "string"`); its placeholders are filled with the values of the
//!   V2 example in the Powertools for AWS Lambda (TypeScript) parser documentation
//!   (`VpcLatticeV2Schema`, <https://docs.aws.amazon.com/powertools/typescript/latest/api/>),
//!   with headers and query in the list form the guide documents for V2.
//! - V1 request: the example of `VpcLatticeSchema` in the same Powertools documentation, with
//!   its trailing comma (invalid JSON) removed.

/// V2 event structure.
pub const V2_REQUEST: &str = r#"{
    "version": "2.0",
    "path": "/newpath",
    "method": "GET",
    "headers": {
        "user_agent": ["curl/7.64.1"],
        "x-forwarded-for": ["10.213.229.10"],
        "host": ["test-lambda-service-3908sdf9u3u.dkfjd93.vpc-lattice-svcs.us-east-2.on.aws"],
        "accept": ["*/*"]
    },
    "queryStringParameters": {
        "order-id": ["1"]
    },
    "body": "{\"message\": \"Hello from Lambda!\"}",
    "isBase64Encoded": false,
    "requestContext": {
        "serviceNetworkArn": "arn:aws:vpc-lattice:us-east-2:123456789012:servicenetwork/sn-0bf3f2882e9cc805a",
        "serviceArn": "arn:aws:vpc-lattice:us-east-2:123456789012:service/svc-0a40eebed65f8d69c",
        "targetGroupArn": "arn:aws:vpc-lattice:us-east-2:123456789012:targetgroup/tg-6d0ecf831eec9f09",
        "identity": {
            "sourceVpcArn": "arn:aws:ec2:region:123456789012:vpc/vpc-0b8276c84697e7339",
            "type": "AWS_IAM",
            "principal": "arn:aws:sts::123456789012:assumed-role/example-role/057d00f8b51257ba3c853a0f248943cf",
            "principalOrgID": "o-50dc6c495c0c9188",
            "sessionName": "057d00f8b51257ba3c853a0f248943cf",
            "x509SanDns": "example.com"
        },
        "region": "us-east-2",
        "timeEpoch": "1696331543569073"
    }
}"#;

/// V1 event structure.
pub const V1_REQUEST: &str = r#"{
    "raw_path": "/testpath",
    "method": "GET",
    "headers": {
        "user_agent": "curl/7.64.1",
        "x-forwarded-for": "10.213.229.10",
        "host": "test-lambda-service-3908sdf9u3u.dkfjd93.vpc-lattice-svcs.us-east-2.on.aws",
        "accept": "*/*"
    },
    "query_string_parameters": {
        "order-id": "1"
    },
    "body": "eyJ0ZXN0IjogImV2ZW50In0=",
    "is_base64_encoded": true
}"#;

/// The response.
pub const RESPONSE: &str = r#"{
    "isBase64Encoded": false,
    "statusCode": 200,
    "statusDescription": "200 OK",
    "headers": {
        "Set-cookie": "cookies",
        "Content-Type": "application/json"
    },
    "body": "Hello from Lambda (optional)"
}"#;
