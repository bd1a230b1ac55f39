//! The panic boundary every `extern "C"` body runs in (unwinding into C is undefined
//! behaviour), and where a fallible call leaves its outcome as the thread's last error.

use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::last_error;
use crate::status::Failure;
use crate::status_table::chatwoot_identity_status as Status;

/// What a function returns to C when its body panicked.
pub(crate) trait OnPanic {
    fn on_panic() -> Self;
}

macro_rules! on_panic {
    ($($type:ty => $value:expr),* $(,)?) => {
        $(impl OnPanic for $type {
            fn on_panic() -> Self {
                $value
            }
        })*
    };
}

on_panic! {
    Status => Status::CHATWOOT_IDENTITY_PANIC,
    Result<(), Failure> => Err(Failure::Interface(Status::CHATWOOT_IDENTITY_PANIC)),
    *const c_char => std::ptr::null(),
    u32 => 0,
    bool => false,
    () => (),
}

/// Runs `body`, turning a panic into `T::on_panic()`.
///
/// Unwind safety is asserted: a body only reads its inputs and writes its outputs after all
/// fallible work, so a panic leaves no half-updated state behind.
#[inline(always)]
pub(crate) fn guard<T: OnPanic>(body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| T::on_panic())
}

/// [`guard`] for the fallible functions: the status of `body`'s result, whose message (a
/// panic's included) becomes the thread's last error; a success clears it.
#[inline(always)]
pub(crate) fn guard_status(body: impl FnOnce() -> Result<(), Failure>) -> Status {
    guard(|| last_error::record(guard(body)))
}
