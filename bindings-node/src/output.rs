//! Hashes handed back to JavaScript. They are ASCII, so V8 takes them as Latin-1 directly,
//! skipping the UTF-8 decoding a Rust `String` would need.

use chatwoot_identity::{HASH_HEX_LEN, IdentifierHash};
use napi::bindgen_prelude::{ToNapiValue, TypeName, ValueType};
use napi::sys;

use crate::errors;

/// One `identifier_hash`, returned as a JavaScript string.
pub struct HashString(pub(crate) IdentifierHash);

/// A batch of hashes, returned as one JavaScript string of 64 characters per hash, in input
/// order. `index.js` cuts it into an array: a JavaScript slice costs a fraction of one
/// Node-API call per string.
pub struct ConcatenatedHashes(Vec<u8>);

impl ConcatenatedHashes {
    /// `text` must be the hashes' hex, back to back: ASCII only.
    pub(crate) fn from_text(text: Vec<u8>) -> Self {
        debug_assert!(text.len().is_multiple_of(HASH_HEX_LEN) && text.is_ascii());
        ConcatenatedHashes(text)
    }
}

unsafe fn latin1(env: sys::napi_env, hash: &IdentifierHash) -> napi::Result<sys::napi_value> {
    let hex = hash.as_bytes();
    let mut value = std::ptr::null_mut();
    // SAFETY: `hex` is 64 ASCII bytes, valid Latin-1.
    errors::check(unsafe {
        sys::napi_create_string_latin1(env, hex.as_ptr().cast(), hex.len() as isize, &mut value)
    })?;
    Ok(value)
}

impl ToNapiValue for HashString {
    unsafe fn to_napi_value(env: sys::napi_env, hash: Self) -> napi::Result<sys::napi_value> {
        // SAFETY: napi-rs calls this with the live environment of the current call.
        unsafe { latin1(env, &hash.0) }
    }
}

impl ToNapiValue for ConcatenatedHashes {
    unsafe fn to_napi_value(env: sys::napi_env, hashes: Self) -> napi::Result<sys::napi_value> {
        let text = hashes.0;
        let mut value = std::ptr::null_mut();
        // SAFETY: napi-rs calls this with the live environment of the current call; `text` is
        // ASCII, valid Latin-1.
        errors::check(unsafe {
            sys::napi_create_string_latin1(
                env,
                text.as_ptr().cast(),
                text.len() as isize,
                &mut value,
            )
        })?;
        Ok(value)
    }
}

impl TypeName for HashString {
    fn type_name() -> &'static str {
        "string"
    }

    fn value_type() -> ValueType {
        ValueType::String
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
