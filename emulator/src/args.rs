//! Command-line arguments, and turning `--example NAME` into a built binary.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::Duration;

use lambkin_emulator::front::Shape;
use lambkin_emulator::{Config, FunctionSpec, MAX_EVENT, Package};

pub const USAGE: &str = "\
usage:
  lambkin-emulator invoke [OPTIONS] [--event JSON | --event-file FILE] [--repeat N] FUNCTION
  lambkin-emulator serve [--port PORT] [--http PORT [--http-shape SHAPE]] [--concurrency N] [OPTIONS] FUNCTION

FUNCTION is one of
  --example NAME       build this cargo example (release) and run it
  --zip PATH           a deployment package (cargo lambda build --output-format zip): run
                       the `bootstrap` at its root, unpacked into a temporary directory that
                       is LAMBDA_TASK_ROOT and the working directory, as Lambda's /var/task is
  -- COMMAND [ARGS...] run this executable

Runs the function as Lambda would (its environment, timeout, memory limit) against a local
Runtime API and prints Lambda's START/END/REPORT lines to stderr. `invoke` prints each response
to stdout; without --event or --event-file it reads the event from stdin. After more than one
invocation (--repeat N), a MEMORY line sums up Max Memory Used over the run: first, median,
maximum, and its growth per 1,000 invocations after a warm-up (a leak shows there). An event file holding
one JSON document is one event, otherwise each non-empty line is one. `serve --port` answers
POST /2015-03-31/functions/function/invocations like AWS's Runtime Interface Emulator.
`serve --http` answers any HTTP request as the service SHAPE names would: the request becomes
that service's event, the function's reply becomes the HTTP response. Both can run at once.

serve options:
  --port PORT          the Invoke API on 127.0.0.1:PORT (0 picks a free port)
  --http PORT          the HTTP front end on 127.0.0.1:PORT (0 picks a free port)
  --http-shape SHAPE   the event the front end sends (default apigw-v2):
                         apigw-v2    API Gateway HTTP API, payload format 2.0
                         rest        API Gateway REST API, proxy integration (payload 1.0)
                         alb         Application Load Balancer (multi-value headers off)
                         url         Lambda function URL
                         lattice-v2  VPC Lattice, event structure V2

options:
  --memory MB          memory size and limit (default 128)
  --timeout SECONDS    function timeout (default 3)
  --concurrency N      AWS_LAMBDA_MAX_CONCURRENCY (Lambda Managed Instances)
  --function-name NAME (default function)
  --handler NAME       _HANDLER (default bootstrap)
  --env KEY=VALUE      an environment variable of the function (repeatable)
  --features LIST      cargo features for --example
  --extensions DIR     run every executable in DIR as an external extension, as Lambda runs
                       /opt/extensions: started before the function with its environment,
                       registered under its file name; init ends when the runtime and every
                       extension have called next, INVOKE goes to subscribers with each
                       invocation (REPORT's Duration includes their time after the response),
                       SHUTDOWN (2 s deadline) before the processes are stopped
  --snapstart          SnapStart: AWS_LAMBDA_INITIALIZATION_TYPE=snap-start; the runtime's
                       GET /runtime/restore/next ends init (before-checkpoint hooks ran),
                       the restore follows in the same process until its first /next, and
                       that invocation's REPORT has Restore Duration, not Init Duration
  --no-stream-limit    forward streamed responses at full speed instead of Lambda's pace
                       (the first 6 MiB at once, then 2 MiB/s)

Streamed responses (Lambda-Runtime-Function-Response-Mode: streaming) reach the caller as
they arrive: `invoke` prints each chunk when it comes, `serve --port` answers with a chunked
body (an error after the first byte arrives as the trailers Lambda-Runtime-Function-Error-Type
and Lambda-Runtime-Function-Error-Body), `serve --http` sends an HTTP integration response's
status, headers and cookies, then its body as it arrives. After the REPORT line, stderr gets
STREAM RequestId: ID  Chunks: N  Bytes: B  Time To First Byte: T ms";

pub enum Command {
    Help,
    Invoke {
        options: Options,
        /// Each sent in turn, the whole list `repeat` times (not copied: runs can be long).
        events: Vec<Vec<u8>>,
        repeat: usize,
    },
    Serve {
        options: Options,
        /// The Invoke API's port.
        port: Option<u16>,
        /// The HTTP front end's port and shape.
        http: Option<(u16, Shape)>,
    },
}

pub struct Options {
    pub emulator: Config,
    pub function: Source,
}

/// The function to run: a command, a cargo example still to be built, or a deployment zip
/// still to be unpacked.
pub struct Source {
    spec: FunctionSpec,
    example: Option<(String, Option<String>)>,
    zip: Option<PathBuf>,
}

/// The files a function runs from, which must outlive it: the unpacked `--zip` package, or
/// the private link to a built `--example`. Dropping it removes them.
#[derive(Default)]
pub struct Files {
    // Held for their `Drop`.
    _package: Option<Package>,
    _example: Option<Built>,
}

impl Files {
    /// Whether the function runs from files of its own (not a `--zip` or `--example`).
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self._package.is_none() && self._example.is_none()
    }
}

