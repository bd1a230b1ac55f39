//! The one error type of the crate, and the stable codes every binding exposes.

use core::fmt;

/// A stable, snake_case name for each kind of [`Error`].
///
/// Bindings expose these strings unchanged (`err.code` in Node, `.code` in Python and Ruby,
/// a status value in C), so they are a public contract: a code is never renamed or reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The HMAC secret was empty.
    EmptySecret,
    /// An identifier was empty.
    EmptyIdentifier,
    /// A widget user was given, but no HMAC secret to sign it with.
    MissingSecret,
    /// The Chatwoot base URL is not an absolute http(s) URL without credentials.
    InvalidBaseUrl,
    /// The website token is not a token.
    InvalidWebsiteToken,
    /// The CSP nonce has characters outside the nonce alphabet.
    InvalidNonce,
    /// A widget user has none of name, email and avatar_url.
    IncompleteUser,
    /// A custom attribute value cannot be sent (a number that is not finite).
    InvalidCustomAttribute,
    /// A widget setting has a value the widget does not know.
    InvalidWidgetSetting,
    /// A JSON widget request does not match the documented shape.
    InvalidWidgetJson,
    /// An output buffer does not have the length the call needs.
    OutputLength,
}

impl ErrorCode {
    /// Every code, in a fixed order that bindings may rely on for numbering.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::EmptySecret,
        ErrorCode::EmptyIdentifier,
        ErrorCode::MissingSecret,
        ErrorCode::InvalidBaseUrl,
        ErrorCode::InvalidWebsiteToken,
        ErrorCode::InvalidNonce,
        ErrorCode::IncompleteUser,
        ErrorCode::InvalidCustomAttribute,
        ErrorCode::InvalidWidgetSetting,
        ErrorCode::InvalidWidgetJson,
        ErrorCode::OutputLength,
    ];

    /// The code as the string every binding exposes, e.g. `"empty_secret"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::EmptySecret => "empty_secret",
            ErrorCode::EmptyIdentifier => "empty_identifier",
            ErrorCode::MissingSecret => "missing_secret",
            ErrorCode::InvalidBaseUrl => "invalid_base_url",
            ErrorCode::InvalidWebsiteToken => "invalid_website_token",
            ErrorCode::InvalidNonce => "invalid_nonce",
            ErrorCode::IncompleteUser => "incomplete_user",
            ErrorCode::InvalidCustomAttribute => "invalid_custom_attribute",
            ErrorCode::InvalidWidgetSetting => "invalid_widget_setting",
            ErrorCode::InvalidWidgetJson => "invalid_widget_json",
            ErrorCode::OutputLength => "output_length",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a hash could not be computed.
///
/// Messages name the parameter at fault and never contain a secret or an identifier, so they
/// are safe to log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The secret was empty. Chatwoot's inbox secret is never empty; an empty one almost always
    /// means a missing environment variable.
    #[error(
        "secret must not be empty: pass the inbox's HMAC secret \
         (Chatwoot: Settings > Inboxes > Configuration > Identity validation)"
    )]
    EmptySecret,
    /// The identifier was empty. Hashing it would make every anonymous visitor the same
    /// verified contact.
    #[error("identifier must not be empty: pass the logged-in user's stable identifier")]
    EmptyIdentifier,
    /// One identifier of a batch was empty; `index` is its zero-based position.
    #[error("identifiers[{index}] must not be empty: every identifier in a batch needs a value")]
    EmptyIdentifierInBatch {
        /// Zero-based position of the empty identifier in the batch.
        index: usize,
    },
    /// A widget user was given without an HMAC secret, so its identifier_hash cannot be made.
    #[error("secret is required to sign a widget user: configure the inbox's HMAC secret")]
    MissingSecret,
    /// `base_url` is not usable as the Chatwoot installation's address.
    #[error(
        "base_url must be an absolute http(s) URL without credentials, query or fragment, \
         such as https://app.chatwoot.com ({reason})"
    )]
    InvalidBaseUrl {
        /// What is wrong with it (never the URL itself, which may hold credentials).
        reason: &'static str,
    },
    /// `website_token` is not a Chatwoot website token.
    #[error("website_token must be the inbox's website token: 8 to 128 letters and digits")]
    InvalidWebsiteToken,
    /// `nonce` is not a CSP nonce.
    #[error(
        "nonce must be a CSP nonce: 1 to 256 characters of A-Z, a-z, 0-9, +, /, -, _ and up to two trailing ="
    )]
    InvalidNonce,
    /// The user has none of the fields Chatwoot's `setUser` requires.
    #[error(
        "user needs at least one of name, email or avatar_url: Chatwoot's setUser refuses a user \
         without them"
    )]
    IncompleteUser,
    /// A custom attribute holds a number JSON cannot carry.
    #[error("custom_attributes[{key:?}] must be text, a boolean or a finite number")]
    InvalidCustomAttribute {
        /// The attribute's name.
        key: String,
    },
    /// A widget setting has a value the widget does not understand.
    #[error("settings.{setting} must be one of {allowed}")]
    InvalidWidgetSetting {
        /// The setting's name.
        setting: &'static str,
        /// The values it takes.
        allowed: &'static str,
    },
    /// A JSON widget request (the C entry point's input) does not match the documented shape.
    #[error("the widget request is not valid JSON of the documented shape: {detail}")]
    InvalidWidgetJson {
        /// The parser's explanation.
        detail: String,
    },
    /// An output buffer for a batch is not exactly 64 bytes per identifier.
    #[error("out must be {expected} bytes (64 per identifier), not {actual}")]
    OutputLength {
        /// The length the call needs.
        expected: usize,
        /// The length it was given.
        actual: usize,
    },
}

impl Error {
    /// The stable code of this error (see [`ErrorCode`]).
    pub const fn code(&self) -> ErrorCode {
        match self {
            Error::EmptySecret => ErrorCode::EmptySecret,
            Error::EmptyIdentifier | Error::EmptyIdentifierInBatch { .. } => {
                ErrorCode::EmptyIdentifier
            }
            Error::MissingSecret => ErrorCode::MissingSecret,
            Error::InvalidBaseUrl { .. } => ErrorCode::InvalidBaseUrl,
            Error::InvalidWebsiteToken => ErrorCode::InvalidWebsiteToken,
            Error::InvalidNonce => ErrorCode::InvalidNonce,
            Error::IncompleteUser => ErrorCode::IncompleteUser,
            Error::InvalidCustomAttribute { .. } => ErrorCode::InvalidCustomAttribute,
            Error::InvalidWidgetSetting { .. } => ErrorCode::InvalidWidgetSetting,
            Error::InvalidWidgetJson { .. } => ErrorCode::InvalidWidgetJson,
            Error::OutputLength { .. } => ErrorCode::OutputLength,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_distinct_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{s}"
            );
            assert!(seen.insert(s), "duplicate code {s}");
        }
    }

    #[test]
    fn batch_error_names_the_position_and_shares_the_code() {
        let err = Error::EmptyIdentifierInBatch { index: 7 };
        assert_eq!(err.code(), ErrorCode::EmptyIdentifier);
        assert!(err.to_string().starts_with("identifiers[7]"));
    }
}
