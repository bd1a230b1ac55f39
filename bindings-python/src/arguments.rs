//! Turning Python arguments into the bytes the core hashes (structured inputs go through
//! `host_value` instead).
//!
//! `str` and `bytes` are immutable, so their bytes are borrowed; `bytearray` and `memoryview`
//! can change under us (another thread, or while the GIL is released for a batch), so they are
//! copied once.

use std::borrow::Cow;
use std::fmt;

use chatwoot_identity::IntegerIdentifier;
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyInt, PyMemoryView, PyString};
use zeroize::Zeroize;

use crate::errors::wrong_type;
use crate::utf8::{bytes_bytes, utf8_bytes};

const TEXT_OR_BYTES: &str = "str, bytes, bytearray or memoryview";
const TEXT_BYTES_OR_INT: &str = "str, bytes, bytearray, memoryview or int";
const SECRET_OR_SIGNER: &str = "str, bytes, bytearray, memoryview or a Signer";

/// The bytes of one argument, borrowed where the host object is immutable.
pub(crate) enum ArgBytes<'a> {
    Borrowed(&'a [u8]),
    Copied(Vec<u8>),
    Integer(IntegerIdentifier),
}

impl Drop for ArgBytes<'_> {
    /// A copy may be of the secret: wipe it rather than leave it in freed memory.
    fn drop(&mut self) {
        if let ArgBytes::Copied(bytes) = self {
            bytes.zeroize();
        }
    }
}

impl AsRef<[u8]> for ArgBytes<'_> {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        match self {
            ArgBytes::Borrowed(bytes) => bytes,
            ArgBytes::Copied(bytes) => bytes,
            ArgBytes::Integer(integer) => integer.as_bytes(),
        }
    }
}

/// A secret: text (hashed as UTF-8) or raw bytes.
pub(crate) fn secret<'a>(argument: &'a Bound<'_, PyAny>) -> PyResult<ArgBytes<'a>> {
    text_or_bytes_argument(argument, "secret")
}

/// Text (as UTF-8) or raw bytes under any parameter name: a secret, a webhook's
/// `identity_hmac_token`, a received value that is not a `str`.
pub(crate) fn text_or_bytes_argument<'a>(
    argument: &'a Bound<'_, PyAny>,
    param: &'static str,
) -> PyResult<ArgBytes<'a>> {
    text_or_bytes(argument.as_borrowed(), &param)?
        .ok_or_else(|| wrong_type(argument, &param, TEXT_OR_BYTES))
}

/// A parameter that is text and only text (a page's HTML, a snippet, an expected identifier):
/// a `str`, with a `TypeError` that names `param` for anything else.
pub(crate) fn text<'a>(
    argument: &'a Bound<'_, PyAny>,
    param: &'static str,
) -> PyResult<Cow<'a, str>> {
    argument
        .cast::<PyString>()
        .map_err(|_| wrong_type(argument, &param, "str"))?
        .to_cow()
}

/// The widget's `hmac_secret` when it is not a `Signer`: a secret as above.
pub(crate) fn hmac_secret<'a>(argument: &'a Bound<'_, PyAny>) -> PyResult<ArgBytes<'a>> {
    let param = &"hmac_secret";
    text_or_bytes(argument.as_borrowed(), param)?
        .ok_or_else(|| wrong_type(argument, param, SECRET_OR_SIGNER))
}

/// An identifier: text, raw bytes, or an `int` hashed as its decimal text. `param` is its name
/// in messages: `identifier`, or `identifiers[3]` in a batch.
pub(crate) fn identifier<'a>(
    argument: Borrowed<'a, '_, PyAny>,
    param: &dyn fmt::Display,
) -> PyResult<ArgBytes<'a>> {
    if let Some(bytes) = text_or_bytes(argument, param)? {
        return Ok(bytes);
    }
    // `bool` is a subclass of `int`; `True` as an identifier is a bug, not the user "1".
    if argument.is_instance_of::<PyBool>() {
        return Err(wrong_type(&argument, param, TEXT_BYTES_OR_INT));
    }
    match argument.cast::<PyInt>() {
        Ok(integer) => integer_identifier(&integer, param).map(ArgBytes::Integer),
        Err(_) => Err(wrong_type(&argument, param, TEXT_BYTES_OR_INT)),
    }
}

