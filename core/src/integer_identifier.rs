//! How an integer identifier becomes the text that is hashed.
//!
//! Chatwoot's server hashes `params[:identifier].to_s`, so an identifier sent as the JSON
//! number `42` is checked against the hash of the text `"42"`. Every binding turns its
//! language's integers into text through this one type, so the rule cannot drift.

use crate::text_value::formatted_as_text;

/// An integer identifier rendered as Ruby's `Integer#to_s` renders it: base 10, a leading `-`
/// for negatives, no `+`, no leading zeros, no separators.
///
/// ```
/// use chatwoot_identity::{IntegerIdentifier, identifier_hash};
///
/// let numeric = identifier_hash("secret", IntegerIdentifier::from(42_u64)).unwrap();
/// let textual = identifier_hash("secret", "42").unwrap();
/// assert_eq!(numeric, textual);
/// assert_eq!(IntegerIdentifier::from(-7_i64).as_str(), "-7");
/// ```
#[derive(Clone, Copy)]
pub struct IntegerIdentifier {
    // 40 bytes hold every i128 and u128 ("-170141183460469231731687303715884105728" is 40).
    digits: [u8; 40],
    len: u8,
}

impl IntegerIdentifier {
    fn format(value: impl itoa::Integer) -> Self {
        let mut buffer = itoa::Buffer::new();
        let text = buffer.format(value).as_bytes();
        let mut digits = [0u8; 40];
        digits[..text.len()].copy_from_slice(text);
        IntegerIdentifier {
            digits,
            len: text.len() as u8,
        }
    }

    /// The decimal text that is hashed.
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).expect("itoa writes ASCII")
    }

    /// The decimal text as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.digits[..usize::from(self.len)]
    }
}

macro_rules! from_integer {
    ($($int:ty),*) => {$(
        impl From<$int> for IntegerIdentifier {
            fn from(value: $int) -> Self {
                IntegerIdentifier::format(value)
            }
        }
    )*};
}
from_integer!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

impl AsRef<[u8]> for IntegerIdentifier {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

formatted_as_text!(IntegerIdentifier);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_ruby_integer_to_s() {
        assert_eq!(IntegerIdentifier::from(0_u8).as_str(), "0");
        assert_eq!(IntegerIdentifier::from(-1_i32).as_str(), "-1");
        assert_eq!(
            IntegerIdentifier::from(i128::MIN).as_str(),
            "-170141183460469231731687303715884105728"
        );
        assert_eq!(
            IntegerIdentifier::from(u128::MAX).as_str(),
            "340282366920938463463374607431768211455"
        );
        assert_eq!(
            IntegerIdentifier::from(9_007_199_254_740_993_u64).as_str(),
            "9007199254740993"
        );
    }
}
