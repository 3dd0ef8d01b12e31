//! What is measured: the same function on each runtime, built the same ways: the hello
//! function ([`all`]), the axum app of the HTTP section ([`http`], and alone: [`http_alone`]),
//! the streaming function ([`stream`]) and the telemetry-counting extension ([`extension`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod cargo;

use cargo::{canonical_root, cargo, stripped_size, user_crate_dir, write_user_crate};

/// One binary under test.
#[derive(Clone, Debug)]
pub struct Subject {
    /// Short name for tables.
    pub name: &'static str,
    how: How,
    /// Run and measured end to end; otherwise only built, for its size.
    pub run: bool,
    /// A row of the feature size table.
    pub sized: bool,
    /// Also built with the size profile (the hello table's column); the HTTP section skips
    /// that build, which costs as much as the release one.
    size_profile: bool,
    /// The subject under `target/benches/` whose release target directory this one shares,
    /// so the dependencies they have in common (tokio, hyper, serde) are built once.
    target: &'static str,
}

#[derive(Clone, Debug)]
enum How {
    /// `source` (a path from the repository root) as a user's own crate would build it: a
    /// package named `bin` depending on the facade with these features (no default features,
    /// so the first names the transport) and on `deps` (TOML dependency lines), so the
    /// facade's dev-dependencies, which examples would pull in, do not count.
    Lambkin {
        source: &'static str,
        bin: &'static str,
        features: &'static [&'static str],
        deps: &'static [&'static str],
    },
    /// An official-runtime fixture crate (a path from the repository root) with its own lock
    /// file, built `--locked`; `recipe` says what it holds, for the size table.
    Official {
        fixture: &'static str,
        recipe: &'static str,
    },
    /// `extension/examples/telemetry_count.rs` as a user's extension crate would build it: a
    /// package depending on lambkin-extension (no default features) with `transport` and on
    /// `deps`, its own feature `transport` on by default so the example's
    /// `cfg(feature = "smol" | "tokio")` picks the same transport.
    Extension {
        transport: &'static str,
        deps: &'static [&'static str],
    },
    /// The hand-written minimal std client.
    Floor,
    /// `source` as a plain crate `bin` on `deps` alone, with no Lambda runtime: the HTTP
    /// section's app called in a loop.
    App {
        source: &'static str,
        bin: &'static str,
        deps: &'static [&'static str],
    },
}

/// What the examples besides the facade use: hello's event and response types.
const HELLO_DEPS: &[&str] = &[SERDE];

/// What `benches/apps/axum_app.rs` uses.
const AXUM_DEPS: &[&str] = &[SERDE, AXUM];
const SERDE: &str = r#"serde = { version = "1", features = ["derive"] }"#;
/// The axum features of the official fixture (`benches/fixtures/official-axum/Cargo.toml`),
/// so both binaries hold the same app.
const AXUM: &str = r#"axum = { version = "0.8", default-features = false, features = ["json"] }"#;
/// The same app alone, and what it is called and its request built with.
const ALONE_DEPS: &[&str] = &[
    SERDE,
    AXUM,
    r#"serde_json = "1""#,
    r#"tower-service = "0.3""#,
];

const fn lambkin(
    name: &'static str,
    source: &'static str,
    features: &'static [&'static str],
) -> Subject {
    Subject {
        name,
        how: How::Lambkin {
            source,
            bin: "hello",
            features,
            deps: HELLO_DEPS,
        },
        run: true,
        sized: false,
        size_profile: true,
        target: name,
    }
}

impl Subject {
    const fn sized(mut self) -> Self {
        self.sized = true;
        self
    }

    /// Built for the size table only.
    const fn size_only(mut self) -> Self {
        self.run = false;
        self.sized = true;
        self
    }

    /// What is built, for the size table: source and features.
    pub fn recipe(&self) -> String {
        match self.how {
            How::Lambkin {
                source, features, ..
            } => format!(
                "`{source}`, features {}",
                features
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ),
            How::Official { recipe, .. } => recipe.into(),
            How::Extension { transport, .. } => {
                format!("`{TELEMETRY_COUNT}`, lambkin-extension feature `{transport}`")
            }
            How::Floor => "`benches/src/bin/floor.rs`".into(),
            How::App { source, .. } => format!("`{source}`, no runtime"),
        }
    }
}

