//! `chatwoot_identity_diagnose`: why a hash is rejected, as a bit mask C can test, plus lookups
//! that name each bit.

use std::ffi::c_char;

use identity::FindingCode;

use crate::code_texts::{CodeTexts, code_texts};
use crate::guard::{guard, guard_status};
use crate::slices::{input, output};
use crate::status_table::chatwoot_identity_status;

/// Explains why Chatwoot would reject `identifier_hash` for `identifier`: `*verified` is
/// whether Chatwoot would accept it, `*findings` a mask of every known mistake that reproduces
/// it (bit `i` is finding `i`; see chatwoot_identity_finding_code), 0 when verified.
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET, CHATWOOT_IDENTITY_EMPTY_IDENTIFIER or
/// CHATWOOT_IDENTITY_NULL_ARGUMENT on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_diagnose(
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    identifier_hash: *const u8,
    identifier_hash_len: usize,
    verified: *mut bool,
    findings: *mut u32,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (secret, identifier, identifier_hash, verified, findings) = unsafe {
            (
                input(secret, secret_len)?,
                input(identifier, identifier_len)?,
                input(identifier_hash, identifier_hash_len)?,
                output(verified)?,
                output(findings)?,
            )
        };
        let diagnosis = identity::diagnose(secret, identifier, identifier_hash)?;
        *verified = diagnosis.verified;
        *findings = diagnosis.mask();
        Ok(())
    })
}

/// The findings, numbered by their bit index.
static FINDINGS: CodeTexts = code_texts!(FindingCode);

/// How many finding codes exist: bits 0 to count - 1 of a findings mask are meaningful.
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_finding_count() -> u32 {
    guard(|| FindingCode::ALL.len() as u32)
}

/// The stable snake_case code of finding bit `index` (e.g. "uppercase_hex"), or NULL when
/// `index` >= chatwoot_identity_finding_count().
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_finding_code(index: u32) -> *const c_char {
    guard(|| FINDINGS.code(index))
}

/// The explanation of finding bit `index`, one sentence that never contains a secret, or NULL
/// when `index` >= chatwoot_identity_finding_count().
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_finding_message(index: u32) -> *const c_char {
    guard(|| FINDINGS.summary(index))
}
