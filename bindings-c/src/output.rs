//! Writing results into caller buffers: checked before any work, written only on success.

use std::ffi::c_char;

use identity::{Error, IdentifierHash};

use crate::status::Failure;
use crate::status_table::chatwoot_identity_status as Status;

/// Length of a hash: 64 lowercase hex characters.
pub const CHATWOOT_IDENTITY_HASH_LEN: usize = 64;

/// Smallest buffer a hash is written to: 64 hex characters and a NUL.
pub const CHATWOOT_IDENTITY_HASH_BUFFER_LEN: usize = 65;

/// A caller's buffer, validated before any work so that failures write nothing.
pub(crate) struct OutBuffer {
    ptr: *mut u8,
}

impl OutBuffer {
    /// Checks that `(ptr, len)` can hold `needed` bytes.
    pub(crate) fn new(ptr: *mut c_char, len: usize, needed: usize) -> Result<Self, Status> {
        if ptr.is_null() {
            return Err(Status::CHATWOOT_IDENTITY_NULL_ARGUMENT);
        }
        if len < needed {
            return Err(Status::CHATWOOT_IDENTITY_BUFFER_TOO_SMALL);
        }
        Ok(OutBuffer { ptr: ptr.cast() })
    }

    /// Writes `bytes`, without a NUL.
    ///
    /// # Safety
    /// The buffer was checked by [`OutBuffer::new`] for at least `bytes.len()` bytes, and is
    /// valid for writes.
    pub(crate) unsafe fn write(&self, bytes: &[u8]) {
        // SAFETY: see above; the Rust and C memory do not overlap (inputs are read-only and
        // `bytes` lives in Rust).
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.ptr, bytes.len()) }
    }

    /// Writes `bytes` then a NUL.
    ///
    /// # Safety
    /// As [`OutBuffer::write`], for `bytes.len() + 1` bytes.
    pub(crate) unsafe fn write_c_string(&self, bytes: &[u8]) {
        // SAFETY: see above.
        unsafe {
            self.write(bytes);
            *self.ptr.add(bytes.len()) = 0;
        }
    }
}

/// A caller buffer for text whose length is known only after the work: `(out, out_len)` plus
/// the optional `needed`, where the caller learns the size to allocate.
pub(crate) struct SizedOut(*mut c_char, usize, *mut usize);

impl SizedOut {
    /// Checks what can be checked before any work: `out` may be NULL only with `out_len` 0 (the
    /// size query).
    pub(crate) fn new(
        out: *mut c_char,
        out_len: usize,
        needed: *mut usize,
    ) -> Result<Self, Status> {
        if out.is_null() && out_len != 0 {
            return Err(Status::CHATWOOT_IDENTITY_NULL_ARGUMENT);
        }
        Ok(SizedOut(out, out_len, needed))
    }

    /// Writes `text` and a NUL when they fit; either way `*needed` (when not NULL) gets
    /// `text.len() + 1`. When they do not fit, nothing else is written.
    ///
    /// # Safety
    /// `out` is NULL or valid for `out_len` writes; `needed` is NULL or writable.
    pub(crate) unsafe fn write(self, text: &str) -> Result<(), Status> {
        let (size, SizedOut(out, out_len, needed)) = (text.len() + 1, self);
        // SAFETY: `needed` is NULL or writable (this function's contract).
        if let Some(needed) = unsafe { needed.as_mut() } {
            *needed = size;
        }
        // Tested before the pointer: a NULL `out` (length 0 here) is the size query.
        if out_len < size {
            return Err(Status::CHATWOOT_IDENTITY_BUFFER_TOO_SMALL);
        }
        let buffer = OutBuffer::new(out, out_len, size)?;
        // SAFETY: checked for `size` bytes.
        unsafe { buffer.write_c_string(text.as_bytes()) };
        Ok(())
    }
}

/// Writes the hash `hash` computes and a NUL to `(out, out_len)`, checked for them before the
/// core runs: the one-off and the signer's identifier_hash write alike.
///
/// # Safety
/// `out` is NULL or valid for `out_len` writes.
pub(crate) unsafe fn write_hash(
    (out, out_len): (*mut c_char, usize),
    hash: impl FnOnce() -> Result<IdentifierHash, Error>,
) -> Result<(), Failure> {
    let out = OutBuffer::new(out, out_len, CHATWOOT_IDENTITY_HASH_BUFFER_LEN)?;
    let hash = hash()?;
    // SAFETY: checked for 65 bytes; the caller's contract makes them writable.
    unsafe { out.write_c_string(hash.as_bytes()) };
    Ok(())
}

const _: () = assert!(CHATWOOT_IDENTITY_HASH_LEN == identity::HASH_HEX_LEN);
