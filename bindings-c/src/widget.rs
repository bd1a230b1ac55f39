//! The Chatwoot widget snippets and the signed user payload, with JSON in and text out: one
//! document keeps the ABI small, and every field, rule and escape stays in the core.

use std::ffi::c_char;

use crate::guard::guard_status;
use crate::output::SizedOut;
use crate::slices::input;
use crate::status::chatwoot_identity_status;

/// The JSON document at `(ptr, len)`; JSON text is UTF-8, so other bytes are a request of the
/// wrong shape.
///
/// # Safety
/// As [`input`].
unsafe fn json_input<'a>(ptr: *const u8, len: usize) -> Result<&'a str, chatwoot_identity_status> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { input(ptr, len)? };
    std::str::from_utf8(bytes)
        .map_err(|_| chatwoot_identity_status::CHATWOOT_IDENTITY_INVALID_WIDGET_JSON)
}

/// Writes the complete `<script>` element a server-rendered page includes: Chatwoot's loader,
/// `window.chatwootSettings`, and, when the request has a user, `window.$chatwoot.setUser` with
/// its identifier_hash. Every value is JSON escaped for an HTML script element.
///
/// `request_json` (UTF-8) is
/// `{"base_url", "website_token", "settings"?: {...}, "user"?: {...}, "nonce"?}` with the core's
/// snake_case field names (see the README). `(secret, secret_len)` is the inbox's HMAC secret;
/// NULL with length 0 means none, which is fine for an anonymous visitor (no "user"); a
/// non-NULL pointer with length 0 is an empty secret (CHATWOOT_IDENTITY_EMPTY_SECRET).
///
/// The snippet and a NUL go to `(out, out_len)`. `*needed` (when `needed` is not NULL) gets
/// the size that takes, NUL included, on success and on CHATWOOT_IDENTITY_BUFFER_TOO_SMALL;
/// pass `out` NULL with `out_len` 0 to ask for the size alone (the request is still checked).
///
/// Returns CHATWOOT_IDENTITY_INVALID_WIDGET_JSON, _INVALID_BASE_URL, _INVALID_WEBSITE_TOKEN,
/// _INVALID_NONCE, _MISSING_SECRET, _EMPTY_SECRET, _EMPTY_IDENTIFIER, _INCOMPLETE_USER,
/// _INVALID_CUSTOM_ATTRIBUTE, _NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// Each `(ptr, len)` pair is NULL with length 0 or `len` readable bytes; `out` is NULL or
/// `out_len` writable bytes; `needed` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_widget_script(
    secret: *const u8,
    secret_len: usize,
    request_json: *const u8,
    request_len: usize,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        let secret = if secret.is_null() && secret_len == 0 {
            None
        } else {
            // SAFETY: forwarded from this function's contract.
            Some(unsafe { input(secret, secret_len)? })
        };
        // SAFETY: forwarded from this function's contract.
        let request = unsafe { json_input(request_json, request_len)? };
        let out = SizedOut::new(out, out_len, needed)?;
        let script = identity::widget_script_from_json(secret, request)?;
        // SAFETY: forwarded from this function's contract.
        unsafe { out.write(&script) }
    })
}

/// Writes the JSON object a single-page or React Native app passes to the widget's `setUser`
/// (`{"identifier", "identifier_hash", "name", ...}`; the identifier is always a JSON string)
/// for the user in `user_json` (UTF-8, the "user" shape of chatwoot_identity_widget_script).
/// `(out, out_len, needed)` work as in chatwoot_identity_widget_script.
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET, _INVALID_WIDGET_JSON, _EMPTY_IDENTIFIER,
/// _INCOMPLETE_USER, _INVALID_CUSTOM_ATTRIBUTE, _NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// As chatwoot_identity_widget_script.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_set_user_payload(
    secret: *const u8,
    secret_len: usize,
    user_json: *const u8,
    user_len: usize,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (secret, user) =
            unsafe { (input(secret, secret_len)?, json_input(user_json, user_len)?) };
        let out = SizedOut::new(out, out_len, needed)?;
        let payload = identity::set_user_payload_from_json(secret, user)?;
        // SAFETY: forwarded from this function's contract.
        unsafe { out.write(&payload) }
    })
}

/// Writes the `<script>` element that logs the visitor out of the widget
/// (`window.$chatwoot.reset()`); render it on the page after logout. `(nonce, nonce_len)` is
/// the page's CSP nonce, NULL with length 0 for none (a non-NULL pointer with length 0 is an
/// empty nonce, which is invalid). `(out, out_len, needed)` work as in
/// chatwoot_identity_widget_script.
///
/// Returns CHATWOOT_IDENTITY_INVALID_NONCE, _NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// As chatwoot_identity_widget_script.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_reset_script(
    nonce: *const u8,
    nonce_len: usize,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        let nonce = if nonce.is_null() && nonce_len == 0 {
            None
        } else {
            // SAFETY: forwarded from this function's contract. Bytes that are not UTF-8 become
            // U+FFFD, which the core's nonce check refuses, so the core alone decides.
            Some(String::from_utf8_lossy(unsafe { input(nonce, nonce_len)? }))
        };
        let out = SizedOut::new(out, out_len, needed)?;
        let script = identity::reset_script(nonce.as_deref())?;
        // SAFETY: forwarded from this function's contract.
        unsafe { out.write(&script) }
    })
}
