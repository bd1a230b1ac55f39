//! The panic boundary every `extern "C"` body runs in: unwinding into C is undefined behaviour.

use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::status::chatwoot_identity_status;

/// What a function returns to C when its body panicked.
pub(crate) trait OnPanic {
    fn on_panic() -> Self;
}

impl OnPanic for chatwoot_identity_status {
    fn on_panic() -> Self {
        chatwoot_identity_status::CHATWOOT_IDENTITY_PANIC
    }
}

impl OnPanic for *const c_char {
    fn on_panic() -> Self {
        std::ptr::null()
    }
}

impl OnPanic for u32 {
    fn on_panic() -> Self {
        0
    }
}

impl OnPanic for () {
    fn on_panic() -> Self {}
}

/// Runs `body`, turning a panic into `T::on_panic()`.
///
/// Unwind safety is asserted: a body only reads its inputs and writes its outputs after all
/// fallible work, so a panic leaves no half-updated state behind.
#[inline(always)]
pub(crate) fn guard<T: OnPanic>(body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| T::on_panic())
}

/// [`guard`] for bodies that use `?` on statuses.
#[inline(always)]
pub(crate) fn guard_status(
    body: impl FnOnce() -> Result<(), chatwoot_identity_status>,
) -> chatwoot_identity_status {
    guard(|| match body() {
        Ok(()) => chatwoot_identity_status::CHATWOOT_IDENTITY_OK,
        Err(status) => status,
    })
}