const OFFICIAL_HELLO: &str = "emulator/tests/fixtures/official-hello";
/// The lambda_http side of the HTTP section.
pub const OFFICIAL_AXUM: &str = "benches/fixtures/official-axum";

/// The runtimes compared, then the binaries only built for the feature size table; the
/// official runtime is the baseline every ratio divides by.
pub fn all() -> Vec<Subject> {
    vec![
        Subject {
            name: "official",
            how: How::Official {
                fixture: OFFICIAL_HELLO,
                recipe: "`lambda_runtime`'s README hello",
            },
            run: true,
            sized: true,
            size_profile: true,
            target: "official",
        },
        lambkin("lambkin-std", "examples/hello.rs", &["std"]).sized(),
        lambkin(
            "lambkin-service_fn",
            "examples/hello_service_fn.rs",
            &["std"],
        )
        .sized(),
        lambkin("lambkin-smol", "examples/hello.rs", &["smol"]),
        lambkin("lambkin-tokio", "examples/hello.rs", &["tokio"]),
        lambkin(
            "lambkin-service_fn-tokio",
            "examples/hello_service_fn.rs",
            &["tokio"],
        ),
        Subject {
            name: "floor",
            how: How::Floor,
            run: true,
            sized: false,
            size_profile: true,
            target: "floor",
        },
        lambkin("hello+tower", "examples/hello.rs", &["std", "tower"]).size_only(),
        lambkin("hello+anyhow", "examples/hello.rs", &["std", "anyhow"]).size_only(),
        lambkin("hello+eyre", "examples/hello.rs", &["std", "eyre"]).size_only(),
        lambkin("hello+miette", "examples/hello.rs", &["std", "miette"]).size_only(),
        lambkin("hello+tracing", "examples/hello.rs", &["std", "tracing"]).size_only(),
    ]
}

/// The logs section's binaries on the std transport: hello, hello with the `tracing` feature
/// compiled in (`init` not called), and examples/logs (hello plus one `tracing::info!`).
pub fn logs() -> Vec<Subject> {
    vec![
        lambkin("lambkin-std", "examples/hello.rs", &["std"]),
        lambkin("hello+tracing", "examples/hello.rs", &["std", "tracing"]),
        lambkin("logs", "examples/logs.rs", &["std", "tracing"]),
    ]
}

/// The HTTP section's two binaries, the baseline (lambda_http) first. Each shares the target
/// directory of its runtime's hello binary: lambda_http and lambda_runtime's hello lock the
/// same tokio and hyper, and lambkin-http's user crate the workspace's versions.
pub fn http() -> Vec<Subject> {
    vec![
        Subject {
            name: "lambda_http",
            how: How::Official {
                fixture: OFFICIAL_AXUM,
                recipe: "`benches/apps/axum_app.rs` on `lambda_http::run`",
            },
            run: true,
            sized: false,
            size_profile: false,
            target: "official",
        },
        Subject {
            name: "lambkin-http",
            how: How::Lambkin {
                source: "benches/apps/lambkin_axum.rs",
                bin: "lambkin-axum",
                features: &["tokio", "http"],
                deps: AXUM_DEPS,
            },
            run: true,
            sized: false,
            size_profile: false,
            target: "lambkin-tokio",
        },
    ]
}

/// The HTTP section's app with no runtime (`benches/apps/axum_alone.rs`): the floor under
/// both runtimes' per-request figures. It shares lambkin-http's target directory (axum and
/// serde are built once).
pub fn http_alone() -> Subject {
    Subject {
        name: "axum-alone",
        how: How::App {
            source: "benches/apps/axum_alone.rs",
            bin: "axum-alone",
            deps: ALONE_DEPS,
        },
        run: true,
        sized: false,
        size_profile: false,
        target: "lambkin-tokio",
    }
}

/// The cores section's CPU-burning function (`examples/cores.rs`) on the transports that run
/// workers on every core. Each shares its transport's hello target directory.
pub fn cores() -> Vec<Subject> {
    let burn = |name, features, target| Subject {
        name,
        how: How::Lambkin {
            source: "examples/cores.rs",
            bin: "cores",
            features,
            deps: HELLO_DEPS,
        },
        run: true,
        sized: false,
        size_profile: false,
        target,
    };
    vec![
        burn("cores-std", &["std"], "lambkin-std"),
        burn("cores-tokio", &["tokio"], "lambkin-tokio"),
    ]
}

