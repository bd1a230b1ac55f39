//! Integer identifiers as the decimal text Chatwoot hashes (`identifier.to_s` on its side).
//!
//! The rule lives in the core (`IntegerIdentifier`); hosts call these instead of formatting.

use std::ffi::c_char;

use identity::IntegerIdentifier;

use crate::guard::guard_status;
use crate::output::OutBuffer;
use crate::slices::output;
use crate::status::Failure;
use crate::status_table::chatwoot_identity_status;

/// Smallest buffer for an integer identifier: 20 characters ("-9223372036854775808" or
/// "18446744073709551615") and a NUL.
pub const CHATWOOT_IDENTITY_INTEGER_BUFFER_LEN: usize = 21;

fn write_integer(
    value: IntegerIdentifier,
    out: *mut c_char,
    out_len: usize,
    written: *mut usize,
) -> Result<(), Failure> {
    let out = OutBuffer::new(out, out_len, CHATWOOT_IDENTITY_INTEGER_BUFFER_LEN)?;
    // SAFETY: the caller of the extern function promises `written` is NULL or writable.
    let written = unsafe { output(written)? };
    let text = value.as_bytes();
    // SAFETY: checked for 21 bytes; any i64/u64 has at most 20 digits and sign.
    unsafe { out.write_c_string(text) };
    *written = text.len();
    Ok(())
}

/// Writes the identifier text of a signed integer (e.g. "-42") and a NUL to `out`
/// (`out_len` >= CHATWOOT_IDENTITY_INTEGER_BUFFER_LEN); `*written` gets its length without the NUL.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_integer_identifier_i64(
    value: i64,
    out: *mut c_char,
    out_len: usize,
    written: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| write_integer(IntegerIdentifier::from(value), out, out_len, written))
}

/// As chatwoot_identity_integer_identifier_i64, for an unsigned integer.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_integer_identifier_u64(
    value: u64,
    out: *mut c_char,
    out_len: usize,
    written: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| write_integer(IntegerIdentifier::from(value), out, out_len, written))
}