/// A value received from outside and only compared or parsed (a candidate hash, a webhook
/// header's value), never hashed: a `str` that is not valid Unicode is read lossily, and so
/// fails the check it is given to (`verify` answers `False`) rather than raising.
pub(crate) fn received<'a>(
    argument: &'a Bound<'_, PyAny>,
    param: &'static str,
) -> PyResult<ArgBytes<'a>> {
    if let Ok(text) = argument.cast::<PyString>() {
        return Ok(match utf8_bytes(text.as_borrowed()) {
            Ok(bytes) => ArgBytes::Borrowed(bytes),
            Err(_) => ArgBytes::Copied(text.to_string_lossy().into_owned().into_bytes()),
        });
    }
    text_or_bytes_argument(argument, param)
}

/// `Some` bytes for the text and bytes-like types, `None` for any other type.
fn text_or_bytes<'a>(
    argument: Borrowed<'a, '_, PyAny>,
    param: &dyn fmt::Display,
) -> PyResult<Option<ArgBytes<'a>>> {
    if let Ok(text) = argument.cast::<PyString>() {
        return match utf8_bytes(text) {
            Ok(bytes) => Ok(Some(ArgBytes::Borrowed(bytes))),
            Err(encode_error) => Err(not_utf8(argument.py(), encode_error, param)),
        };
    }
    if let Ok(bytes) = argument.cast::<PyBytes>() {
        return Ok(Some(ArgBytes::Borrowed(bytes_bytes(bytes))));
    }
    if let Ok(bytes) = argument.cast::<PyByteArray>() {
        return Ok(Some(ArgBytes::Copied(bytes.to_vec())));
    }
    if argument.is_instance_of::<PyMemoryView>() {
        // `tobytes()` accepts every format and layout, as `hmac.new` does.
        let copy = argument.call_method0(intern!(argument.py(), "tobytes"))?;
        let copy = copy.cast_into::<PyBytes>()?;
        return Ok(Some(ArgBytes::Copied(copy.as_bytes().to_vec())));
    }
    Ok(None)
}

/// The error for a `str` holding lone surrogates. It names the position but not the
/// character, and drops the original `UnicodeEncodeError`, whose `.object` would carry the
/// whole string (possibly the secret).
pub(crate) fn not_utf8(py: Python<'_>, encode_error: PyErr, param: &dyn fmt::Display) -> PyErr {
    let position = encode_error
        .value(py)
        .getattr(intern!(py, "start"))
        .and_then(|start| start.extract::<usize>())
        .map(|index| format!(" at index {index}"))
        .unwrap_or_default();
    PyValueError::new_err(format!(
        "{param} is a str that cannot be encoded as UTF-8 (a lone surrogate{position}); \
         pass valid text, or bytes for binary values"
    ))
}

/// Through the core's `IntegerIdentifier`, so integers are written exactly as Chatwoot's
/// server writes them. Beyond 128 bits: `OverflowError`.
fn integer_identifier(
    integer: &Bound<'_, PyInt>,
    param: &dyn fmt::Display,
) -> PyResult<IntegerIdentifier> {
    if let Ok(small) = integer.extract::<i64>() {
        return Ok(IntegerIdentifier::from(small));
    }
    if let Ok(signed) = integer.extract::<i128>() {
        return Ok(IntegerIdentifier::from(signed));
    }
    if let Ok(unsigned) = integer.extract::<u128>() {
        return Ok(IntegerIdentifier::from(unsigned));
    }
    Err(PyOverflowError::new_err(format!(
        "{param} is an int outside the 128-bit range this library hashes; pass it as a str"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_identifiers_are_the_cores_decimal_text() {
        let bytes = ArgBytes::Integer(IntegerIdentifier::from(-42_i64));
        assert_eq!(bytes.as_ref(), b"-42");
    }
}