/// A built example's executable under a name of this process's own (a hard link, or a copy),
/// removed when dropped. Two builds of one example with other features (tests running at
/// once, two emulators) write the same `target/release/examples/NAME`: the next build would
/// replace the binary this one is about to run.
pub struct Built(PathBuf);

impl Drop for Built {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl Source {
    /// The spec to run, building the example or unpacking the zip first. Keep the files until
    /// the function has ended.
    pub fn resolve(mut self) -> io::Result<(FunctionSpec, Files)> {
        if let Some((name, features)) = self.example.take() {
            let built = build_example(&name, features.as_deref())?;
            self.spec.program = built.0.clone().into();
            let files = Files {
                _example: Some(built),
                ..Files::default()
            };
            return Ok((self.spec, files));
        }
        let Some(zip) = self.zip.take() else {
            return Ok((self.spec, Files::default()));
        };
        let package = Package::extract(&zip)?;
        self.spec.program = package.bootstrap().into();
        self.spec.working_dir = Some(package.root().to_owned());
        let files = Files {
            _package: Some(package),
            ..Files::default()
        };
        Ok((self.spec, files))
    }
}

pub fn parse(args: impl Iterator<Item = OsString>) -> Result<Command, String> {
    let mut args = args.peekable();
    let sub = args.next().map(|a| a.to_string_lossy().into_owned());
    let serve = match sub.as_deref() {
        Some("invoke") => false,
        Some("serve") => true,
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("missing command".into()),
    };
    let mut emulator = Config::default();
    let mut spec = FunctionSpec::new("");
    let (mut example, mut features, mut port, mut zip) = (None, None, None, None);
    let (mut http, mut shape) = (None, None);
    let (mut event, mut event_file, mut repeat) = (None, None, 1usize);
    let mut command = Vec::new();
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        if arg == "--" {
            command.extend(args.by_ref());
            break;
        }
        let mut value = || {
            args.next()
                .map(|v| v.to_string_lossy().into_owned())
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--memory" => spec.memory_mb = number(&arg, &value()?)?,
            "--timeout" => {
                let secs: f64 = number(&arg, &value()?)?;
                emulator.timeout = Duration::try_from_secs_f64(secs)
                    .ok()
                    .filter(|d| !d.is_zero())
                    .ok_or("--timeout must be a positive number of seconds")?;
            }
            "--concurrency" => spec.concurrency = Some(number(&arg, &value()?)?),
            "--function-name" => emulator.function_name = value()?,
            "--handler" => {
                spec.handler = value()?;
                emulator.handler = spec.handler.clone();
            }
            "--env" => {
                let pair = value()?;
                let (k, v) = pair.split_once('=').ok_or("--env takes KEY=VALUE")?;
                spec.env.push((k.to_owned(), v.to_owned()));
            }
            "--example" => example = Some(value()?),
            "--zip" => zip = Some(PathBuf::from(value()?)),
            "--features" => features = Some(value()?),
            "--extensions" => spec.extensions = Some(PathBuf::from(value()?)),
            "--snapstart" => spec.snapstart = true,
            "--no-stream-limit" => emulator.stream_limit = false,
            "--port" if serve => port = Some(number(&arg, &value()?)?),
            "--http" if serve => http = Some(number(&arg, &value()?)?),
            "--http-shape" if serve => {
                shape = Some(value()?.parse::<Shape>().map_err(|e| e.to_string())?);
            }
            "--event" if !serve => event = Some(value()?),
            "--event-file" if !serve => event_file = Some(PathBuf::from(value()?)),
            "--repeat" if !serve => repeat = number(&arg, &value()?)?,
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    if spec.memory_mb < 1 {
        return Err("--memory must be at least 1 MB".into());
    }
    let mut command = command.into_iter();
    let program = command.next();
    match [program.is_some(), example.is_some(), zip.is_some()] {
        [false, false, false] => {
            return Err("no function: give --example NAME, --zip PATH or -- COMMAND".into());
        }
        [true, false, false] | [false, true, false] | [false, false, true] => {}
        _ => return Err("give one of --example, --zip or a command".into()),
    }
    if let Some(program) = program {
        spec.program = program;
        spec.args = command.collect();
    }
    emulator.record_requests = false;
    let options = Options {
        emulator,
        function: Source {
            spec,
            example: example.map(|e| (e, features)),
            zip,
        },
    };
    if serve {
        if port.is_none() && http.is_none() {
            return Err("serve needs --port or --http".into());
        }
        if shape.is_some() && http.is_none() {
            return Err("--http-shape needs --http".into());
        }
        let http = http.map(|p| (p, shape.unwrap_or_default()));
        return Ok(Command::Serve {
            options,
            port,
            http,
        });
    }
    let text = match (event, event_file) {
        (Some(_), Some(_)) => return Err("give --event or --event-file, not both".into()),
        (Some(e), None) => e.into_bytes(),
        (None, Some(path)) => {
            std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?
        }
        (None, None) => {
            let mut all = Vec::new();
            io::stdin()
                .read_to_end(&mut all)
                .map_err(|e| format!("stdin: {e}"))?;
            all
        }
    };
    let events = split_events(&text)?;
    if let Some(big) = events.iter().find(|e| e.len() > MAX_EVENT) {
        return Err(format!(
            "an event of {} bytes exceeds Lambda's {MAX_EVENT}-byte invocation payload limit",
            big.len()
        ));
    }
    Ok(Command::Invoke {
        options,
        events,
        repeat: repeat.max(1),
    })
}

fn number<T: std::str::FromStr>(option: &str, value: &str) -> Result<T, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{option}: `{value}` is not a valid number"))
}

/// One JSON document is one event; otherwise every non-empty line is one. The Invoke API takes
/// JSON only, so anything else is refused here, as Lambda refuses it.
pub fn split_events(text: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let valid = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).is_ok();
    if valid(text) {
        return Ok(vec![text.trim_ascii().to_vec()]);
    }
    let mut events = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.map_err(|e| format!("event line {}: {e}", n + 1))?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !valid(line.as_bytes()) {
            return Err(format!("event line {} is not JSON: {line}", n + 1));
        }
        events.push(line.as_bytes().to_vec());
    }
    if events.is_empty() {
        return Err("no event: give --event, --event-file or JSON on stdin".into());
    }
    Ok(events)
}

