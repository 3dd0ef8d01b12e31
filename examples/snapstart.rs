//! SnapStart hooks: work to undo before Lambda snapshots the initialized sandbox, and to redo
//! after a restore (reconnect, reseed), on any transport.
//!
//! With `AWS_LAMBDA_INITIALIZATION_TYPE=snap-start` the runtime ends init by running the
//! before-checkpoint hooks (last registered first), waits on `/runtime/restore/next` while the
//! snapshot is taken, then runs the after-restore hooks (first registered first). Without
//! SnapStart they never run. A failing hook stops the runtime, reported to Lambda.
#![allow(clippy::std_instead_of_core)]

use std::sync::atomic::{AtomicU64, Ordering};

use lambkin::{Context, Handler, Raw, snapstart};

/// Restores seen by this process (0 or 1): a stand-in for state rebuilt after a restore.
static RESTORES: AtomicU64 = AtomicU64::new(0);

struct Echo;

impl Handler for Echo {
    type Event<'a> = Raw<'a>;
    type Output<'a> = Raw<'a>;
    type Error = core::convert::Infallible;

    async fn call<'a>(
        &'a self,
        body: Raw<'a>,
        _ctx: &'a Context<'a>,
    ) -> Result<Raw<'a>, Self::Error> {
        Ok(body)
    }
}

fn main() {
    lambkin::run_with_init(async |_| {
        snapstart::before_checkpoint(|| {
            println!("snapstart: before checkpoint");
            Ok::<(), std::convert::Infallible>(())
        });
        snapstart::after_restore(|| {
            let n = RESTORES.fetch_add(1, Ordering::Relaxed) + 1;
            println!("snapstart: after restore ({n})");
            Ok::<(), std::convert::Infallible>(())
        });
        Ok::<_, std::convert::Infallible>(Echo)
    })
}