/// The official side of the extension section.
pub const OFFICIAL_EXTENSION: &str = "benches/fixtures/official-extension";
/// lambkin's side of it.
const TELEMETRY_COUNT: &str = "extension/examples/telemetry_count.rs";

/// The extension section's binaries, the baseline (lambda-extension) first, then
/// telemetry_count on each transport, each with what its `main` uses besides the extension
/// crate. Each shares its runtime's hello target directory (the same locked tokio).
pub fn extension() -> Vec<Subject> {
    let lambkin = |name, transport, deps, target| Subject {
        name,
        how: How::Extension { transport, deps },
        run: true,
        sized: false,
        size_profile: false,
        target,
    };
    vec![
        Subject {
            name: "official-extension",
            how: How::Official {
                fixture: OFFICIAL_EXTENSION,
                recipe: "`lambda-extension`'s telemetry processor, as its examples/extension-telemetry-basic",
            },
            run: true,
            sized: false,
            size_profile: false,
            target: "official",
        },
        lambkin("telemetry-std", "std", &[], "lambkin-std"),
        lambkin(
            "telemetry-smol",
            "smol",
            &[r#"async-io = "2""#],
            "lambkin-smol",
        ),
        lambkin(
            "telemetry-tokio",
            "tokio",
            &[r#"tokio = { version = "1", default-features = false, features = ["rt", "time"] }"#],
            "lambkin-tokio",
        ),
    ]
}

/// The load sections' function (`benches/apps/load.rs`, an echo that can be told to sleep)
/// on each transport, each sharing its transport's hello target directory.
pub fn load() -> Vec<Subject> {
    let echo = |name, features, target| Subject {
        name,
        how: How::Lambkin {
            source: "benches/apps/load.rs",
            bin: "load",
            features,
            deps: &[],
        },
        run: true,
        sized: false,
        size_profile: false,
        target,
    };
    vec![
        echo("load-std", &["std"], "lambkin-std"),
        echo("load-smol", &["smol"], "lambkin-smol"),
        echo("load-tokio", &["tokio"], "lambkin-tokio"),
    ]
}

/// The official side of the stream section.
pub const OFFICIAL_STREAM: &str = "benches/fixtures/official-stream";

/// The stream section's binaries, the baseline (the official runtime's `StreamResponse`) first,
/// then examples/stream.rs on each transport. Each shares its runtime's hello target directory
/// (the same locked dependencies), so only the binary itself is compiled again.
pub fn stream() -> Vec<Subject> {
    let lambkin = |name, features, target| Subject {
        name,
        how: How::Lambkin {
            source: "examples/stream.rs",
            bin: "stream",
            features,
            deps: HELLO_DEPS,
        },
        run: true,
        sized: false,
        size_profile: false,
        target,
    };
    vec![
        Subject {
            name: "official-stream",
            how: How::Official {
                fixture: OFFICIAL_STREAM,
                recipe: "`lambda_runtime::streaming::channel` into a `StreamResponse`",
            },
            run: true,
            sized: false,
            size_profile: false,
            target: "official",
        },
        lambkin("stream-std", &["std"], "lambkin-std"),
        lambkin("stream-smol", &["smol"], "lambkin-smol"),
        lambkin("stream-tokio", &["tokio"], "lambkin-tokio"),
    ]
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Built artifacts and what building them cost.
#[derive(Clone, Debug)]
pub struct Built {
    pub exe: PathBuf,
    pub stripped_release: u64,
    /// `None` where the subject skips the size-profile build.
    pub stripped_size_profile: Option<u64>,
    /// Clean release build, when measured.
    pub clean_build: Option<Duration>,
}

/// The smallest-binary profile the issue names.
const SIZE_PROFILE: [&str; 8] = [
    "--config",
    "profile.release.opt-level=\"z\"",
    "--config",
    "profile.release.lto=true",
    "--config",
    "profile.release.panic=\"abort\"",
    "--config",
    "profile.release.codegen-units=1",
];

impl Subject {
    fn args(&self, target_dir: &Path) -> Vec<String> {
        let root = root();
        let mut args: Vec<String> = vec![
            "build".into(),
            "--release".into(),
            "--message-format=json-render-diagnostics".into(),
        ];
        match self.how {
            How::Lambkin { .. } | How::Extension { .. } | How::App { .. } => {
                let manifest = user_crate_dir(self.name).join("Cargo.toml");
                args.extend(["--manifest-path".into(), manifest.display().to_string()]);
            }
            How::Official { fixture, .. } => {
                let manifest = root.join(fixture).join("Cargo.toml");
                args.extend([
                    "--locked".into(),
                    "--manifest-path".into(),
                    manifest.display().to_string(),
                ]);
            }
            How::Floor => {
                args.extend([
                    "--manifest-path".into(),
                    root.join("Cargo.toml").display().to_string(),
                ]);
                args.extend([
                    "-p".into(),
                    "lambkin-benches".into(),
                    "--bin".into(),
                    "floor".into(),
                ]);
            }
        }
        args.extend(["--target-dir".into(), target_dir.display().to_string()]);
        args
    }

    fn dir(&self) -> PathBuf {
        root().join("target/benches").join(self.name)
    }

    /// Release target directory. The size-only builds share one, so the dependencies they
    /// have in common are built once; each is stripped (copied) before the next overwrites it.
    /// Run subjects sharing one ([`Subject::target`]) have binaries of different names.
    fn release_dir(&self) -> PathBuf {
        if self.run {
            root()
                .join("target/benches")
                .join(self.target)
                .join("release")
        } else {
            root().join("target/benches/sizes")
        }
    }

    /// Builds the release binary (writing the user crate first), returns its path.
    fn build_release(&self) -> Result<PathBuf, String> {
        if let How::Lambkin {
            source,
            bin,
            features,
            deps,
        } = self.how
        {
            let facade = format!(
                "lambkin = {{ path = {:?}, default-features = false, features = {features:?} }}",
                canonical_root()?.display().to_string()
            );
            write_user_crate(self.name, source, bin, &facade, "", deps)?;
        }
        if let How::App { source, bin, deps } = self.how {
            write_user_crate(self.name, source, bin, "", "", deps)?;
        }
        if let How::Extension { transport, deps } = self.how {
            let extension = format!(
                "lambkin-extension = {{ path = {:?}, default-features = false, features = [{transport:?}] }}",
                canonical_root()?.join("extension").display().to_string()
            );
            // Every transport named, so the example's cfgs on the others are expected ones.
            let features = format!(
                "[features]\ndefault = [{transport:?}]\nstd = []\nsmol = []\ntokio = []\n\n"
            );
            write_user_crate(
                self.name,
                TELEMETRY_COUNT,
                "telemetry_count",
                &extension,
                &features,
                deps,
            )?;
        }
        cargo(&self.args(&self.release_dir()), &[])
    }

    /// The release binary and its stripped size, without the other builds [`Subject::build`]
    /// makes.
    pub fn release_with_size(&self) -> Result<(PathBuf, u64), String> {
        let exe = self.build_release()?;
        let size = stripped_size(&exe)?;
        Ok((exe, size))
    }

    /// Builds the release binary alone (no size-profile or clean build), returns its path.
    pub fn release(&self) -> Result<PathBuf, String> {
        self.build_release()
    }

    /// The release binary's stripped size, without the other builds [`Subject::build`] makes.
    pub fn stripped_release(&self) -> Result<u64, String> {
        stripped_size(&self.build_release()?)
    }

    /// Builds the release binary and, for a full run (`full`), the size-profile one (where the
    /// subject has one) and a clean build to time it. Smoke runs skip both: they rebuild every
    /// dependency (with LTO, for the size profile) to measure, not to check.
    pub fn build(&self, full: bool) -> Result<Built, String> {
        let time_clean_build = full;
        let exe = self.build_release()?;
        let dir = self.dir();
        let small = if self.size_profile && full {
            Some(stripped_size(&cargo(
                &self.args(&dir.join("size")),
                &SIZE_PROFILE,
            )?)?)
        } else {
            None
        };
        let clean_build = if time_clean_build {
            let scratch = dir.join("clean");
            let _ = std::fs::remove_dir_all(&scratch);
            let started = Instant::now();
            cargo(&self.args(&scratch), &[])?;
            let took = started.elapsed();
            let _ = std::fs::remove_dir_all(&scratch);
            Some(took)
        } else {
            None
        };
        Ok(Built {
            stripped_release: stripped_size(&exe)?,
            stripped_size_profile: small,
            exe,
            clean_build,
        })
    }
}
