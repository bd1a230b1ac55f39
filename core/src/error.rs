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
}

impl ErrorCode {
    /// Every code, in a fixed order that bindings may rely on for numbering.
    pub const ALL: &'static [ErrorCode] = &[ErrorCode::EmptySecret, ErrorCode::EmptyIdentifier];

    /// The code as the string every binding exposes, e.g. `"empty_secret"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::EmptySecret => "empty_secret",
            ErrorCode::EmptyIdentifier => "empty_identifier",
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
}

impl Error {
    /// The stable code of this error (see [`ErrorCode`]).
    pub const fn code(&self) -> ErrorCode {
        match self {
            Error::EmptySecret => ErrorCode::EmptySecret,
            Error::EmptyIdentifier | Error::EmptyIdentifierInBatch { .. } => {
                ErrorCode::EmptyIdentifier
            }
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
