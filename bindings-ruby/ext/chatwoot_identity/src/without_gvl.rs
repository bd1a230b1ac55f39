//! Runs pure Rust work with Ruby's GVL released, so other Ruby threads keep running.

use std::ffi::c_void;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;

struct Call<F, R> {
    work: Option<F>,
    outcome: Option<std::thread::Result<R>>,
}

/// Calls `work` without the GVL and returns its result.
///
/// `work` must not touch any Ruby object (it may run while the GC moves or frees them): give it
/// data copied out of Ruby first. A panic inside it is carried back and resumed here, with the
/// GVL held again, where magnus turns it into a Ruby exception instead of unwinding through C.
///
/// It uses `rb_thread_call_without_gvl2`, which never raises: the plain variant checks for
/// pending interrupts (`Thread#raise`, `Timeout`) on the way back and would `longjmp` through
/// these Rust frames. Ruby handles the interrupt once the method returns. When one is already
/// pending, Ruby does not call `work` at all; it then runs here, with the GVL.
pub fn without_gvl<F, R>(work: F) -> R
where
    F: FnOnce() -> R,
{
    unsafe extern "C" fn trampoline<F: FnOnce() -> R, R>(data: *mut c_void) -> *mut c_void {
        // SAFETY: `data` is the `Call` below, alive and exclusively ours until
        // rb_thread_call_without_gvl2 returns.
        let call = unsafe { &mut *data.cast::<Call<F, R>>() };
        if let Some(work) = call.work.take() {
            call.outcome = Some(panic::catch_unwind(AssertUnwindSafe(work)));
        }
        ptr::null_mut()
    }

    let mut call = Call {
        work: Some(work),
        outcome: None,
    };
    // SAFETY: the trampoline matches the callback type; no unblocking function is given, so
    // Ruby waits for the work to finish (it is bounded: hashing data already in memory).
    unsafe {
        rb_sys::rb_thread_call_without_gvl2(
            Some(trampoline::<F, R>),
            ptr::from_mut(&mut call).cast::<c_void>(),
            None,
            ptr::null_mut(),
        );
    }
    match (call.outcome, call.work) {
        (Some(Ok(result)), _) => result,
        (Some(Err(payload)), _) => panic::resume_unwind(payload),
        (None, Some(work)) => work(),
        (None, None) => unreachable!("the work is either taken and run, or still here"),
    }
}
