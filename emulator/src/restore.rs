//! SnapStart in the emulator: the runtime ends its init with `GET /runtime/restore/next` (its
//! before-checkpoint hooks have run); the snapshot is "taken" and at once "restored" in the same
//! process, so `restore/next` answers 200 and the restore lasts until the runtime's first
//! `/next` (its after-restore hooks run in between). `restore/error` fails the restore.

use crate::invocation::ErrorReport;
use crate::state::Shared;
use std::time::Instant;

/// How a `restore/next` or `restore/error` is answered.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    Accepted,
    /// Not a SnapStart function: the route does not exist (404).
    NotFound,
    /// Not now (403 `InvalidStateTransition`).
    WrongState,
}

impl Shared {
    pub(crate) fn set_snapstart(&self, on: bool) {
        self.update(|s| s.snapstart = on);
    }

    /// `restore/next`: the snapshot, once per init, before the first `/next`.
    pub(crate) fn restore_next(&self) -> Answer {
        self.update(|s| {
            if !s.snapstart {
                Answer::NotFound
            } else if s.snapshot.is_some() || s.first_next.is_some() {
                Answer::WrongState
            } else {
                s.snapshot = Some(Instant::now());
                Answer::Accepted
            }
        })
    }

    /// `restore/error`: during the restore only.
    pub(crate) fn restore_error(&self, report: ErrorReport) -> Answer {
        self.update(|s| {
            if !s.snapstart {
                Answer::NotFound
            } else if s.snapshot.is_none() || s.first_next.is_some() || s.restore_error.is_some() {
                Answer::WrongState
            } else {
                s.restore_error = Some(report);
                Answer::Accepted
            }
        })
    }

    pub(crate) fn snapshot(&self) -> Option<Instant> {
        self.lock().snapshot
    }

    pub(crate) fn restore_failure(&self) -> Option<ErrorReport> {
        self.lock().restore_error.clone()
    }
}
