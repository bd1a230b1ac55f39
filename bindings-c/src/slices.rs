//! Borrowing C's `(ptr, len)` inputs as Rust slices, and checking output pointers.

use crate::status::chatwoot_identity_status;

/// The bytes at `(ptr, len)`; NULL with length 0 is the empty value.
///
/// # Safety
/// When `ptr` is not NULL it must point to `len` readable bytes that outlive `'a`.
#[inline(always)]
pub(crate) unsafe fn input<'a>(
    ptr: *const u8,
    len: usize,
) -> Result<&'a [u8], chatwoot_identity_status> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(chatwoot_identity_status::CHATWOOT_IDENTITY_NULL_ARGUMENT)
        };
    }
    // SAFETY: the caller promises `len` readable bytes at the non-NULL `ptr`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// `ptr` as a mutable reference, or NULL_ARGUMENT.
///
/// # Safety
/// When `ptr` is not NULL it must be valid for writes of a `T` during `'a`.
#[inline(always)]
pub(crate) unsafe fn output<'a, T>(ptr: *mut T) -> Result<&'a mut T, chatwoot_identity_status> {
    // SAFETY: the caller promises a valid, writable pointer when it is not NULL.
    unsafe { ptr.as_mut() }.ok_or(chatwoot_identity_status::CHATWOOT_IDENTITY_NULL_ARGUMENT)
}
