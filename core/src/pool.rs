//! The thread pool large batches run on: one per process, so batches survive `fork()`.
//!
//! Servers fork their workers after loading the application (gunicorn `--preload`, Celery,
//! Puma and Unicorn in cluster mode, PHP-FPM). A child inherits none of its parent's threads,
//! so a pool started before the fork, rayon's global pool included, would leave the child's
//! first large batch waiting forever for workers that do not exist. Keyed by process id, each
//! process starts its own pool on first use.

use std::sync::{Arc, Mutex, PoisonError};

use rayon::{ThreadPool, ThreadPoolBuilder};

static POOL: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);

/// This process's pool, started on first use; `None` when no thread can be started, and the
/// caller then does the work on its own thread.
pub(crate) fn this_process() -> Option<Arc<ThreadPool>> {
    let pid = std::process::id();
    let mut slot = POOL.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((owner, pool)) = slot.as_ref()
        && *owner == pid
    {
        return Some(Arc::clone(pool));
    }
    // A pool inherited through fork() has no threads behind it: dropping it would wait for
    // them to stop, so it is forgotten instead (a few bytes, once per fork).
    if let Some((_, inherited)) = slot.take() {
        std::mem::forget(inherited);
    }
    let pool = Arc::new(
        ThreadPoolBuilder::new()
            .thread_name(|index| format!("chatwoot-identity-{index}"))
            .build()
            .ok()?,
    );
    *slot = Some((pid, Arc::clone(&pool)));
    Some(pool)
}
