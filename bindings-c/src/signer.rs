//! `chatwoot_identity_signer`: an inbox secret prepared once, shared by any number of threads.

use std::ffi::c_char;

use identity::{HASH_HEX_LEN, Signer};

use crate::guard::{guard, guard_status};
use crate::output::{OutBuffer, hash_buffer};
use crate::slices::{input, output};
use crate::status::chatwoot_identity_status;

/// An inbox's HMAC secret prepared for hashing. Opaque: create with
/// chatwoot_identity_signer_new, free with chatwoot_identity_signer_free.
pub struct chatwoot_identity_signer {
    inner: Signer,
}

/// The signer behind `signer`, or NULL_ARGUMENT.
///
/// # Safety
/// `signer` is NULL or a live pointer from chatwoot_identity_signer_new.
unsafe fn borrow<'a>(
    signer: *const chatwoot_identity_signer,
) -> Result<&'a Signer, chatwoot_identity_status> {
    // SAFETY: forwarded from the contract above.
    unsafe { signer.as_ref() }
        .map(|s| &s.inner)
        .ok_or(chatwoot_identity_status::CHATWOOT_IDENTITY_NULL_ARGUMENT)
}

/// Prepares `secret` and stores a new signer in `*out` (left untouched on failure).
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET or CHATWOOT_IDENTITY_NULL_ARGUMENT on failure.
///
/// # Safety
/// `(secret, secret_len)` is NULL with length 0 or readable; `out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_signer_new(
    secret: *const u8,
    secret_len: usize,
    out: *mut *mut chatwoot_identity_signer,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (secret, out) = unsafe { (input(secret, secret_len)?, output(out)?) };
        let inner = Signer::new(secret)?;
        *out = Box::into_raw(Box::new(chatwoot_identity_signer { inner }));
        Ok(())
    })
}

/// Frees a signer and wipes its key material. NULL is harmless; freeing twice is not.
///
/// # Safety
/// `signer` is NULL or a pointer from chatwoot_identity_signer_new not freed before, and no
/// other thread is using it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_signer_free(signer: *mut chatwoot_identity_signer) {
    guard(|| {
        if !signer.is_null() {
            // SAFETY: the pointer came from Box::into_raw and is freed once; dropping the core
            // Signer zeroizes its HMAC states.
            drop(unsafe { Box::from_raw(signer) });
        }
    })
}

/// As chatwoot_identity_hash, with the signer's prepared secret.
///
/// # Safety
/// `signer` is NULL or live; `(identifier, identifier_len)` is NULL with length 0 or readable;
/// `out` is NULL or `out_len` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_signer_hash(
    signer: *const chatwoot_identity_signer,
    identifier: *const u8,
    identifier_len: usize,
    out: *mut c_char,
    out_len: usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (signer, identifier) = unsafe { (borrow(signer)?, input(identifier, identifier_len)?) };
        let out = hash_buffer(out, out_len)?;
        let hash = signer.identifier_hash(identifier)?;
        // SAFETY: `out` was checked for 65 bytes.
        unsafe { out.write_c_string(hash.as_bytes()) };
        Ok(())
    })
}

/// As chatwoot_identity_verify, with the signer's prepared secret.
///
/// # Safety
/// `signer` is NULL or live; each `(ptr, len)` pair is NULL with length 0 or readable;
/// `verified` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_signer_verify(
    signer: *const chatwoot_identity_signer,
    identifier: *const u8,
    identifier_len: usize,
    candidate: *const u8,
    candidate_len: usize,
    verified: *mut bool,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (signer, identifier, candidate, verified) = unsafe {
            (
                borrow(signer)?,
                input(identifier, identifier_len)?,
                input(candidate, candidate_len)?,
                output(verified)?,
            )
        };
        *verified = signer.verify(identifier, candidate)?;
        Ok(())
    })
}

/// Hashes `count` identifiers, in order, using every core for large batches.
///
/// The identifiers are packed back to back in `(data, data_len)`; `lengths[i]` is the length
/// of the i-th, and the lengths must add up to `data_len` (else
/// CHATWOOT_IDENTITY_LENGTH_MISMATCH). Packing lets hosts such as Go and PHP pass a batch as
/// two flat buffers. The hashes are written back to back to `out`, 64 characters each and no
/// NULs (`out_len` >= 64 * count). On CHATWOOT_IDENTITY_EMPTY_IDENTIFIER, `*failed_index` (when
/// not NULL) gets the position of the first empty identifier; `out` is then untouched.
///
/// # Safety
/// `signer` is NULL or live; `(data, data_len)` is NULL with length 0 or readable; `lengths` is
/// NULL with `count` 0 or `count` readable `size_t`; `out` is NULL or `out_len` writable bytes;
/// `failed_index` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_signer_hashes(
    signer: *const chatwoot_identity_signer,
    data: *const u8,
    data_len: usize,
    lengths: *const usize,
    count: usize,
    out: *mut c_char,
    out_len: usize,
    failed_index: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        let needed = count
            .checked_mul(HASH_HEX_LEN)
            .ok_or(chatwoot_identity_status::CHATWOOT_IDENTITY_BUFFER_TOO_SMALL)?;
        // SAFETY: forwarded from this function's contract.
        let (signer, data) = unsafe { (borrow(signer)?, input(data, data_len)?) };
        let lengths: &[usize] = if lengths.is_null() && count == 0 {
            &[]
        } else if lengths.is_null() {
            return Err(chatwoot_identity_status::CHATWOOT_IDENTITY_NULL_ARGUMENT);
        } else {
            // SAFETY: `count` readable size_t at the non-NULL `lengths`.
            unsafe { std::slice::from_raw_parts(lengths, count) }
        };
        let out = if count == 0 {
            None
        } else {
            Some(OutBuffer::new(out, out_len, needed)?)
        };
        let identifiers = split_packed(data, lengths)?;
        let hashes = signer.identifier_hashes(&identifiers).map_err(|error| {
            if let (identity::Error::EmptyIdentifierInBatch { index }, Some(slot)) =
                // SAFETY: `failed_index` is NULL or writable.
                (&error, unsafe { failed_index.as_mut() })
            {
                *slot = *index;
            }
            chatwoot_identity_status::from(error)
        })?;
        if let Some(out) = out {
            // SAFETY: checked for 64 * count bytes.
            unsafe { out.write_hashes(&hashes) };
        }
        Ok(())
    })
}

/// Cuts packed data into `lengths.len()` slices, checking that the lengths cover it exactly.
fn split_packed<'a>(
    data: &'a [u8],
    lengths: &[usize],
) -> Result<Vec<&'a [u8]>, chatwoot_identity_status> {
    let mismatch = chatwoot_identity_status::CHATWOOT_IDENTITY_LENGTH_MISMATCH;
    let mut rest = data;
    let mut identifiers = Vec::with_capacity(lengths.len());
    for &len in lengths {
        let (identifier, tail) = rest.split_at_checked(len).ok_or(mismatch)?;
        identifiers.push(identifier);
        rest = tail;
    }
    if rest.is_empty() {
        Ok(identifiers)
    } else {
        Err(mismatch)
    }
}
