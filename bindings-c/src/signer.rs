//! `chatwoot_identity_signer`: an inbox secret prepared once, shared by any number of threads.

use std::ffi::c_char;

use identity::{HASH_HEX_LEN, Signer};

use crate::guard::{guard, guard_status};
use crate::handle::{borrow, free, into_handle};
use crate::output::{OutBuffer, write_hash};
use crate::slices::{input, output};
use crate::status_table::chatwoot_identity_status;

/// An inbox's HMAC secret prepared for hashing. Opaque: create with
/// chatwoot_identity_signer_new, free with chatwoot_identity_signer_free.
pub struct chatwoot_identity_signer {
    pub(crate) inner: Signer,
}

/// Prepares `secret` and stores a new signer in `*out` (left untouched on failure).
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET or CHATWOOT_IDENTITY_NULL_ARGUMENT on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
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
        *out = into_handle(chatwoot_identity_signer { inner });
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
    // SAFETY: forwarded from this function's contract; dropping the core Signer zeroizes its
    // HMAC states.
    guard(|| unsafe { free(signer) })
}

/// As chatwoot_identity_identifier_hash, with the signer's prepared secret.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_signer_identifier_hash(
    signer: *const chatwoot_identity_signer,
    identifier: *const u8,
    identifier_len: usize,
    out: *mut c_char,
    out_len: usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        unsafe {
            let (signer, identifier) = (borrow(signer)?, input(identifier, identifier_len)?);
            write_hash((out, out_len), || signer.inner.identifier_hash(identifier))
        }
    })
}

/// As chatwoot_identity_verify, with the signer's prepared secret.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_signer_verify(
    signer: *const chatwoot_identity_signer,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const u8,
    identifier_hash_len: usize,
    verified: *mut bool,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (signer, identifier, identifier_hash, verified) = unsafe {
            (
                borrow(signer)?,
                input(identifier, identifier_len)?,
                input(identifier_hash, identifier_hash_len)?,
                output(verified)?,
            )
        };
        *verified = signer.inner.verify(identifier, identifier_hash)?;
        Ok(())
    })
}

/// Writes the identifier_hashes of `count` identifiers, in order, using every core for large
/// batches.
///
/// The identifiers are packed back to back in `(data, data_len)`; `lengths[i]` is the length
/// of the i-th, and the lengths must add up to `data_len` (else
/// CHATWOOT_IDENTITY_LENGTH_MISMATCH). Packing lets hosts such as Go and PHP pass a batch as
/// two flat buffers. The hashes are written back to back to `out`, 64 characters each and no
/// NULs (`out_len` >= 64 * count). An empty identifier fails the whole batch with
/// CHATWOOT_IDENTITY_EMPTY_IDENTIFIER, and the last error's message names its position in the
/// batch (`identifiers[2] must not be empty: ...`); `out` is then untouched.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_signer_identifier_hashes(
    signer: *const chatwoot_identity_signer,
    data: *const u8,
    data_len: usize,
    lengths: *const usize,
    count: usize,
    out: *mut c_char,
    out_len: usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        let needed = count
            .checked_mul(HASH_HEX_LEN)
            .ok_or(chatwoot_identity_status::CHATWOOT_IDENTITY_BUFFER_TOO_SMALL)?;
        // SAFETY: forwarded from this function's contract.
        let (signer, data, lengths) = unsafe {
            (
                borrow(signer)?,
                input(data, data_len)?,
                input(lengths, count)?,
            )
        };
        let identifiers = split_packed(data, lengths)?;
        if identifiers.is_empty() {
            return Ok(());
        }
        let out = OutBuffer::new(out, out_len, needed)?;
        let mut hashes = Vec::with_capacity(needed);
        signer
            .inner
            .append_identifier_hashes(&identifiers, &mut hashes)?;
        // SAFETY: checked for 64 * count bytes, which is what the core appended.
        unsafe { out.write(&hashes) };
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