/// `cargo build --release --example NAME`, returning the executable cargo reports.
fn build_example(name: &str, features: Option<&str>) -> io::Result<Built> {
    // One build-and-link at a time (per user): cargo serializes the builds, not the use of
    // what they wrote. The lock goes with the file, at the end of this function.
    let uid = rustix::process::getuid().as_raw();
    let lock = File::create(std::env::temp_dir().join(format!("lambkin-emulator-{uid}.lock")))?;
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Process::new(cargo);
    cmd.args([
        "build",
        "--release",
        "--example",
        name,
        "--message-format=json-render-diagnostics",
    ]);
    if let Some(f) = features {
        cmd.args(["--features", f]);
    }
    let output = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()?;
    if !output.status.success() {
        return Err(io::Error::other(format!(
            "building example `{name}` failed"
        )));
    }
    for line in output.stdout.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line?) else {
            continue;
        };
        let text = |pointer: &str| msg.pointer(pointer).and_then(serde_json::Value::as_str);
        let is_it =
            text("/reason") == Some("compiler-artifact") && text("/target/name") == Some(name);
        if let (true, Some(exe)) = (is_it, text("/executable")) {
            let exe = Path::new(exe);
            let prefix = format!(".{name}-lambkin-emulator-");
            remove_orphans(exe.parent().unwrap_or(Path::new(".")), &prefix);
            let own = exe.with_file_name(format!("{prefix}{}", std::process::id()));
            let _ = std::fs::remove_file(&own);
            std::fs::hard_link(exe, &own).or_else(|_| std::fs::copy(exe, &own).map(drop))?;
            return Ok(Built(own));
        }
    }
    Err(io::Error::other(format!(
        "cargo built no executable for example `{name}`"
    )))
}

