//! One-off hashing and verification: the secret is prepared for this call only.

use std::ffi::c_char;

use crate::guard::guard_status;
use crate::output::write_hash;
use crate::slices::{input, output};
use crate::status_table::chatwoot_identity_status;

/// Writes the identifier_hash of `identifier` under `secret` to `out` (64 hex characters and a
/// NUL; `out_len` >= CHATWOOT_IDENTITY_HASH_BUFFER_LEN). For many hashes with one secret, a
/// chatwoot_identity_signer is about twice as fast.
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET, CHATWOOT_IDENTITY_EMPTY_IDENTIFIER,
/// CHATWOOT_IDENTITY_NULL_ARGUMENT or CHATWOOT_IDENTITY_BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_identifier_hash(
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    out: *mut c_char,
    out_len: usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        unsafe {
            let secret = input(secret, secret_len)?;
            let identifier = input(identifier, identifier_len)?;
            let hash = || identity::identifier_hash(secret, identifier);
            write_hash((out, out_len), hash)
        }
    })
}

/// Sets `*verified` to whether Chatwoot would accept `identifier_hash` for `identifier`:
/// exactly 64 lowercase hex characters, compared in constant time. A malformed identifier_hash
/// is `false`, not an error.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_verify(
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const u8,
    identifier_hash_len: usize,
    verified: *mut bool,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (secret, identifier, identifier_hash, verified) = unsafe {
            (
                input(secret, secret_len)?,
                input(identifier, identifier_len)?,
                input(identifier_hash, identifier_hash_len)?,
                output(verified)?,
            )
        };
        *verified = identity::verify(secret, identifier, identifier_hash)?;
        Ok(())
    })
}
