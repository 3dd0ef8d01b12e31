//! Lambda deployment packages (`--zip`): a `.zip` whose root holds `bootstrap`, as
//! `cargo lambda build --output-format zip` writes it. Lambda unpacks it into `/var/task` and
//! runs `/var/task/bootstrap` there; [`Package::extract`] unpacks it into a private temporary
//! directory (removed on drop) and checks up front what would otherwise fail obscurely at exec:
//! a missing or non-executable `bootstrap`, a binary for another architecture, entries that
//! would land outside the directory (zip slip).

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Lambda's limit on a function's unzipped size (code and layers), bytes.
pub const MAX_UNZIPPED: u64 = 262_144_000;

/// Temporary directories are named `PREFIX{pid}-{uuid}`, so a later run can tell whose they are.
const PREFIX: &str = "lambkin-zip-";

/// Why a deployment package cannot run.
#[derive(Debug)]
#[non_exhaustive]
pub enum PackageError {
    /// The zip file cannot be opened.
    Open(PathBuf, io::Error),
    /// It is not a readable zip archive.
    NotZip(PathBuf, String),
    /// An entry's path is absolute or climbs out of the package (`../x`): zip slip.
    Escapes(String),
    /// A symbolic link entry; the emulator does not recreate links.
    Symlink(String),
    /// The unpacked contents exceed [`MAX_UNZIPPED`].
    TooLarge,
    /// No `bootstrap` file at the root; `nested` is one found deeper, if any.
    NoBootstrap {
        /// An entry named `bootstrap` below the root (the folder was zipped, not its contents).
        nested: Option<String>,
    },
    /// `bootstrap` has no execute permission in the archive (its Unix mode, if any).
    NotExecutable(Option<u32>),
    /// `bootstrap` is an executable for another CPU than this machine's.
    WrongArchitecture {
        /// The binary's architecture.
        found: &'static str,
        /// This machine's (`std::env::consts::ARCH`).
        host: &'static str,
    },
    /// `bootstrap` is neither an ELF executable nor a `#!` script.
    NotRunnable,
    /// Unpacking failed (disk full, permissions, a corrupt entry).
    Extract(String, io::Error),
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Open(path, e) => write!(f, "cannot open {}: {e}", path.display()),
            Self::NotZip(path, e) => write!(f, "{} is not a zip archive: {e}", path.display()),
            Self::Escapes(name) => write!(
                f,
                "zip entry `{name}` would be unpacked outside the package (absolute or `..` path); refusing it"
            ),
            Self::Symlink(name) => write!(
                f,
                "zip entry `{name}` is a symbolic link; the emulator unpacks only files and directories"
            ),
            Self::TooLarge => write!(
                f,
                "the package unzips to more than Lambda's {MAX_UNZIPPED}-byte limit"
            ),
            Self::NoBootstrap { nested: Some(name) } => write!(
                f,
                "no `bootstrap` at the zip's root, but `{name}` is deeper in it: Lambda runs only \
                 `bootstrap` at the root; zip the folder's contents, not the folder"
            ),
            Self::NoBootstrap { nested: None } => write!(
                f,
                "no `bootstrap` file at the zip's root: a custom-runtime function (provided.al2023) \
                 must be an executable named `bootstrap` there"
            ),
            Self::NotExecutable(mode) => {
                write!(f, "`bootstrap` is not executable in the zip (")?;
                match mode {
                    Some(m) => write!(f, "mode {:o}", m & 0o7777)?,
                    None => write!(f, "no Unix permissions recorded")?,
                }
                write!(
                    f,
                    "); Lambda would fail with permission denied: `chmod 755 bootstrap` before \
                     zipping, or build with `cargo lambda build --output-format zip`"
                )
            }
            Self::WrongArchitecture { found, host } => {
                let how = match *host {
                    "x86_64" => " (`cargo lambda build` without `--arm64`)",
                    "aarch64" => " (`cargo lambda build --arm64`)",
                    _ => "",
                };
                write!(
                    f,
                    "`bootstrap` is built for {found} but this machine is {host}: it cannot run \
                     here. Build it for {host}{how}, or run the emulator on {found}"
                )
            }
            Self::NotRunnable => write!(
                f,
                "`bootstrap` is neither an ELF executable nor a script starting with `#!`"
            ),
            Self::Extract(name, e) => write!(f, "unpacking `{name}`: {e}"),
        }
    }
}

