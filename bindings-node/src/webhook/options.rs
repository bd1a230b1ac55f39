//! The options object of the webhook calls: the signed headers, in one of two forms, the clock
//! and the tolerance. Only argument types are checked here; what the header values must be is
//! the core's acceptance rule.

use chatwoot_identity::{SignedHeaders, Tolerance, WebhookVerifier};
use napi::sys;

use super::headers;
use crate::argument::{self, ArgBytes, Parameter, Scratch, TEXT_OR_BYTES};
use crate::{errors, js};

pub(crate) const OPTIONS: &str = "options";
const SIGNATURE: Parameter = Parameter::Named("options.signature");
const TIMESTAMP: Parameter = Parameter::Named("options.timestamp");
const IDENTITY_HMAC_TOKEN: Parameter = Parameter::Named("options.identityHmacToken");
const REQUEST_OPTIONS: &str = "an object with headers, or with signature and timestamp";
const HEADER_VALUE: &str =
    "a string, Buffer or Uint8Array, or undefined or null when the header is absent";

/// Unix seconds stay below this until the year 5138; Unix milliseconds have been above it
/// since 1973, so a larger `now` is `Date.now()` passed as is.
const MILLISECONDS_FROM: f64 = 100_000_000_000.0;

/// Room for the two header values when they are strings.
pub(crate) struct ValueScratch([Scratch; 2]);

impl ValueScratch {
    #[inline]
    pub(crate) fn new() -> Self {
        ValueScratch([Scratch::new(), Scratch::new()])
    }
}

/// Checks that `options` is an object.
///
/// # Safety
/// `env` and `options` must come from the current napi call.
pub(crate) unsafe fn object(env: sys::napi_env, options: sys::napi_value) -> napi::Result<()> {
    // SAFETY: forwarded from the caller.
    if unsafe { js::type_of(env, options)? } != sys::ValueType::napi_object {
        return Err(errors::wrong_type(env, OPTIONS, REQUEST_OPTIONS));
    }
    Ok(())
}

/// `headers`, or `signature` and `timestamp`, of an options object: exactly one of the two
/// forms. A `signature` or `timestamp` that is `undefined` or `null` is an absent header (what
/// `req.get()` and `headers.get()` return for one), which the core reports as missing.
///
/// # Safety
/// `env` and `options` (an object) must come from the current napi call; the bytes must not
/// outlive it.
pub(crate) unsafe fn signed<'call>(
    env: sys::napi_env,
    options: sys::napi_value,
    scratch: &'call mut ValueScratch,
) -> napi::Result<SignedHeaders<ArgBytes<'call>>> {
    // SAFETY: forwarded from the caller, as in every call below.
    unsafe {
        let headers = js::property(env, options, c"headers")?;
        let signature = js::property(env, options, c"signature")?;
        let timestamp = js::property(env, options, c"timestamp")?;
        let no_values = js::is_nullish(env, signature)? && js::is_nullish(env, timestamp)?;
        if js::type_of(env, headers)? != sys::ValueType::napi_undefined {
            if !no_values {
                return Err(errors::invalid_value(
                    env,
                    OPTIONS,
                    "must have headers, or signature and timestamp, not both",
                ));
            }
            return Ok(SignedHeaders::Headers(headers::read(env, headers)?));
        }
        if no_values
            && !js::has(env, options, c"signature")?
            && !js::has(env, options, c"timestamp")?
        {
            return Err(errors::invalid_value(
                env,
                OPTIONS,
                "must have headers (the request's headers), or signature and timestamp (the header values)",
            ));
        }
        let [signature_scratch, timestamp_scratch] = &mut scratch.0;
        Ok(SignedHeaders::Values {
            signature: header_value(env, signature, SIGNATURE, signature_scratch)?,
            timestamp: header_value(env, timestamp, TIMESTAMP, timestamp_scratch)?,
        })
    }
}

/// One header value: text or bytes, or nothing (empty) for `undefined` and `null`.
unsafe fn header_value<'call>(
    env: sys::napi_env,
    value: sys::napi_value,
    param: Parameter,
    scratch: &'call mut Scratch,
) -> napi::Result<ArgBytes<'call>> {
    // SAFETY: forwarded from the caller.
    unsafe {
        if js::is_nullish(env, value)? {
            return Ok(ArgBytes::Borrowed(&[]));
        }
        argument::text_or_bytes(env, value, param, HEADER_VALUE, scratch)
    }
}

