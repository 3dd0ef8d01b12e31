#!/usr/bin/env bash
# Rebuilds the seed corpora under fuzz/corpus/<target>/ from the repository's fixtures/ and from
# Runtime API transcripts written out here (what Lambda, cargo-lambda's emulator and our own
# client send). Run from anywhere; it replaces only the seed-* files, so inputs the fuzzer
# found and someone chose to keep stay. Each target's input format is in its header comment.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
fixtures=${FIXTURES:-$here/../fixtures}
corpus=$here/corpus
[ -d "$fixtures/events" ] || { echo "fixtures not found at $fixtures" >&2; exit 1; }

# A handful of real events per target (small ones, so seeds stay well under the size limits).
pick() { ls "$fixtures"/events/*.json | awk -v n="$1" -v k="$2" 'NR % k == n % k' ; }

seed() { # seed TARGET NAME: stdin becomes corpus/TARGET/seed-NAME
    mkdir -p "$corpus/$1"
    cat >"$corpus/$1/seed-$2"
}

# --- Runtime API transcripts -------------------------------------------------------------
event() { # event ID BODY [EXTRA_HEADERS]: a /next answer as real Lambda sends it
    local body=$2
    printf 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: %s\r\nLambda-Runtime-Deadline-Ms: 1700000000000\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\nLambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1\r\n%sContent-Length: %d\r\n\r\n%s' \
        "$1" "${3:-}" "${#body}" "$body"
}
cargo_lambda_event() { # lower-case headers, a relative deadline, no Content-Type
    local body=$2
    printf 'HTTP/1.1 200 OK\r\nlambda-runtime-aws-request-id: %s\r\nlambda-runtime-deadline-ms: 600000\r\nlambda-runtime-invoked-function-arn: arn:aws:lambda:us-east-1:012345678912:function:hello\r\ncontent-length: %d\r\n\r\n%s' \
        "$1" "${#body}" "$body"
}
chunked_event() {
    printf 'HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: chunked\r\nLAMBDA-RUNTIME-AWS-REQUEST-ID: %s\r\nLAMBDA-RUNTIME-INVOCATION-ID: inv-9\r\n\r\n5;x=y\r\n{"fir\r\n10\r\nstName":"chunk"}\r\n0\r\nTrailer: 1\r\n\r\n' "$1"
}
accepted() { printf 'HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{"status":"OK"}\n'; }
cargo_lambda_ok() { printf 'HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n'; }
reply() { printf 'HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' "$1" "${#2}" "$2"; }
rejected() { reply '413 Request Entity Too Large' '{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}'; }
gone() { reply '410 Gone' '{"errorType":"InvalidRequestID"}'; }
die() { printf 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n'; }
interim() { printf 'HTTP/1.1 100 Continue\r\n\r\n'; }
until_close() { printf 'HTTP/1.0 200 OK\r\nLambda-Runtime-Aws-Request-Id: c1\r\n\r\n{"firstName":"close"}'; }
many_headers() {
    printf 'HTTP/1.1 200 OK\r\n'
    for i in $(seq 70); do printf 'X-Filler-%d: value %d\r\n' "$i" "$i"; done
    printf 'Lambda-Runtime-Aws-Request-Id: many\r\nContent-Length: 2\r\n\r\n{}'
}
body() { tr -d '\n' <"$1"; }
sep() { printf '@@@@'; }

# http_response: 2 bytes buffer size, 8 bytes seed, flags (bit 0: no EOF), server bytes.
http_prefix() { printf "$1"'\x01\x02\x03\x04\x05\x06\x07\x08'"$2"; }
{ http_prefix '\x00\x10' '\x00'; event a '{"firstName":"Ada"}'; } | seed http_response lambda-event
{ http_prefix '\x00\x10' '\x00'; cargo_lambda_event b '"world"'; } | seed http_response cargo-lambda-event
{ http_prefix '\x00\x04' '\x00'; chunked_event c; } | seed http_response chunked
{ http_prefix '\x00\x04' '\x01'; accepted; } | seed http_response accepted
{ http_prefix '\x00\x04' '\x00'; interim; interim; event d '{}'; } | seed http_response interim
{ http_prefix '\x00\x04' '\x00'; until_close; } | seed http_response until-close
{ http_prefix '\x80\x00' '\x00'; event e "$(body "$fixtures/events/example-sqs-event.json")"; } | seed http_response too-large
{ http_prefix '\x00\x20' '\x00'; many_headers; } | seed http_response many-headers
{ http_prefix '\x00\x10' '\x00'; event f '{}'; accepted; } | seed http_response leftover

# session: flags (1 prefix API, 2 big rx, 4 init error, 8 faults, high nibble tx), 8 bytes
# seed, replies separated by @@@@.
session_prefix() { printf "$1"'\x11\x22\x33\x44\x55\x66\x77\x88'; }
{ session_prefix '\x00'; event id-1 "$(body "$fixtures/events/example-s3-event.json")"; sep; accepted; sep
  event id-2 '{"firstName":"Zo\u00eb"}'; sep; accepted; sep; die; } | seed session two-events
{ session_prefix '\x01'; chunked_event c1; sep; rejected; sep; cargo_lambda_event c2 '{}'; sep
  cargo_lambda_ok; sep; die; } | seed session chunked-rejected-prefix
{ session_prefix '\x08'; event f1 '{"a":1}'; sep; sep; accepted; sep; until_close; sep; gone; sep
  die; } | seed session faults
{ session_prefix '\x04'; accepted; } | seed session init-error
{ session_prefix '\x00'; event big "$(body "$fixtures/events/example-codebuild-state-change.json")"; sep
  accepted; sep; interim; many_headers; sep; accepted; sep; die; } | seed session too-large-many-headers

# context: 8 bytes seed, `<selector><value>` lines, an empty line, the body.
{ printf '\x01\x00\x00\x00\x00\x00\x00\x00'
  printf '\x00req-1\n\x011700000000000\n\x02arn:aws:lambda:us-east-1:123456789012:function:f\n'
  printf '\x03Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1\n'
  printf '\x04{"client":{"appTitle":"t","installation_id":"i\\u00e9"},"custom":{"k":"v"}}\n'
  printf '\x05{"cognitoIdentityId":"cid","identityPoolId":"pool"}\n\x06tenant-7\n\x07inv-1\n\n'
  printf '{"firstName":"ctx"}'; } | seed context full
{ printf '\x02\x00\x00\x00\x00\x00\x00\x00'
  printf '\x30 spaced-id \n\x10duplicate\n\x41soon\n\x04{not json\n\x05{"identity_id":"a\\"b"}\n\n'; } \
  | seed context odd

# config: `<selector><value>` lines (0 API, 1 name, 2 memory, 3 version, 4 group, 5 stream,
# 6 init type, 7 concurrency).
printf '\x00127.0.0.1:9001\n\x01my-function\n\x021769\n\x03$LATEST\n\x04/aws/lambda/f\n\x052026/01/01/[$LATEST]abc\n\x06on-demand\n\x074\n' \
  | seed config lambda
printf '\x00http://[::]:9000/.rt\n\x02 128 \n\x06lambda-managed-instances\n\x071024\n' | seed config cargo-lambda
printf '\x00HTTP://[::1]/a/b/\n\x06snap-start\n' | seed config ipv6-prefix

# emulator_request: 1 byte max_body pick, the request bytes our client sends.
ua="User-Agent: lambkin/0.1.0"
printf '\x03GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: 127.0.0.1:9001\r\n%s\r\n\r\n' "$ua" \
  | seed emulator_request next
b='{"message":"Hello, world!"}'
printf '\x03POST /.rt/2018-06-01/runtime/invocation/id%%201/response HTTP/1.1\r\nHost: [::]:9000\r\n%s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nLambda-Runtime-Invocation-Id: inv\r\n\r\n%s' "$ua" "${#b}" "$b" \
  | seed emulator_request response
b='{"errorType":"Function.Boom","errorMessage":"failed"}'
printf '\x02POST /2018-06-01/runtime/invocation/e/error HTTP/1.1\r\nHost: h\r\nLambda-Runtime-Function-Error-Type: Function.Boom\r\nContent-Length: %d\r\n\r\n%s' "${#b}" "$b" \
  | seed emulator_request error
printf '\x03POST /2018-06-01/runtime/invocation/s/response HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Type\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nLambda-Runtime-Function-Error-Type: A.B\r\n\r\n' \
  | seed emulator_request streamed
printf '\x04POST /2018-06-01/runtime/init/error HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\n{}' \
  | seed emulator_request init-error

# extension: 8 bytes seed (the low bits of its first byte pick INVOKE, SHUTDOWN and accountId),
# 1 byte buffer size, the name, `\n`, then the answers separated by `@@@@` (registration first).
{ printf '\x05\x00\x00\x00\x00\x00\x00\x00\x10lambkin-graceful-shutdown\n'
  b='{"functionName":"f","functionVersion":"$LATEST","handler":"bootstrap"}'
  printf 'HTTP/1.1 200 OK\r\nLambda-Extension-Identifier: 0c0ffee0-1234-5678-9abc-def012345678\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' "${#b}" "$b"; } \
  | seed extension register
{ printf '\x06\x00\x00\x00\x00\x00\x00\x00\x00my\r\next\n'; gone; } | seed extension refused
ext_answer() { printf 'HTTP/1.1 200 OK\r\n%sContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' "$1" "${#2}" "$2"; }
{ printf '\x07\x00\x00\x00\x00\x00\x00\x00\x20my-ext\n'
  ext_answer 'Lambda-Extension-Identifier: 0c0ffee0\r\n' '{"functionName":"f","functionVersion":"$LATEST","handler":"bootstrap","accountId":"123456789012"}'
  printf '@@@@'
  ext_answer '' '{"eventType":"INVOKE","deadlineMs":1700000000000,"requestId":"r1","invokedFunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","tracing":{"type":"X-Amzn-Trace-Id","value":"Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700"}}'
  printf '@@@@'
  ext_answer '' '{"eventType":"SHUTDOWN","shutdownReason":"spindown","deadlineMs":1700000000500}'; } \
  | seed extension life

# telemetry: 8 bytes seed, 1 byte buffer size, then the stream: batches POSTed as Lambda does
# (Content-Length and chunked), the bare batches, and the platform records as TCP lines.
tele=$here/../core/tests/fixtures/telemetry
for name in platform logs; do
    b=$(cat "$tele/$name.json")
    { printf '\x01\x02\x03\x04\x05\x06\x07\x08\xff'
      printf 'POST / HTTP/1.1\r\nHost: sandbox.localdomain:8080\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s' "${#b}" "$b"; } \
      | seed telemetry "http-$name"
    { printf '\x01\x02\x03\x04\x05\x06\x07\x08\xff'; cat "$tele/$name.json"; } | seed telemetry "batch-$name"
done
b=$(cat "$tele/logs.json")
{ printf '\x01\x02\x03\x04\x05\x06\x07\x08\xc8'
  printf 'POST /t HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n' "${#b}" "$b"; } \
  | seed telemetry http-chunked
{ printf '\x01\x02\x03\x04\x05\x06\x07\x08\x28'; sed -n 's/^ *\({.*}\),\{0,1\}$/\1/p' "$tele/platform.json"; } \
  | seed telemetry tcp-lines

# JSON targets: real events (json_value reads them as JSON; the arbitrary-driven targets read
# them as raw entropy, which is still a varied start).
for f in $(pick 0 4) "$fixtures"/http/*.json; do
    seed json_value "$(basename "$f" .json)" <"$f"
done
for f in $(pick 1 12); do
    seed json_roundtrip "$(basename "$f" .json)" <"$f"
    seed diagnostic "$(basename "$f" .json)" <"$f"
done
printf '%0.s[' $(seq 200) | seed json_value deep
printf '{"a":"\\ud83d\\ude00\\u00e9\\n","b":[1e308,-0,18446744073709551616,-9223372036854775809]}' \
  | seed json_value escapes-numbers
# events: the smallest fixture of each kind (first two words of the name after `example-`).
for f in $(for f in "$fixtures"/events/*.json; do
               b=$(basename "$f"); echo "$(echo "$b" | cut -d- -f2-3) $(wc -c <"$f") $f"
           done | sort -k1,1 -k2,2n | awk '!seen[$1]++ { print $3 }'); do
    seed events "$(basename "$f" .json)" <"$f"
done
printf '{"Records":[{"eventSource":"aws:sqs","body":"{\\"a\\":\\"\\\\u00e9\\"}","messageAttributes":{"k":{"dataType":"String","stringValue":"v\\"w"}}}]}' \
  | seed events sqs-escapes
printf '{"k":{"M":{"a":{"L":[{"N":"1"},{"SS":["x","y"]},{"NULL":true},{"BOOL":false},{"B":"aGk="}]}}}}' \
  | seed events dynamodb-attributes

# events_http: 1 flag byte (bit 0: stage_in_path off, bits 1-3: origin for a refused request),
# the request JSON, `\n@@@@\n`, a response as `STATUS\nname: value\n…\n\nbody`.
responses=(
    $'200\ncontent-type: application/json\nset-cookie: a=1\nset-cookie: b=2\nx-multi: 1\nx-multi: 2\n\n{"ok":true}'
    $'404\ncontent-type: image/png\n\n\x89PNG\r\n\x1a\n\x00'
    $'301\nlocation: /x\ncontent-encoding: gzip\nx-other: caf\xc3\xa9\n\nabc'
    $'204\n\n'
    $'200\ncontent-type: text/html; charset=utf-8\n\n<p>hello</p>'
)
i=0
for f in "$fixtures"/http/*.json \
         "$fixtures"/events/example-apigw-request.json \
         "$fixtures"/events/example-apigw-websocket-request.json \
         "$fixtures"/events/example-alb-lambda-target-request-multivalue-headers.json \
         "$fixtures"/events/example-apigw-v2-request-iam.json; do
    { printf '\\x%02x' $((i % 2 + (i % 7) * 2)) | xargs -0 printf; cat "$f"; printf '\n@@@@\n'
      printf '%s' "${responses[i % ${#responses[@]}]}"; } | seed events_http "$(basename "$f" .json)"
    i=$((i + 1))
done
# VPC Lattice has no fixture; these follow AWS's V1 and V2 examples (events/tests/common/lattice.rs).
printf '\x0c{"raw_path":"/p/a%%20b","method":"POST","headers":{"host":"svc.example","content-type":"application/json"},"query_string_parameters":{"q":"1"},"body":"eyJ0ZXN0IjogImV2ZW50In0=","is_base64_encoded":true}\n@@@@\n%s' \
    "${responses[0]}" | seed events_http vpc-lattice-v1
printf '\x0e{"version":"2.0","path":"/p","method":"GET","headers":{"host":["svc.example"],"x-multi":["1","2"]},"queryStringParameters":{"q":["1","2"]},"body":"hi","isBase64Encoded":false,"requestContext":{"serviceNetworkArn":"arn:aws:vpc-lattice:us-east-2:123456789012:servicenetwork/sn-0bf3f2882e9cc805a","region":"us-east-2"}}\n@@@@\n%s' \
    "${responses[2]}" | seed events_http vpc-lattice-v2
# http_adapter: 1 flag byte (bit 0: pass-through, bit 1: failures answered 500), the event.
i=0
for f in "$fixtures"/http/*.json "$fixtures"/events/example-apigw-websocket-request.json \
         "$fixtures"/events/example-sqs-event.json; do
    { printf '\\x%02x' $((i % 4)) | xargs -0 printf; cat "$f"; } | seed http_adapter "$(basename "$f" .json)"
    i=$((i + 1))
done
printf '\x02{"version":"2.0","rawPath":"/","body":"!!","isBase64Encoded":true,"requestContext":{"http":{"method":"POST"}}}' \
    | seed http_adapter bad-base64
du -sh "$corpus"
