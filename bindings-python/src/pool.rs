//! The thread pool batches run on: one per process.
//!
//! Python servers fork (gunicorn `--preload`, Celery's prefork pool, `multiprocessing`). A
//! forked child inherits none of its parent's threads, so a rayon pool started before the fork
//! would have the child wait forever for workers that do not exist. Keying the pool by process
//! id gives each child its own, started on first use.

use std::sync::{Arc, Mutex, PoisonError};

use rayon::{ThreadPool, ThreadPoolBuilder};

static POOL: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);

/// Runs `work` inside this process's pool, so the core's parallel iterators use it.
pub(crate) fn run<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    match this_process_pool() {
        Some(pool) => pool.install(work),
        // No threads could be started: the caller's thread does the work alone.
        None => work(),
    }
}

fn this_process_pool() -> Option<Arc<ThreadPool>> {
    let pid = std::process::id();
    let mut slot = POOL.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, pool)) = slot.as_ref().filter(|(owner, _)| *owner == pid) {
        return Some(Arc::clone(pool));
    }
    // A pool inherited through fork(): its workers are gone, so it must not be asked to stop.
    if let Some((_, inherited)) = slot.take() {
        std::mem::forget(inherited);
    }
    let pool = ThreadPoolBuilder::new()
        .thread_name(|index| format!("chatwoot-identity-{index}"))
        .build()
        .ok()
        .map(Arc::new)?;
    *slot = Some((pid, Arc::clone(&pool)));
    Some(pool)
}