/// `options.now`: Unix seconds (a fraction is dropped), or the system clock when absent.
///
/// # Safety
/// As [`signed`].
pub(crate) unsafe fn now(env: sys::napi_env, options: sys::napi_value) -> napi::Result<u64> {
    // SAFETY: forwarded from the caller.
    unsafe {
        let value = js::property(env, options, c"now")?;
        seconds(env, value, "options.now", MILLISECONDS_FROM)
    }
}

/// Unix seconds below `limit` (a fraction is dropped), or the system clock for `undefined`.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
pub(crate) unsafe fn seconds(
    env: sys::napi_env,
    value: sys::napi_value,
    param: &str,
    limit: f64,
) -> napi::Result<u64> {
    // SAFETY: forwarded from the caller.
    unsafe {
        match js::type_of(env, value)? {
            sys::ValueType::napi_undefined => Ok(chatwoot_identity::unix_now()),
            sys::ValueType::napi_number => {
                let seconds = js::number(env, value)?;
                if !(0.0..limit).contains(&seconds) {
                    return Err(errors::out_of_range(
                        env,
                        param,
                        if limit == MILLISECONDS_FROM {
                            "Unix time in seconds, from 0 (Date.now() is milliseconds: divide it by 1000)"
                        } else {
                            "Unix time in seconds, from 0 to Number.MAX_SAFE_INTEGER"
                        },
                    ));
                }
                Ok(seconds as u64)
            }
            _ => Err(errors::wrong_type(
                env,
                param,
                "a number (Unix time in seconds)",
            )),
        }
    }
}

/// Any safe integer, for a timestamp to sign.
pub(crate) const ANY_SECONDS: f64 = argument::MAX_SAFE_INTEGER + 1.0;

/// `tolerance` and `checkAge` (absent: 300 seconds, checked).
///
/// # Safety
/// `env` and `options` (an object, `undefined` or `null`) must come from the current call.
pub(crate) unsafe fn tolerance(
    env: sys::napi_env,
    options: sys::napi_value,
) -> napi::Result<Tolerance> {
    // SAFETY: forwarded from the caller, as in every call below.
    unsafe {
        if js::is_nullish(env, options)? {
            return Ok(Tolerance::default());
        }
        object(env, options)?;
        let tolerance = js::property(env, options, c"tolerance")?;
        let check_age = js::property(env, options, c"checkAge")?;
        let check_age = match js::type_of(env, check_age)? {
            sys::ValueType::napi_undefined => true,
            sys::ValueType::napi_boolean => js::boolean(env, check_age)?,
            _ => return Err(errors::wrong_type(env, "options.checkAge", "a boolean")),
        };
        match js::type_of(env, tolerance)? {
            sys::ValueType::napi_undefined if check_age => Ok(Tolerance::default()),
            sys::ValueType::napi_undefined => Ok(Tolerance::Unchecked),
            sys::ValueType::napi_number if check_age => {
                let seconds = js::number(env, tolerance)?;
                if !(seconds >= 0.0 && argument::is_safe_integer(seconds)) {
                    return Err(errors::out_of_range(
                        env,
                        "options.tolerance",
                        "a whole number of seconds from 0 (checkAge: false turns the age check off)",
                    ));
                }
                Ok(Tolerance::Seconds(seconds as u64))
            }
            sys::ValueType::napi_number => Err(errors::invalid_value(
                env,
                OPTIONS,
                "must not have both a tolerance and checkAge: false (which checks no age)",
            )),
            _ => Err(errors::wrong_type(
                env,
                "options.tolerance",
                "a number of seconds",
            )),
        }
    }
}

/// The core's verifier of `secret`, with `tolerance`.
pub(crate) fn verifier(
    env: sys::napi_env,
    secret: &[u8],
    tolerance: Tolerance,
) -> napi::Result<WebhookVerifier> {
    let verifier = WebhookVerifier::new(secret).map_err(|e| errors::from_core(env, &e))?;
    Ok(match tolerance {
        Tolerance::Seconds(seconds) => verifier.with_tolerance(seconds),
        _ => verifier.without_age_check(),
    })
}

/// `options.identityHmacToken`: the inbox's identity-validation token, to be tried as the key.
///
/// # Safety
/// As [`signed`].
pub(crate) unsafe fn identity_hmac_token<'call>(
    env: sys::napi_env,
    options: sys::napi_value,
    scratch: &'call mut Scratch,
) -> napi::Result<Option<ArgBytes<'call>>> {
    // SAFETY: forwarded from the caller.
    unsafe {
        let value = js::property(env, options, c"identityHmacToken")?;
        if js::is_nullish(env, value)? {
            return Ok(None);
        }
        argument::text_or_bytes(env, value, IDENTITY_HMAC_TOKEN, TEXT_OR_BYTES, scratch).map(Some)
    }
}
