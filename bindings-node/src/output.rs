//! Hashes handed back to JavaScript. They are ASCII, so V8 takes them as Latin-1 directly,
//! skipping the UTF-8 decoding a Rust `String` would need.

use chatwoot_identity::{HASH_HEX_LEN, IdentifierHash};
use napi::bindgen_prelude::{ToNapiValue, TypeName, ValueType};
use napi::sys;

use crate::errors;

/// One `identifier_hash`, returned as a JavaScript string.
pub struct HashString(pub(crate) IdentifierHash);

/// A batch of hashes as one JavaScript string of 64 characters per hash, in input order;
/// `index.js` cuts it into an array.
pub struct ConcatenatedHashes(Vec<u8>);

impl ConcatenatedHashes {
    /// `text` must be the hashes' hex, back to back: ASCII only.
    pub(crate) fn from_text(text: Vec<u8>) -> Self {
        debug_assert!(text.len().is_multiple_of(HASH_HEX_LEN) && text.is_ascii());
        ConcatenatedHashes(text)
    }
}

/// ASCII text as a JavaScript string.
///
/// # Safety
/// `env` must be the live environment of the current call; `text` must be ASCII.
pub(crate) unsafe fn ascii(env: sys::napi_env, text: &[u8]) -> napi::Result<sys::napi_value> {
    let mut value = std::ptr::null_mut();
    // SAFETY: forwarded from the caller; ASCII is valid Latin-1.
    errors::check(unsafe {
        sys::napi_create_string_latin1(env, text.as_ptr().cast(), text.len() as isize, &mut value)
    })?;
    Ok(value)
}

impl ToNapiValue for HashString {
    unsafe fn to_napi_value(env: sys::napi_env, hash: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: napi-rs calls this with the live environment of the current call.
        unsafe { ascii(env, hash.0.as_bytes()) }
    }
}

impl ToNapiValue for ConcatenatedHashes {
    unsafe fn to_napi_value(env: sys::napi_env, hashes: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: napi-rs calls this with the live environment of the current call; the text
        // is ASCII (`from_text`).
        unsafe { ascii(env, &hashes.0) }
    }
}

impl TypeName for ConcatenatedHashes {
    fn type_name() -> &'static str {
        "string"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}
