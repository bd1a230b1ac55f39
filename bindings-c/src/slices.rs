//! Borrowing C's `(ptr, len)` inputs as Rust slices (or JSON text), and checking output
//! pointers.

use identity::{Error, InputProblem};

use crate::status_table::chatwoot_identity_status as Status;

/// The `len` values (bytes, lengths) at `ptr`; NULL with length 0 is the empty value.
///
/// # Safety
/// When `ptr` is not NULL it must point to `len` readable values that outlive `'a`.
#[inline(always)]
pub(crate) unsafe fn input<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T], Status> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Status::CHATWOOT_IDENTITY_NULL_ARGUMENT)
        };
    }
    // SAFETY: the caller promises `len` readable values at the non-NULL `ptr`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The optional input at `(ptr, len)`: absent when NULL with length 0.
///
/// # Safety
/// As [`input`].
#[inline(always)]
pub(crate) unsafe fn optional_input<'a>(
    ptr: *const u8,
    len: usize,
) -> Result<Option<&'a [u8]>, Status> {
    if ptr.is_null() && len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    unsafe { input(ptr, len) }.map(Some)
}

/// `ptr` as a mutable reference, or NULL_ARGUMENT.
///
/// # Safety
/// When `ptr` is not NULL it must be valid for writes of a `T` during `'a`.
#[inline(always)]
pub(crate) unsafe fn output<'a, T>(ptr: *mut T) -> Result<&'a mut T, Status> {
    // SAFETY: the caller promises a valid, writable pointer when it is not NULL.
    unsafe { ptr.as_mut() }.ok_or(Status::CHATWOOT_IDENTITY_NULL_ARGUMENT)
}

/// `bytes` as the JSON text of the document `path` names. JSON text is UTF-8: other bytes are
/// refused as the document's syntax error, rather than replaced.
pub(crate) fn json_text<'a>(bytes: &'a [u8], path: &str) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes).map_err(|error| Error::InvalidWidgetRequest {
        path: path.into(),
        problem: InputProblem::Syntax,
        detail: format!("JSON text must be UTF-8 ({error})"),
    })
}
