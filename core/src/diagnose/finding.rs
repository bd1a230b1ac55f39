//! The catalogue of known mistakes: stable codes and the sentence each one explains itself with.

use core::fmt;

/// A known way to get `identifier_hash` wrong.
///
/// Codes are a public contract shared by every binding: never renamed, never reused. Their
/// order here is the order findings are reported in, and the bit each has in the C ABI's mask
/// ([`FindingCode::bit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FindingCode {
    /// No hash was given at all.
    EmptyHash,
    /// Whitespace or a newline around the hash.
    SurroundingWhitespace,
    /// The right digest in uppercase hex.
    UppercaseHex,
    /// The right digest in Base64 (standard or URL-safe, padded or not).
    Base64Digest,
    /// HMAC keyed with the identifier over the secret.
    KeyAndIdentifierSwapped,
    /// The identifier hashed with whitespace or a newline added or removed.
    IdentifierWhitespace,
    /// The secret used with whitespace or a newline added or removed.
    SecretWhitespace,
    /// The identifier hashed in another letter case.
    IdentifierCase,
    /// HMAC-SHA1 instead of HMAC-SHA256.
    HmacSha1,
    /// HMAC-MD5 instead of HMAC-SHA256.
    HmacMd5,
    /// HMAC-SHA512 (whole, or cut to 64 characters) instead of HMAC-SHA256.
    HmacSha512,
    /// SHA-256 without HMAC: of the identifier, or of secret and identifier joined.
    PlainSha256,
    /// The identifier and the hash were passed in each other's place.
    HashIsIdentifier,
    /// The secret itself was sent as the hash.
    HashIsSecret,
    /// A 24-character Chatwoot token was sent as the hash.
    LooksLikeToken,
    /// Not 64 characters long.
    WrongLength,
    /// Contains characters other than hex digits.
    NotHex,
    /// A well-formed hash that nothing known reproduces: most likely another secret.
    UnknownSecret,
}

