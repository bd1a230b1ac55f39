//! The opaque objects C holds by pointer (a chatwoot_identity_signer, a
//! chatwoot_identity_webhook_verifier): each one's _new function boxes it, the calls that take
//! one borrow it, and its _free function drops it, which wipes the core's key material.

use crate::status_table::chatwoot_identity_status as Status;

/// Moves `value` to the heap for C to hold until it passes the pointer to [`free`].
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// The object behind `handle`, or NULL_ARGUMENT.
///
/// # Safety
/// `handle` is NULL or a live pointer from [`into_handle`].
pub(crate) unsafe fn borrow<'a, T>(handle: *const T) -> Result<&'a T, Status> {
    // SAFETY: forwarded from the contract above.
    unsafe { handle.as_ref() }.ok_or(Status::CHATWOOT_IDENTITY_NULL_ARGUMENT)
}

/// Drops the object behind `handle`; NULL is harmless.
///
/// # Safety
/// `handle` is NULL or a pointer from [`into_handle`] not freed before, and no other thread is
/// using it.
pub(crate) unsafe fn free<T>(handle: *mut T) {
    if !handle.is_null() {
        // SAFETY: the pointer came from Box::into_raw and is freed once (the contract above).
        drop(unsafe { Box::from_raw(handle) });
    }
}
