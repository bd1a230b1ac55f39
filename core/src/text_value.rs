//! The crate's stack-held text values (a hash's hex, an integer's digits) print as their text:
//! `Display` is the text itself, `Debug` the type's name around it, as a `String` newtype's
//! derived `Debug` would be.

/// `Display` and `Debug` for a type whose `as_str()` is its whole value.
macro_rules! formatted_as_text {
    ($type:ident) => {
        impl core::fmt::Display for $type {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl core::fmt::Debug for $type {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_tuple(stringify!($type))
                    .field(&self.as_str())
                    .finish()
            }
        }
    };
}

pub(crate) use formatted_as_text;

#[cfg(test)]
mod tests {
    use crate::{IntegerIdentifier, Signer};

    #[test]
    fn display_is_the_text_and_debug_names_the_type() {
        let number = IntegerIdentifier::from(-42_i64);
        assert_eq!(number.to_string(), "-42");
        assert_eq!(format!("{number:?}"), r#"IntegerIdentifier("-42")"#);

        let hash = Signer::new("secret")
            .unwrap()
            .identifier_hash("42")
            .unwrap();
        assert_eq!(hash.to_string(), hash.as_str());
        assert_eq!(
            format!("{hash:?}"),
            format!("IdentifierHash({:?})", hash.as_str())
        );
    }
}
