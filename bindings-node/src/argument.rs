//! JavaScript arguments as bytes: borrowed from `Buffer`s and `Uint8Array`s, copied from strings
//! (V8 keeps strings as Latin-1 or UTF-16, so UTF-8 must be written out) into a stack buffer
//! when they fit, and integers turned into text by the core's `IntegerIdentifier`.

use std::mem::MaybeUninit;

use chatwoot_identity::IntegerIdentifier;
use napi::bindgen_prelude::Unknown;
use napi::{JsValue, sys};

use crate::{errors, js};

/// Strings up to this many UTF-8 bytes are copied to the stack, not the heap.
const INLINE_CAPACITY: usize = 256;

/// Largest integer a JavaScript `number` holds exactly (`Number.MAX_SAFE_INTEGER`).
pub(crate) const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// `Number.isSafeInteger`: NaN and the infinities fail the first test, fractions too; above
/// 2^53 a number may already have lost digits, so it counts as an integer no more.
#[inline]
pub(crate) fn is_safe_integer(number: f64) -> bool {
    number.trunc() == number && number.abs() <= MAX_SAFE_INTEGER
}

pub(crate) use chatwoot_identity::Parameter;

/// Stack room for one string argument, left uninitialised: Node writes what is read back.
pub(crate) struct Scratch([MaybeUninit<u8>; INLINE_CAPACITY]);

impl Scratch {
    #[inline]
    pub(crate) fn new() -> Self {
        Scratch([MaybeUninit::uninit(); INLINE_CAPACITY])
    }
}

pub(crate) const SECRET: Parameter = Parameter::Named("secret");
pub(crate) const IDENTIFIER: Parameter = Parameter::Named("identifier");
pub(crate) const IDENTIFIER_HASH: Parameter = Parameter::Named("identifierHash");

/// The bytes of one argument: borrowed from the JavaScript value or from a `Scratch` (both
/// outlive the call's use of them), or held here.
pub(crate) enum ArgBytes<'call> {
    Borrowed(&'call [u8]),
    Owned(Vec<u8>),
    Integer(IntegerIdentifier),
}

impl AsRef<[u8]> for ArgBytes<'_> {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        match self {
            ArgBytes::Borrowed(bytes) => bytes,
            ArgBytes::Owned(bytes) => bytes,
            ArgBytes::Integer(integer) => integer.as_ref(),
        }
    }
}

pub(crate) const TEXT_OR_BYTES: &str = "a string, Buffer or Uint8Array";
const IDENTIFIER_TYPES: &str =
    "a string, Buffer, Uint8Array, safe integer (Number.isSafeInteger) or bigint";

/// A secret or an `identifierHash`: `string | Buffer | Uint8Array`; `expected` is what the
/// `TypeError` says it must be.
///
/// # Safety
/// `env` and `value` must come from the current napi call, and the bytes must not outlive it.
#[inline]
pub(crate) unsafe fn text_or_bytes<'call>(
    env: sys::napi_env,
    value: sys::napi_value,
    param: Parameter,
    expected: &str,
    scratch: &'call mut Scratch,
) -> napi::Result<ArgBytes<'call>> {
    // SAFETY: forwarded from the caller.
    match unsafe { js::type_of(env, value)? } {
        sys::ValueType::napi_string => unsafe { string(env, value, scratch) },
        sys::ValueType::napi_object => unsafe { uint8_array(env, value) }?
            .ok_or_else(|| errors::wrong_type(env, param, expected)),
        _ => Err(errors::wrong_type(env, param, expected)),
    }
}

/// A secret, a webhook body or an `identifierHash` argument: `string | Buffer | Uint8Array`.
///
/// # Safety
/// As [`text_or_bytes`].
#[inline]
pub(crate) unsafe fn bytes<'call>(
    env: sys::napi_env,
    value: Unknown,
    param: Parameter,
    scratch: &'call mut Scratch,
) -> napi::Result<ArgBytes<'call>> {
    // SAFETY: forwarded from the caller.
    unsafe { text_or_bytes(env, value.raw(), param, TEXT_OR_BYTES, scratch) }
}

/// An identifier: text, bytes, a safe-integer `number` or a `bigint`.
///
/// # Safety
/// `env` and `value` must come from the current napi call, and the bytes must not outlive it.
#[inline]
pub(crate) unsafe fn identifier<'call>(
    env: sys::napi_env,
    value: sys::napi_value,
    param: Parameter,
    scratch: &'call mut Scratch,
) -> napi::Result<ArgBytes<'call>> {
    // SAFETY: forwarded from the caller.
    match unsafe { js::type_of(env, value)? } {
        sys::ValueType::napi_string => unsafe { string(env, value, scratch) },
        sys::ValueType::napi_number => unsafe { safe_integer(env, value, param) },
        sys::ValueType::napi_bigint => unsafe { bigint(env, value, param) },
        sys::ValueType::napi_object => unsafe { uint8_array(env, value) }?
            .ok_or_else(|| errors::wrong_type(env, param, IDENTIFIER_TYPES)),
        _ => Err(errors::wrong_type(env, param, IDENTIFIER_TYPES)),
    }
}