/// Removes the links `prefix` + PID in `dir` whose process has gone without removing its own
/// (an emulator killed, as tests stop `serve`).
fn remove_orphans(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name.to_str().and_then(|n| n.strip_prefix(prefix));
        if pid.is_some_and(|p| !Path::new("/proc").join(p).exists()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn events_split_by_document_or_line() {
        let one = split_events(b"{\n  \"a\": 1\n}\n").unwrap();
        assert_eq!(one, vec![b"{\n  \"a\": 1\n}".to_vec()]);
        let lines = split_events(b"{\"a\":1}\n\n[2]\n").unwrap();
        assert_eq!(lines, vec![b"{\"a\":1}".to_vec(), b"[2]".to_vec()]);
        assert!(
            split_events(b"{\"a\":1}\nnope\n")
                .unwrap_err()
                .contains("line 2")
        );
        assert!(split_events(b"  \n").is_err());
    }

    #[test]
    fn invoke_options() {
        let Ok(Command::Invoke {
            options,
            events,
            repeat,
        }) = parse_str(&[
            "invoke",
            "--memory",
            "256",
            "--timeout",
            "1.5",
            "--event",
            "{}",
            "--repeat",
            "3",
            "--env",
            "K=V",
            "--",
            "./f",
            "x",
        ])
        else {
            panic!("parse failed")
        };
        assert_eq!((events.len(), repeat), (1, 3));
        assert_eq!(options.emulator.timeout, Duration::from_millis(1500));
        let (spec, files) = options.function.resolve().unwrap();
        assert!(files.is_empty());
        assert_eq!(
            (spec.memory_mb, spec.program.to_str(), spec.args.len()),
            (256, Some("./f"), 1)
        );
        assert_eq!(spec.env, vec![("K".to_owned(), "V".to_owned())]);
        assert!(
            options.emulator.stream_limit,
            "Lambda's pacing is the default"
        );
        let Ok(Command::Serve { options, .. }) =
            parse_str(&["serve", "--port", "0", "--no-stream-limit", "--", "f"])
        else {
            panic!("parse failed")
        };
        assert!(!options.emulator.stream_limit);
    }

    #[test]
    fn serve_takes_either_port_or_both() {
        let serve = |args: &[&str]| match parse_str(args) {
            Ok(Command::Serve { port, http, .. }) => (port, http),
            _ => panic!("{args:?} did not parse"),
        };
        assert_eq!(
            serve(&["serve", "--port", "9000", "--", "f"]),
            (Some(9000), None)
        );
        assert_eq!(
            serve(&["serve", "--http", "9100", "--", "f"]),
            (None, Some((9100, Shape::ApiGatewayV2)))
        );
        assert_eq!(
            serve(&[
                "serve",
                "--http-shape",
                "lattice-v2",
                "--http",
                "0",
                "--port",
                "1",
                "--",
                "f"
            ]),
            (Some(1), Some((0, Shape::LatticeV2)))
        );
        for shape in Shape::ALL {
            assert_eq!(shape.name().parse::<Shape>(), Ok(shape));
        }
    }

    #[test]
    fn a_zip_is_unpacked_when_resolved() {
        let Ok(Command::Invoke { options, .. }) =
            parse_str(&["invoke", "--event", "{}", "--zip", "/no/such/f.zip"])
        else {
            panic!("parse failed")
        };
        let err = options.function.resolve().err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(err.to_string().contains("/no/such/f.zip"), "{err}");
    }

    #[test]
    fn bad_arguments_are_explained() {
        let huge = format!("\"{}\"", "x".repeat(MAX_EVENT - 1));
        let cases: [(&[&str], &str); 14] = [
            (&["invoke", "--event", &huge, "--", "f"], "payload limit"),
            (&["invoke", "--event", "{}"], "no function"),
            (&["invoke", "--zip", "f.zip", "--", "f"], "give one of"),
            (
                &["invoke", "--zip", "f.zip", "--example", "e"],
                "give one of",
            ),
            (&["serve", "--port", "1", "--zip"], "--zip needs a value"),
            (
                &["invoke", "--memory", "lots", "--", "f"],
                "not a valid number",
            ),
            (&["invoke", "--timeout", "0", "--", "f"], "positive"),
            (&["invoke", "--event", "{", "--", "f"], "not JSON"),
            (&["serve", "--", "f"], "--port or --http"),
            (
                &["serve", "--http", "1", "--http-shape", "soap", "--", "f"],
                "unknown HTTP shape `soap` (one of apigw-v2 rest alb url lattice-v2)",
            ),
            (
                &["serve", "--port", "1", "--http-shape", "alb", "--", "f"],
                "needs --http",
            ),
            (&["invoke", "--http", "1", "--", "f"], "unknown option"),
            (&["invoke", "--port", "1", "--", "f"], "unknown option"),
            (&["frobnicate"], "unknown command"),
        ];
        for (args, want) in cases {
            let err = parse_str(args).err().unwrap_or_default();
            assert!(err.contains(want), "{args:?}: {err}");
        }
    }
}
