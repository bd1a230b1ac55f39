//! Every error this package throws is built here, so `err.code` and the error class stay stable.

use std::fmt::Display;

use napi::bindgen_prelude::{FromNapiValue, Unknown};
use napi::sys;

use crate::js;

/// A core error as a JavaScript error: `err.code` is the core's code, the message its text,
/// and the class `TypeError` exactly when a structured input held a value of the wrong type.
/// Codes the core adds later need nothing here.
pub(crate) fn from_core(env: sys::napi_env, error: &chatwoot_identity::Error) -> napi::Error {
    let create = if error.is_wrong_type() {
        sys::napi_create_type_error
    } else {
        sys::napi_create_error
    };
    thrown(env, create, error.code().as_str(), &error.to_string())
}

/// `TypeError: <param> must be <expected>` with Node's own `ERR_INVALID_ARG_TYPE`, for a
/// positional argument. The message never quotes the value: it could be the secret.
pub(crate) fn wrong_type(env: sys::napi_env, param: impl Display, expected: &str) -> napi::Error {
    let message = format!("{param} must be {expected}");
    thrown(
        env,
        sys::napi_create_type_error,
        "ERR_INVALID_ARG_TYPE",
        &message,
    )
}

/// `RangeError` with Node's own `ERR_OUT_OF_RANGE`: a bigint identifier too large to hash, a
/// webhook tolerance or clock out of range.
pub(crate) fn out_of_range(env: sys::napi_env, param: impl Display, limit: &str) -> napi::Error {
    let message = format!("{param} must be {limit}");
    thrown(
        env,
        sys::napi_create_range_error,
        "ERR_OUT_OF_RANGE",
        &message,
    )
}

/// `TypeError: <param> <problem>` with Node's own `ERR_INVALID_ARG_VALUE`, as `webhook.js`
/// reports both header forms given at once.
pub(crate) fn invalid_value(env: sys::napi_env, param: impl Display, problem: &str) -> napi::Error {
    let message = format!("{param} {problem}");
    thrown(
        env,
        sys::napi_create_type_error,
        "ERR_INVALID_ARG_VALUE",
        &message,
    )
}

type CreateError = unsafe extern "C" fn(
    sys::napi_env,
    sys::napi_value,
    sys::napi_value,
    *mut sys::napi_value,
) -> sys::napi_status;

/// Builds the JavaScript error object itself (napi-rs alone throws only plain `Error`s) and
/// hands it to napi-rs, which throws or rejects with it unchanged. While a JavaScript
/// exception is pending (a getter threw), creating fails and napi-rs rethrows that exception.
fn thrown(env: sys::napi_env, create: CreateError, code: &str, message: &str) -> napi::Error {
    let mut error = std::ptr::null_mut();
    // SAFETY: `env` is the live environment of the current call, the strings are made in it,
    // and `error` is a local.
    let created = unsafe {
        js::create_string(env, code).and_then(|code| {
            let text = js::create_string(env, message)?;
            check(create(env, code, text, &mut error))?;
            Unknown::from_napi_value(env, error)
        })
    };
    created.map_or_else(
        |_| napi::Error::new(napi::Status::GenericFailure, message.to_owned()),
        napi::Error::from,
    )
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
