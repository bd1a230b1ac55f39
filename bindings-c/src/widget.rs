//! The Chatwoot widget snippets and the signed user payload, with JSON in and text out: one
//! document keeps the ABI small, and every field, rule, message and escape stays in the core.
//! The HMAC secret travels apart from the document, as a prepared signer.

use std::ffi::c_char;

use identity::{Error, WidgetRequest};

use crate::guard::guard_status;
use crate::handle::borrow;
use crate::output::SizedOut;
use crate::signer::chatwoot_identity_signer;
use crate::slices::{input, json_text, optional_input};
use crate::status::Failure;
use crate::status_table::chatwoot_identity_status;

/// Reads the JSON text at `(json, json_len)` (named `root` in messages), renders it with
/// `render` and writes the result to `(out, out_len, needed)`.
///
/// # Safety
/// As the extern functions' contracts.
unsafe fn write_rendered(
    (json, json_len): (*const u8, usize),
    root: &str,
    (out, out_len, needed): (*mut c_char, usize, *mut usize),
    render: impl FnOnce(&str) -> Result<String, Error>,
) -> Result<(), Failure> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { input(json, json_len)? };
    let out = SizedOut::new(out, out_len, needed)?;
    let text = render(json_text(bytes, root)?)?;
    // SAFETY: forwarded from the caller.
    Ok(unsafe { out.write(&text) }?)
}

/// Writes the complete `<script>` element a server-rendered page includes: Chatwoot's loader,
/// `window.chatwootSettings`, and, when the request has a user, `window.$chatwoot.setUser` with
/// its identifier_hash, signed by `signer` (NULL for none: fine for an anonymous visitor, a
/// user then is CHATWOOT_IDENTITY_MISSING_SECRET). Every value is JSON escaped for an HTML
/// script element.
///
/// `request_json` is `{"base_url", "website_token", "settings"?: {...}, "user"?: {...},
/// "nonce"?}` with the core's snake_case keys (camelCase ones are read too; see the README).
///
/// Returns CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST (a document of another shape; the last
/// error's message names the path, e.g. `settings.position: unknown variant ...`),
/// _INVALID_BASE_URL, _INVALID_WEBSITE_TOKEN, _INVALID_NONCE, _MISSING_SECRET,
/// _EMPTY_IDENTIFIER, _INCOMPLETE_USER, _NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_widget_script(
    signer: *const chatwoot_identity_signer,
    request_json: *const u8,
    request_len: usize,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let signer = unsafe { signer.as_ref() }.map(|signer| &signer.inner);
        let render =
            |json: &str| identity::from_json::<WidgetRequest>("", json)?.widget_script(signer);
        let (json, out) = ((request_json, request_len), (out, out_len, needed));
        // SAFETY: forwarded from this function's contract.
        unsafe { write_rendered(json, "request", out, render) }
    })
}

/// Writes the JSON object a single-page or React Native app passes to the widget's `setUser`
/// (`{"identifier", "identifier_hash", "name", ...}`; the identifier is always a JSON string)
/// for the user in `user_json` (the "user" shape of chatwoot_identity_widget_script; message
/// paths start at `user`), signed by `signer`.
///
/// Returns CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST, _EMPTY_IDENTIFIER, _INCOMPLETE_USER,
/// _NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_set_user_payload(
    signer: *const chatwoot_identity_signer,
    user_json: *const u8,
    user_len: usize,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let signer = unsafe { &borrow(signer)?.inner };
        let render =
            |json: &str| identity::set_user_payload(signer, &identity::from_json("user", json)?);
        // SAFETY: forwarded from this function's contract.
        unsafe {
            write_rendered(
                (user_json, user_len),
                "user",
                (out, out_len, needed),
                render,
            )
        }
    })
}

/// Writes the `<script>` element that logs the visitor out of the widget
/// (`window.$chatwoot.reset()`); render it on the page after logout. `(nonce, nonce_len)` is
/// the page's CSP nonce, NULL with length 0 for none (a non-NULL pointer with length 0 is an
/// empty nonce, which is invalid).
///
/// Returns CHATWOOT_IDENTITY_INVALID_NONCE, _NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_reset_script(
    nonce: *const u8,
    nonce_len: usize,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract. Bytes that are not UTF-8 become
        // U+FFFD, which the core's nonce check refuses, so the core alone decides.
        let nonce = unsafe { optional_input(nonce, nonce_len)? }.map(String::from_utf8_lossy);
        let out = SizedOut::new(out, out_len, needed)?;
        let script = identity::reset_script(nonce.as_deref())?;
        // SAFETY: forwarded from this function's contract.
        Ok(unsafe { out.write(&script) }?)
    })
}