unsafe fn string<'call>(
    env: sys::napi_env,
    value: sys::napi_value,
    scratch: &'call mut Scratch,
) -> napi::Result<ArgBytes<'call>> {
    // SAFETY: forwarded from the caller (`value` is a string); `scratch` has `INLINE_CAPACITY`
    // writable bytes.
    let len =
        unsafe { js::write_utf8(env, value, scratch.0.as_mut_ptr().cast(), INLINE_CAPACITY)? };
    if len + js::MAX_UTF8_CHAR_LEN < INLINE_CAPACITY {
        // SAFETY: Node initialised the first `len` bytes just above.
        let text = unsafe { std::slice::from_raw_parts(scratch.0.as_ptr().cast::<u8>(), len) };
        return Ok(ArgBytes::Borrowed(text));
    }
    let mut owned = Vec::new();
    // SAFETY: forwarded from the caller.
    unsafe { js::append_utf8(env, value, &mut owned)? };
    Ok(ArgBytes::Owned(owned))
}

/// The bytes of a `Uint8Array` (a `Buffer` is one), borrowed; `None` for any other object.
unsafe fn uint8_array<'call>(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<Option<ArgBytes<'call>>> {
    let mut is_typed_array = false;
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_is_typedarray(env, value, &mut is_typed_array) })?;
    if !is_typed_array {
        return Ok(None);
    }
    let mut kind = 0;
    let mut len = 0;
    let mut data = std::ptr::null_mut();
    // SAFETY: `value` is a typed array; null out-pointers are allowed for the unused fields.
    errors::check(unsafe {
        sys::napi_get_typedarray_info(
            env,
            value,
            &mut kind,
            &mut len,
            &mut data,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    })?;
    if kind != sys::TypedarrayType::uint8_array {
        return Ok(None);
    }
    if data.is_null() || len == 0 {
        // A detached or empty array: the core reports the emptiness with its own error.
        return Ok(Some(ArgBytes::Borrowed(&[])));
    }
    // SAFETY: Node gives the start (offset included) and the length in bytes of a Uint8Array;
    // the argument keeps its memory alive for the call and no JavaScript runs during it.
    let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len) };
    Ok(Some(ArgBytes::Borrowed(bytes)))
}

unsafe fn safe_integer<'call>(
    env: sys::napi_env,
    value: sys::napi_value,
    param: Parameter,
) -> napi::Result<ArgBytes<'call>> {
    // SAFETY: `value` is a number.
    let number = unsafe { js::number(env, value)? };
    // Hashing an unsafe integer could sign some other user's identifier.
    if !is_safe_integer(number) {
        return Err(errors::wrong_type(
            env,
            param,
            "a safe integer when it is a number (larger IDs lose digits: pass them as a string or bigint)",
        ));
    }
    Ok(ArgBytes::Integer(IntegerIdentifier::from(number as i64)))
}

unsafe fn bigint<'call>(
    env: sys::napi_env,
    value: sys::napi_value,
    param: Parameter,
) -> napi::Result<ArgBytes<'call>> {
    // SAFETY: forwarded from the caller.
    let integer = match unsafe { bigint_value(env, value)? } {
        Some(Integer::Signed(value)) => Some(IntegerIdentifier::from(value)),
        Some(Integer::Unsigned(value)) => Some(IntegerIdentifier::from(value)),
        None => None,
    };
    integer.map(ArgBytes::Integer).ok_or_else(|| {
        errors::out_of_range(
            env,
            param,
            "between -(2n ** 127n) and 2n ** 128n - 1n when it is a bigint",
        )
    })
}

/// A bigint's value: negative ones as `i128`, the others as `u128`.
pub(crate) enum Integer {
    Signed(i128),
    Unsigned(u128),
}

/// The value of a bigint, or `None` beyond -2^127 ... 2^128-1.
///
/// # Safety
/// `env` and `value` (a bigint) must come from the current napi call.
pub(crate) unsafe fn bigint_value(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<Option<Integer>> {
    let mut negative = 0;
    let mut words = [0u64; 2];
    let mut word_count = words.len();
    // SAFETY: `words` holds `word_count` words; Node then sets `word_count` to the number the
    // value needs, which is more than two when it does not fit.
    errors::check(unsafe {
        sys::napi_get_value_bigint_words(
            env,
            value,
            &mut negative,
            &mut word_count,
            words.as_mut_ptr(),
        )
    })?;
    if word_count > words.len() {
        return Ok(None);
    }
    let magnitude = u128::from(words[0]) | (u128::from(words[1]) << 64);
    Ok(if negative != 0 {
        0i128.checked_sub_unsigned(magnitude).map(Integer::Signed)
    } else {
        Some(Integer::Unsigned(magnitude))
    })
}
