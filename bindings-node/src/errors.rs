//! Every error this package throws is built here, so `err.code` and the error class stay stable.

use std::fmt::Display;

use chatwoot_identity::ErrorCode;
use napi::bindgen_prelude::{FromNapiValue, Unknown};
use napi::sys;

/// Node's own code for an argument of the wrong type (`TypeError`).
const INVALID_ARG_TYPE: &str = "ERR_INVALID_ARG_TYPE";
/// Node's own code for an integer outside the range we can hash (`RangeError`).
const OUT_OF_RANGE: &str = "ERR_OUT_OF_RANGE";
/// Node's own code for an argument of the right type with a value it refuses (`TypeError`).
const INVALID_ARG_VALUE: &str = "ERR_INVALID_ARG_VALUE";

/// The JavaScript error classes this package throws.
#[derive(Clone, Copy)]
pub(crate) enum ErrorClass {
    Error,
    TypeError,
    RangeError,
}

/// The class each core error code is thrown as. Codes added to the core later fall back to
/// plain `Error`; they still carry their own `err.code`.
fn class_of(code: ErrorCode) -> ErrorClass {
    match code {
        // Every code so far is a bad value of the right type: a plain `Error`, told apart by
        // `err.code`.
        ErrorCode::EmptySecret | ErrorCode::EmptyIdentifier => ErrorClass::Error,
        _ => ErrorClass::Error,
    }
}

/// A core error as a JavaScript `Error` whose `code` is the core's stable code string.
pub(crate) fn from_core(env: sys::napi_env, error: &chatwoot_identity::Error) -> napi::Error {
    let code = error.code();
    thrown(env, class_of(code), code.as_str(), &error.to_string())
}

/// `TypeError: <param> must be <expected>`. The message never quotes the value: it could be
/// the secret.
pub(crate) fn wrong_type(env: sys::napi_env, param: impl Display, expected: &str) -> napi::Error {
    let message = format!("{param} must be {expected}");
    thrown(env, ErrorClass::TypeError, INVALID_ARG_TYPE, &message)
}

/// `RangeError` for an integer identifier too large to hash.
pub(crate) fn out_of_range(env: sys::napi_env, param: impl Display, limit: &str) -> napi::Error {
    let message = format!("{param} must be {limit}");
    thrown(env, ErrorClass::RangeError, OUT_OF_RANGE, &message)
}

/// `TypeError` for a field an options object does not have (a typo, or snake_case where the
/// package takes camelCase).
pub(crate) fn unknown_field(
    env: sys::napi_env,
    object: &str,
    key: &str,
    allowed: &[&str],
) -> napi::Error {
    let message = format!(
        "{object} has no field {key:?}: its fields are {}",
        allowed.join(", ")
    );
    thrown(env, ErrorClass::TypeError, INVALID_ARG_VALUE, &message)
}

/// Builds the JavaScript error object itself (napi-rs alone can only throw plain `Error`s) and
/// hands it to napi-rs, which throws or rejects with it unchanged.
fn thrown(env: sys::napi_env, class: ErrorClass, code: &str, message: &str) -> napi::Error {
    let create = match class {
        ErrorClass::Error => sys::napi_create_error,
        ErrorClass::TypeError => sys::napi_create_type_error,
        ErrorClass::RangeError => sys::napi_create_range_error,
    };
    let mut js_code = std::ptr::null_mut();
    let mut js_message = std::ptr::null_mut();
    let mut error = std::ptr::null_mut();
    // SAFETY: `env` is the live environment of the current call; the strings are valid UTF-8
    // with explicit lengths, and every out-pointer is a local.
    let created = unsafe {
        sys::napi_create_string_utf8(env, code.as_ptr().cast(), code.len() as isize, &mut js_code)
            == sys::Status::napi_ok
            && sys::napi_create_string_utf8(
                env,
                message.as_ptr().cast(),
                message.len() as isize,
                &mut js_message,
            ) == sys::Status::napi_ok
            && create(env, js_code, js_message, &mut error) == sys::Status::napi_ok
    };
    if !created {
        return napi::Error::new(napi::Status::GenericFailure, message.to_owned());
    }
    // SAFETY: `error` was just created in `env`.
    match unsafe { Unknown::from_napi_value(env, error) } {
        Ok(value) => napi::Error::from(value),
        Err(fallback) => fallback,
    }
}

/// A failed napi call as an error. Only an engine failure (out of memory, a pending exception)
/// gets here, never a user's input.
pub(crate) fn check(status: sys::napi_status) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            napi::Status::from(status),
            "a Node-API call failed",
        ))
    }
}
