//! The raw Node-API reads and writes the binding makes beyond `argument`'s bytes, each written
//! once: properties, types, numbers, arrays, calls, and plain result objects built in one call.

use napi::sys;

use crate::errors;

/// `typeof value`, in Node-API's terms (`null` is its own type).
///
/// # Safety
/// `env` and `value` must come from the current napi call.
pub(crate) unsafe fn type_of(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<sys::napi_valuetype> {
    let mut kind = 0;
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
    Ok(kind)
}

/// Whether `value` is `undefined` or `null`: an option or a header value not given.
///
/// # Safety
/// As [`type_of`].
pub(crate) unsafe fn is_nullish(env: sys::napi_env, value: sys::napi_value) -> napi::Result<bool> {
    // SAFETY: forwarded from the caller.
    let kind = unsafe { type_of(env, value)? };
    Ok(kind == sys::ValueType::napi_undefined || kind == sys::ValueType::napi_null)
}

/// The value of a `number`.
///
/// # Safety
/// `value` must be a number of the current call.
pub(crate) unsafe fn number(env: sys::napi_env, value: sys::napi_value) -> napi::Result<f64> {
    let mut number = 0.0;
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_get_value_double(env, value, &mut number) })?;
    Ok(number)
}

/// The longest UTF-8 encoding of one character. Node writes whole characters only, so a text
/// that ends at least this far before the end of its room is the whole string.
pub(crate) const MAX_UTF8_CHAR_LEN: usize = 4;

/// Writes the UTF-8 text of the string `value` into the `room` bytes at `buffer`, a NUL
/// included, and returns how many come before the NUL; a null `buffer` only measures the text.
///
/// # Safety
/// `value` must be a string of the current call, and `buffer` null or `room` writable bytes.
pub(crate) unsafe fn write_utf8(
    env: sys::napi_env,
    value: sys::napi_value,
    buffer: *mut u8,
    room: usize,
) -> napi::Result<usize> {
    let mut len = 0;
    // SAFETY: forwarded from the caller; Node writes at most `room` bytes.
    errors::check(unsafe {
        sys::napi_get_value_string_utf8(env, value, buffer.cast(), room, &mut len)
    })?;
    Ok(len)
}

/// Appends the UTF-8 text of the string `value` to `text`: in one call when it fits the spare
/// capacity, else in two, the first measuring it.
///
/// # Safety
/// `value` must be a string of the current call.
pub(crate) unsafe fn append_utf8(
    env: sys::napi_env,
    value: sys::napi_value,
    text: &mut Vec<u8>,
) -> napi::Result<()> {
    let (start, room) = (text.len(), text.capacity() - text.len());
    let mut len = 0;
    if room > MAX_UTF8_CHAR_LEN {
        // SAFETY: forwarded from the caller; the spare capacity has `room` bytes.
        len = unsafe { write_utf8(env, value, text.as_mut_ptr().add(start), room)? };
    }
    if len + MAX_UTF8_CHAR_LEN >= room {
        // SAFETY: as above, with room for the whole text and its NUL.
        unsafe {
            len = write_utf8(env, value, std::ptr::null_mut(), 0)?;
            text.reserve(len + 1);
            write_utf8(env, value, text.as_mut_ptr().add(start), len + 1)?;
        }
    }
    // SAFETY: Node initialised `len` bytes from `start`, within the capacity.
    unsafe { text.set_len(start + len) };
    Ok(())
}

/// Whether `value` is an `Array`.
///
/// # Safety
/// As [`type_of`].
pub(crate) unsafe fn is_array(env: sys::napi_env, value: sys::napi_value) -> napi::Result<bool> {
    let mut array = false;
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_is_array(env, value, &mut array) })?;
    Ok(array)
}

/// `array.length`.
///
/// # Safety
/// `array` must be an array of the current call.
pub(crate) unsafe fn array_length(env: sys::napi_env, array: sys::napi_value) -> napi::Result<u32> {
    let mut len = 0;
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_get_array_length(env, array, &mut len) })?;
    Ok(len)
}

/// `array[index]`.
///
/// # Safety
/// `array` must be an object of the current call.
pub(crate) unsafe fn element(
    env: sys::napi_env,
    array: sys::napi_value,
    index: u32,
) -> napi::Result<sys::napi_value> {
    let mut value = std::ptr::null_mut();
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_get_element(env, array, index, &mut value) })?;
    Ok(value)
}

/// A JavaScript number.
///
/// # Safety
/// `env` must be the live environment of the current call.
pub(crate) unsafe fn create_number(
    env: sys::napi_env,
    number: f64,
) -> napi::Result<sys::napi_value> {
    let mut value = std::ptr::null_mut();
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_create_double(env, number, &mut value) })?;
    Ok(value)
}

/// A JavaScript string from UTF-8 text.
///
/// # Safety
/// As [`create_number`].
pub(crate) unsafe fn create_string(
    env: sys::napi_env,
    text: &str,
) -> napi::Result<sys::napi_value> {
    let mut value = std::ptr::null_mut();
    // SAFETY: forwarded from the caller; the length is explicit.
    errors::check(unsafe {
        sys::napi_create_string_utf8(env, text.as_ptr().cast(), text.len() as isize, &mut value)
    })?;
    Ok(value)
}

/// `undefined`.
///
/// # Safety
/// As [`create_number`].
pub(crate) unsafe fn undefined(env: sys::napi_env) -> napi::Result<sys::napi_value> {
    let mut value = std::ptr::null_mut();
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_get_undefined(env, &mut value) })?;
    Ok(value)
}

/// `function(...arguments)`, with `this` undefined. A JavaScript exception it throws stays
/// pending, and is the one napi-rs throws.
///
/// # Safety
/// `env` and the values (`function` a function) must come from the current napi call.
pub(crate) unsafe fn call(
    env: sys::napi_env,
    function: sys::napi_value,
    arguments: &[sys::napi_value],
) -> napi::Result<sys::napi_value> {
    let mut returned = std::ptr::null_mut();
    // SAFETY (both): forwarded from the caller; the count is the slice's.
    let this = unsafe { undefined(env)? };
    let (count, values) = (arguments.len(), arguments.as_ptr());
    errors::check(unsafe {
        sys::napi_call_function(env, this, function, count, values, &mut returned)
    })?;
    Ok(returned)
}

/// Runs `body` inside its own handle scope, so the handles it creates are released after it.
///
/// # Safety
/// `env` must be the live environment of the current call, and `body` must not return a
/// handle created inside it.
pub(crate) unsafe fn in_handle_scope<T>(
    env: sys::napi_env,
    body: impl FnOnce() -> napi::Result<T>,
) -> napi::Result<T> {
    let mut scope = std::ptr::null_mut();
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_open_handle_scope(env, &mut scope) })?;
    let result = body();
    // SAFETY: `scope` was opened above and no scope opened inside `body` is still open.
    let closed = errors::check(unsafe { sys::napi_close_handle_scope(env, scope) });
    result.and_then(|value| closed.map(|()| value))
}