impl std::error::Error for PackageError {}

impl From<PackageError> for io::Error {
    fn from(e: PackageError) -> Self {
        let kind = match &e {
            PackageError::Open(_, io) | PackageError::Extract(_, io) => io.kind(),
            _ => io::ErrorKind::InvalidInput,
        };
        io::Error::new(kind, e)
    }
}

/// An unpacked deployment package; its directory is removed when this is dropped.
#[derive(Debug)]
pub struct Package {
    root: PathBuf,
}

impl Package {
    /// Unpacks `zip` into a new private directory under the system's temporary directory,
    /// keeping each file's Unix permissions, and checks that `bootstrap` can run here.
    pub fn extract(zip: &Path) -> Result<Self, PackageError> {
        Self::extract_limited(zip, MAX_UNZIPPED)
    }

    fn extract_limited(zip: &Path, limit: u64) -> Result<Self, PackageError> {
        let file = File::open(zip).map_err(|e| PackageError::Open(zip.to_owned(), e))?;
        let mut archive = zip::ZipArchive::new(io::BufReader::new(file))
            .map_err(|e| PackageError::NotZip(zip.to_owned(), e.to_string()))?;
        let entries = check_entries(zip, &mut archive, limit)?;
        remove_stale();
        let root = std::env::temp_dir().join(format!(
            "{PREFIX}{}-{}",
            std::process::id(),
            crate::ids::uuid()
        ));
        fs::DirBuilder::new()
            .mode(0o700)
            .create(&root)
            .map_err(|e| PackageError::Extract(root.display().to_string(), e))?;
        // From here on, dropping `package` removes whatever was unpacked.
        let package = Self { root };
        let mut budget = limit;
        for (index, path) in entries {
            package.unpack(&mut archive, index, &path, &mut budget)?;
        }
        package.check_bootstrap(&mut archive)?;
        Ok(package)
    }

    /// The unpacked package: Lambda's `/var/task`, `LAMBDA_TASK_ROOT`.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `bootstrap` at the root: the program Lambda runs.
    pub fn bootstrap(&self) -> PathBuf {
        self.root.join("bootstrap")
    }

    fn unpack<R: Read + io::Seek>(
        &self,
        archive: &mut zip::ZipArchive<R>,
        index: usize,
        path: &Path,
        budget: &mut u64,
    ) -> Result<(), PackageError> {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| extract_error(path, io::Error::other(e)))?;
        let target = self.root.join(path);
        let fail = |e| extract_error(path, e);
        // Directories are 0755 whatever the archive says: we must write into and remove them.
        if entry.is_dir() {
            return fs::DirBuilder::new()
                .recursive(true)
                .mode(0o755)
                .create(&target)
                .map_err(fail);
        }
        if let Some(parent) = target.parent() {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o755)
                .create(parent)
                .map_err(fail)?;
        }
        let mut out = File::create(&target).map_err(fail)?;
        // The sizes in the archive were checked, but the data decides: stop at the budget.
        let written = io::copy(&mut (&mut entry).take(*budget + 1), &mut out).map_err(fail)?;
        if written > *budget {
            return Err(PackageError::TooLarge);
        }
        *budget -= written;
        // Only permission bits: no setuid/setgid/sticky from an archive. No mode: rw-r--r--.
        let mode = entry.unix_mode().map_or(0o644, |m| m & 0o777);
        fs::set_permissions(&target, fs::Permissions::from_mode(mode)).map_err(fail)
    }

    fn check_bootstrap<R: Read + io::Seek>(
        &self,
        archive: &mut zip::ZipArchive<R>,
    ) -> Result<(), PackageError> {
        let bootstrap = self.bootstrap();
        let meta = match fs::metadata(&bootstrap) {
            Ok(m) if m.is_file() => m,
            _ => {
                let nested = archive
                    .file_names()
                    .filter_map(Result::ok)
                    .find(|n| n.ends_with("/bootstrap"))
                    .map(|n| n.into_owned());
                return Err(PackageError::NoBootstrap { nested });
            }
        };
        if meta.permissions().mode() & 0o111 == 0 {
            let mode = archive
                .by_name("bootstrap")
                .ok()
                .and_then(|e| e.unix_mode());
            return Err(PackageError::NotExecutable(mode));
        }
        let mut head = [0u8; 20];
        let mut file =
            File::open(&bootstrap).map_err(|e| extract_error(Path::new("bootstrap"), e))?;
        let n = read_up_to(&mut file, &mut head)
            .map_err(|e| extract_error(Path::new("bootstrap"), e))?;
        check_runnable(head.get(..n).unwrap_or_default(), std::env::consts::ARCH)
    }
}

