//! Ruby arguments to the bytes the core hashes, with a `TypeError` or `RangeError` that names
//! the parameter for anything else.
//!
//! Strings are borrowed, not copied. A borrow stays valid only while no Ruby code runs (Ruby
//! code may allocate, and a garbage collection may then move or free the string's buffer), so
//! every caller finishes with the bytes before it creates a Ruby object or releases the GVL.

use std::borrow::Cow;
use std::fmt;

use chatwoot_identity::IntegerIdentifier;
use magnus::{Error, Integer, RString, Ruby, Value, encoding::EncodingCapable, value::ReprValue};

/// An identifier as Ruby passed it: a String (as UTF-8, see [`identifier`]) or an Integer (its
/// decimal text, exactly as `Integer#to_s`, through the core's `IntegerIdentifier`).
pub enum Identifier {
    Text(RString),
    Integer(IntegerIdentifier),
}

impl Identifier {
    /// The bytes the core hashes.
    ///
    /// # Safety
    /// No Ruby code may run while the returned slice is alive (see the module comment).
    pub unsafe fn bytes(&self) -> &[u8] {
        match self {
            // SAFETY: forwarded to the caller.
            Identifier::Text(text) => unsafe { text.as_slice() },
            Identifier::Integer(integer) => integer.as_bytes(),
        }
    }
}

/// The secret: a String of any encoding, whose bytes are the HMAC key.
pub fn secret(ruby: &Ruby, value: Value) -> Result<RString, Error> {
    string(ruby, value, Parameter::Named("secret"))
}

/// The `identifier_hash` to check: a String; its bytes are compared as they are.
pub fn identifier_hash(ruby: &Ruby, value: Value) -> Result<RString, Error> {
    string(ruby, value, Parameter::Named("identifier_hash"))
}

pub use chatwoot_identity::Parameter;

/// An identifier: a String or an Integer.
///
/// Chatwoot hashes the identifier it receives, which the browser and the Client API send as
/// UTF-8: a String in another text encoding (ISO-8859-1 from a legacy database, UTF-16) is
/// hashed as its UTF-8 conversion, the text the widget calls send for it. UTF-8, US-ASCII and
/// binary Strings are hashed as their bytes.
pub fn identifier(ruby: &Ruby, value: Value, parameter: Parameter) -> Result<Identifier, Error> {
    if let Some(text) = RString::from_value(value) {
        return utf8_text(ruby, text, parameter).map(Identifier::Text);
    }
    match Integer::from_value(value) {
        Some(integer) => integer_identifier(ruby, integer, parameter).map(Identifier::Integer),
        None => Err(wrong_type(ruby, value, parameter, "a String or an Integer")),
    }
}

/// An Integer through the core's one rule; beyond `i128`/`u128` there is no rule, so it is a
/// `RangeError`.
fn integer_identifier(
    ruby: &Ruby,
    integer: Integer,
    parameter: Parameter,
) -> Result<IntegerIdentifier, Error> {
    if let Ok(small) = integer.to_i64() {
        return Ok(IntegerIdentifier::from(small));
    }
    if let Ok(signed) = integer.to_i128() {
        return Ok(IntegerIdentifier::from(signed));
    }
    if let Ok(unsigned) = integer.to_u128() {
        return Ok(IntegerIdentifier::from(unsigned));
    }
    Err(Error::new(
        ruby.exception_range_error(),
        format!(
            "{parameter} is out of range: Integer identifiers from -2**127 to 2**128-1 are \
             supported; pass a larger one as a String"
        ),
    ))
}

fn utf8_text(ruby: &Ruby, text: RString, parameter: Parameter) -> Result<RString, Error> {
    let encoding = text.enc_get();
    let as_bytes = [
        ruby.utf8_encindex(),
        ruby.usascii_encindex(),
        ruby.ascii8bit_encindex(),
    ];
    if as_bytes.contains(&encoding) {
        return Ok(text);
    }
    // rb_str_conv_enc gives the String back unchanged when it cannot convert it.
    let converted = text.conv_enc(ruby.utf8_encoding())?;
    if converted.enc_get() == ruby.utf8_encindex() {
        return Ok(converted);
    }
    Err(Error::new(
        ruby.exception_type_error(),
        format!("{parameter} must be text that converts to UTF-8, not a String of other bytes"),
    ))
}

pub fn string(ruby: &Ruby, value: Value, parameter: Parameter) -> Result<RString, Error> {
    RString::from_value(value).ok_or_else(|| wrong_type(ruby, value, parameter, "a String"))
}

/// `TypeError: identifier must be a String or an Integer, not Float`. Only the class is shown,
/// never the value: it could be a secret passed in the wrong place.
pub fn wrong_type(
    ruby: &Ruby,
    value: Value,
    parameter: impl fmt::Display,
    expected: &str,
) -> Error {
    let actual: Cow<'_, str> = if value.is_nil() {
        Cow::Borrowed("nil")
    } else {
        // SAFETY: the name is turned into an owned message before any Ruby code runs.
        Cow::Owned(unsafe { value.classname() }.into_owned())
    };
    Error::new(
        ruby.exception_type_error(),
        format!("{parameter} must be {expected}, not {actual}"),
    )
}