impl FindingCode {
    /// Every code, in report order.
    pub const ALL: &'static [FindingCode] = &[
        FindingCode::EmptyHash,
        FindingCode::SurroundingWhitespace,
        FindingCode::UppercaseHex,
        FindingCode::Base64Digest,
        FindingCode::KeyAndIdentifierSwapped,
        FindingCode::IdentifierWhitespace,
        FindingCode::SecretWhitespace,
        FindingCode::IdentifierCase,
        FindingCode::HmacSha1,
        FindingCode::HmacMd5,
        FindingCode::HmacSha512,
        FindingCode::PlainSha256,
        FindingCode::HashIsIdentifier,
        FindingCode::HashIsSecret,
        FindingCode::LooksLikeToken,
        FindingCode::WrongLength,
        FindingCode::NotHex,
        FindingCode::UnknownSecret,
    ];

    /// The stable snake_case code, e.g. `"uppercase_hex"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FindingCode::EmptyHash => "empty_hash",
            FindingCode::SurroundingWhitespace => "surrounding_whitespace",
            FindingCode::UppercaseHex => "uppercase_hex",
            FindingCode::Base64Digest => "base64_digest",
            FindingCode::KeyAndIdentifierSwapped => "key_and_identifier_swapped",
            FindingCode::IdentifierWhitespace => "identifier_whitespace",
            FindingCode::SecretWhitespace => "secret_whitespace",
            FindingCode::IdentifierCase => "identifier_case",
            FindingCode::HmacSha1 => "hmac_sha1",
            FindingCode::HmacMd5 => "hmac_md5",
            FindingCode::HmacSha512 => "hmac_sha512",
            FindingCode::PlainSha256 => "plain_sha256",
            FindingCode::HashIsIdentifier => "hash_is_identifier",
            FindingCode::HashIsSecret => "hash_is_secret",
            FindingCode::LooksLikeToken => "looks_like_token",
            FindingCode::WrongLength => "wrong_length",
            FindingCode::NotHex => "not_hex",
            FindingCode::UnknownSecret => "unknown_secret",
        }
    }

    /// One plain sentence a support engineer can paste. Static text: it cannot contain a secret.
    pub const fn message(self) -> &'static str {
        match self {
            FindingCode::EmptyHash => {
                "No identifier_hash was sent; with \"Enforce User Identity Validation\" on, \
                 Chatwoot rejects the user with HTTP 401."
            }
            FindingCode::SurroundingWhitespace => {
                "The hash has whitespace or a newline around it; Chatwoot does not trim, so \
                 strip it before sending."
            }
            FindingCode::UppercaseHex => {
                "The hash uses uppercase hex letters; Chatwoot compares exactly and expects \
                 lowercase hex."
            }
            FindingCode::Base64Digest => {
                "The hash is the right HMAC-SHA256 digest encoded as Base64; Chatwoot expects \
                 it as 64 lowercase hex characters."
            }
            FindingCode::KeyAndIdentifierSwapped => {
                "The hash was computed with the identifier as the HMAC key and the secret as \
                 the message; the inbox's HMAC secret is the key and the identifier the message."
            }
            FindingCode::IdentifierWhitespace => {
                "The hash matches the identifier with whitespace or a newline added or removed \
                 at its ends; hash exactly the identifier that is passed to setUser."
            }
            FindingCode::SecretWhitespace => {
                "The hash matches the secret with whitespace or a newline added or removed at \
                 its ends; check how the secret is read (files and environment variables often \
                 carry a trailing newline)."
            }
            FindingCode::IdentifierCase => {
                "The hash matches the identifier in another letter case; hash exactly the \
                 identifier passed to setUser (for example, do not lowercase an email on one \
                 side only)."
            }
            FindingCode::HmacSha1 => {
                "The hash is HMAC-SHA1 of the identifier; Chatwoot expects HMAC-SHA256."
            }
            FindingCode::HmacMd5 => {
                "The hash is HMAC-MD5 of the identifier; Chatwoot expects HMAC-SHA256."
            }
            FindingCode::HmacSha512 => {
                "The hash is HMAC-SHA512 of the identifier (whole or cut short); Chatwoot \
                 expects HMAC-SHA256."
            }
            FindingCode::PlainSha256 => {
                "The hash is a plain SHA-256 without HMAC (of the identifier, or of the secret \
                 and identifier joined); use HMAC-SHA256 keyed with the inbox's HMAC secret."
            }
            FindingCode::HashIsIdentifier => {
                "The identifier and the hash are in each other's place; pass the user's \
                 identifier as the identifier and the HMAC hex digest as identifier_hash."
            }
            FindingCode::HashIsSecret => {
                "The value sent as the hash is the HMAC secret itself; the secret must never \
                 leave the server: rotate it in the inbox settings and send the HMAC-SHA256 hex \
                 digest instead."
            }
            FindingCode::LooksLikeToken => {
                "The hash looks like a 24-character Chatwoot token (such as the website token \
                 or the inbox's HMAC secret), not a 64-character HMAC-SHA256 hex digest."
            }
            FindingCode::WrongLength => {
                "The hash is not 64 characters long; an HMAC-SHA256 hex digest always is (was it \
                 cut short, padded, or made with another algorithm?)."
            }
            FindingCode::NotHex => {
                "The hash contains characters other than hex digits; Chatwoot expects 64 \
                 characters from 0-9 and a-f."
            }
            FindingCode::UnknownSecret => {
                "The hash is a well-formed HMAC-SHA256 hex digest, but not of this identifier \
                 with this secret: most likely another inbox's HMAC secret, the website token, \
                 a secret from before a rotation, or another identifier was used."
            }
        }
    }

    /// This code's bit in a mask of findings (bit `n` for the `n`th entry of [`Self::ALL`]).
    pub const fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// The code for a snake_case string, if there is one.
    pub fn from_code(code: &str) -> Option<FindingCode> {
        FindingCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == code)
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reason a hash does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    /// Stable code, shared by every binding.
    pub code: FindingCode,
    /// A plain sentence explaining it; never contains the secret.
    pub message: &'static str,
}

impl From<FindingCode> for Finding {
    fn from(code: FindingCode) -> Self {
        Finding {
            code,
            message: code.message(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_code_in_declaration_order() {
        for (index, code) in FindingCode::ALL.iter().enumerate() {
            assert_eq!(*code as usize, index);
            assert_eq!(FindingCode::from_code(code.as_str()), Some(*code));
        }
        assert!(FindingCode::ALL.len() <= 32, "the C mask is 32 bits wide");
    }
}