impl Drop for Package {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Every entry's safe relative path (files and directories), refusing escapes, links and
/// archives that declare more than `limit` bytes, before anything is written.
fn check_entries<R: Read + io::Seek>(
    zip: &Path,
    archive: &mut zip::ZipArchive<R>,
    limit: u64,
) -> Result<Vec<(usize, PathBuf)>, PackageError> {
    let mut entries = Vec::with_capacity(archive.len());
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index(index)
            .map_err(|e| PackageError::NotZip(zip.to_owned(), e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        // enclosed_name() refuses `..` escapes but quietly makes `/x` relative: refuse both.
        let path = entry
            .enclosed_name()
            .filter(|_| !name.starts_with(['/', '\\']))
            .ok_or_else(|| PackageError::Escapes(name.clone()))?;
        if entry.is_symlink() {
            return Err(PackageError::Symlink(name));
        }
        total = total.saturating_add(entry.size());
        if total > limit {
            return Err(PackageError::TooLarge);
        }
        entries.push((index, path));
    }
    Ok(entries)
}

/// Whether a file starting with `head` can be exec'd on `host` (`std::env::consts::ARCH`).
fn check_runnable(head: &[u8], host: &'static str) -> Result<(), PackageError> {
    if head.starts_with(b"#!") {
        return Ok(());
    }
    let (Some(b"\x7fELF"), Some(&data), Some(&[a, b])) =
        (head.get(..4), head.get(5), head.get(18..20))
    else {
        return Err(PackageError::NotRunnable);
    };
    // e_machine, in the byte order EI_DATA names (1: little-endian, 2: big-endian).
    let machine = if data == 2 {
        u16::from_be_bytes([a, b])
    } else {
        u16::from_le_bytes([a, b])
    };
    let found = match machine {
        62 => "x86_64",
        183 => "aarch64",
        3 => "x86",
        40 => "arm",
        _ => return Ok(()), // Unknown to us: let exec decide.
    };
    if found == host {
        return Ok(());
    }
    let found = if found == "aarch64" {
        "aarch64 (arm64)"
    } else {
        found
    };
    Err(PackageError::WrongArchitecture { found, host })
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while let Some(rest) = buf.get_mut(filled..).filter(|r| !r.is_empty()) {
        match file.read(rest)? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn extract_error(path: &Path, e: io::Error) -> PackageError {
    PackageError::Extract(path.display().to_string(), e)
}

/// Removes packages left by emulators that were killed (Ctrl-C on `serve` skips drops): any
/// `lambkin-zip-PID-*` whose process is gone.
fn remove_stale() {
    // Without /proc a live emulator's directory would look stale.
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(dir) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in dir.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
#[path = "package_tests.rs"]
mod tests;
