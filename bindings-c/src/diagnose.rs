//! `chatwoot_identity_diagnose`: why a hash is rejected, as a bit mask C can test, plus lookups
//! that name each bit.

use std::ffi::{CString, c_char};
use std::sync::OnceLock;

use identity::FindingCode;

use crate::guard::{guard, guard_status};
use crate::slices::{input, output};
use crate::status::chatwoot_identity_status;

/// Explains `candidate`: `*verified` is whether Chatwoot would accept it, `*findings` a mask of
/// every known mistake that reproduces it (bit `i` is finding `i`; see
/// chatwoot_identity_finding_code). 0 when verified.
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET, CHATWOOT_IDENTITY_EMPTY_IDENTIFIER or
/// CHATWOOT_IDENTITY_NULL_ARGUMENT on failure.
///
/// # Safety
/// Each `(ptr, len)` pair is NULL with length 0 or readable; `verified` and `findings` are
/// NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_diagnose(
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    candidate: *const u8,
    candidate_len: usize,
    verified: *mut bool,
    findings: *mut u32,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (secret, identifier, candidate, verified, findings) = unsafe {
            (
                input(secret, secret_len)?,
                input(identifier, identifier_len)?,
                input(candidate, candidate_len)?,
                output(verified)?,
                output(findings)?,
            )
        };
        let diagnosis = identity::diagnose(secret, identifier, candidate)?;
        *verified = diagnosis.verified;
        *findings = diagnosis.mask();
        Ok(())
    })
}

/// NUL-terminated copies of each finding's code and message, made once and kept forever.
fn finding_texts() -> &'static [(CString, CString)] {
    static TEXTS: OnceLock<Vec<(CString, CString)>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        FindingCode::ALL
            .iter()
            .map(|code| {
                (
                    CString::new(code.as_str()).expect("codes are ASCII"),
                    CString::new(code.message()).expect("messages have no NUL"),
                )
            })
            .collect()
    })
}

/// How many finding codes exist: bits 0 to count - 1 of a findings mask are meaningful.
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_finding_count() -> u32 {
    guard(|| FindingCode::ALL.len() as u32)
}

/// The stable snake_case code of finding bit `index` (e.g. "uppercase_hex"), or NULL when
/// `index` >= chatwoot_identity_finding_count().
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_finding_code(index: u32) -> *const c_char {
    guard(|| {
        finding_texts()
            .get(index as usize)
            .map_or(std::ptr::null(), |(code, _)| code.as_ptr())
    })
}

/// The explanation of finding bit `index`, one sentence that never contains a secret, or NULL
/// when `index` >= chatwoot_identity_finding_count().
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_finding_message(index: u32) -> *const c_char {
    guard(|| {
        finding_texts()
            .get(index as usize)
            .map_or(std::ptr::null(), |(_, message)| message.as_ptr())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn bit_index_names_the_core_finding_with_that_bit() {
        for code in FindingCode::ALL {
            let index = code.bit().trailing_zeros();
            let name = unsafe { CStr::from_ptr(chatwoot_identity_finding_code(index)) };
            assert_eq!(name.to_str().unwrap(), code.as_str());
        }
        assert!(chatwoot_identity_finding_code(chatwoot_identity_finding_count()).is_null());
    }

    #[test]
    fn a_panic_inside_the_guard_becomes_the_panic_status() {
        let status = guard_status(|| panic!("simulated bug"));
        assert_eq!(status, chatwoot_identity_status::CHATWOOT_IDENTITY_PANIC);
    }
}
