//! External extensions: every executable file in the `--extensions` directory, started the way
//! Lambda starts `/opt/extensions/*` (in name order, before the runtime, with the function's
//! environment; their output goes to the log as the function's does).

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::Instant;

use crate::process::{Function, FunctionSpec, LineSink};
use std::sync::Arc;

/// The executables in `dir`, by file name, as (name, path).
pub(crate) fn discover(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))?
    {
        let entry = entry?;
        let path = entry.path();
        // Follows symbolic links, as exec does.
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() || !executable(&meta) {
            continue;
        }
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        found.push((name.to_owned(), path));
    }
    found.sort();
    Ok(found)
}

#[cfg(unix)]
fn executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn executable(_: &std::fs::Metadata) -> bool {
    true
}

/// The running external extensions of one init.
#[derive(Default)]
pub(crate) struct Externals {
    running: Vec<(String, Function)>,
}

impl Externals {
    /// Starts each of `found` with `spec`'s environment against `api`; on the first failure,
    /// the name and error (those already started keep running until [`kill`](Self::kill)).
    pub(crate) fn start(
        found: &[(String, PathBuf)],
        spec: &FunctionSpec,
        api: &str,
        function_name: &str,
        region: &str,
        lines: &LineSink,
    ) -> (Self, Option<(String, io::Error)>) {
        let mut started = Self::default();
        for (name, path) in found {
            let ext = FunctionSpec {
                program: path.clone().into(),
                args: Vec::new(),
                ..spec.clone()
            };
            let sink = Some(Arc::clone(lines));
            match Function::spawn_with(&ext, api, function_name, region, sink) {
                Ok(f) => started.running.push((name.clone(), f)),
                Err(e) => return (started, Some((name.clone(), e))),
            }
        }
        (started, None)
    }

    /// The first extension found to have exited, with its status.
    pub(crate) fn exited(&mut self) -> Option<(String, ExitStatus)> {
        self.running
            .iter_mut()
            .find_map(|(name, f)| Some((name.clone(), f.try_wait()?)))
    }

    /// Their resident memory together, KiB.
    pub(crate) fn rss_kib(&self) -> u64 {
        self.running
            .iter()
            .filter_map(|(_, f)| f.memory_kib())
            .map(|m| m.rss)
            .sum()
    }

    /// Polls until every one has exited or finished (named by `finished`), or `until`.
    pub(crate) fn wait_until(&mut self, until: Instant, finished: impl Fn() -> Vec<String>) {
        while Instant::now() < until {
            let done = finished();
            let all = self
                .running
                .iter_mut()
                .all(|(name, f)| done.contains(name) || f.try_wait().is_some());
            if all {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// SIGKILLs and reaps those still running.
    pub(crate) fn kill(&mut self) {
        for (_, f) in self.running.drain(..) {
            let mut f = f;
            f.kill();
        }
    }
}
