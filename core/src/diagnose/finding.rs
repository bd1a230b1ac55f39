//! The catalogue of known mistakes: stable codes and the sentence each one explains itself with.

use crate::code_table::{bit_per_code, code_table};

code_table! {
    /// A known way to get `identifier_hash` wrong.
    ///
    /// Codes are a public contract shared by every binding: never renamed, never reused. Their
    /// order here is the order findings are reported in; the number is the code's bit in the C
    /// ABI's mask ([`FindingCode::bit`]). The summary is the sentence a finding explains itself
    /// with, one a support engineer can paste.
    pub enum FindingCode {
        /// No hash was given at all.
        EmptyHash = 0, "empty_hash",
            "No identifier_hash was sent; with \"Enforce User Identity Validation\" on, Chatwoot rejects the user with HTTP 401.";
        /// Whitespace or a newline around the hash.
        SurroundingWhitespace = 1, "surrounding_whitespace",
            "The hash has whitespace or a newline around it; Chatwoot does not trim, so strip it before sending.";
        /// The right digest in uppercase hex.
        UppercaseHex = 2, "uppercase_hex",
            "The hash uses uppercase hex letters; Chatwoot compares exactly and expects lowercase hex.";
        /// The right digest in Base64 (standard or URL-safe, padded or not).
        Base64Digest = 3, "base64_digest",
            "The hash is the right HMAC-SHA256 digest encoded as Base64; Chatwoot expects it as 64 lowercase hex characters.";
        /// HMAC keyed with the identifier over the secret.
        KeyAndIdentifierSwapped = 4, "key_and_identifier_swapped",
            "The hash was computed with the identifier as the HMAC key and the secret as the message; the inbox's HMAC secret is the key and the identifier the message.";
        /// The identifier hashed with whitespace or a newline added or removed.
        IdentifierWhitespace = 5, "identifier_whitespace",
            "The hash matches the identifier with whitespace or a newline added or removed at its ends; hash exactly the identifier that is passed to setUser.";
        /// The secret used with whitespace or a newline added or removed.
        SecretWhitespace = 6, "secret_whitespace",
            "The hash matches the secret with whitespace or a newline added or removed at its ends; check how the secret is read (files and environment variables often carry a trailing newline).";
        /// The identifier hashed in another letter case.
        IdentifierCase = 7, "identifier_case",
            "The hash matches the identifier in another letter case; hash exactly the identifier passed to setUser (for example, do not lowercase an email on one side only).";
        /// HMAC-SHA1 instead of HMAC-SHA256.
        HmacSha1 = 8, "hmac_sha1",
            "The hash is HMAC-SHA1 of the identifier; Chatwoot expects HMAC-SHA256.";
        /// HMAC-MD5 instead of HMAC-SHA256.
        HmacMd5 = 9, "hmac_md5",
            "The hash is HMAC-MD5 of the identifier; Chatwoot expects HMAC-SHA256.";
        /// HMAC-SHA512 (whole, or cut to 64 characters) instead of HMAC-SHA256.
        HmacSha512 = 10, "hmac_sha512",
            "The hash is HMAC-SHA512 of the identifier (whole or cut short); Chatwoot expects HMAC-SHA256.";
        /// SHA-256 without HMAC: of the identifier, or of secret and identifier joined.
        PlainSha256 = 11, "plain_sha256",
            "The hash is a plain SHA-256 without HMAC (of the identifier, or of the secret and identifier joined); use HMAC-SHA256 keyed with the inbox's HMAC secret.";
        /// The identifier and the hash were passed in each other's place.
        HashIsIdentifier = 12, "hash_is_identifier",
            "The identifier and the hash are in each other's place; pass the user's identifier as the identifier and the HMAC hex digest as identifier_hash.";
        /// The secret itself was sent as the hash.
        HashIsSecret = 13, "hash_is_secret",
            "The value sent as the hash is the HMAC secret itself; the secret must never leave the server: rotate it in the inbox settings and send the HMAC-SHA256 hex digest instead.";
        /// A 24-character Chatwoot token was sent as the hash.
        LooksLikeToken = 14, "looks_like_token",
            "The hash looks like a 24-character Chatwoot token (such as the website token or the inbox's HMAC secret), not a 64-character HMAC-SHA256 hex digest.";
        /// Not 64 characters long.
        WrongLength = 15, "wrong_length",
            "The hash is not 64 characters long; an HMAC-SHA256 hex digest always is (was it cut short, padded, or made with another algorithm?).";
        /// Contains characters other than hex digits.
        NotHex = 16, "not_hex",
            "The hash contains characters other than hex digits; Chatwoot expects 64 characters from 0-9 and a-f.";
        /// A well-formed hash that nothing known reproduces: most likely another secret.
        UnknownSecret = 17, "unknown_secret",
            "The hash is a well-formed HMAC-SHA256 hex digest, but not of this identifier with this secret: most likely another inbox's HMAC secret, the website token, a secret from before a rotation, or another identifier was used.";
    }
}

bit_per_code!(FindingCode);

/// One reason a hash does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    /// Stable code, shared by every binding.
    pub code: FindingCode,
    /// A plain sentence explaining it; never contains the secret.
    pub message: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_code_in_declaration_order() {
        crate::code_table::assert_numbers_are_table_order::<FindingCode>();
        assert!(FindingCode::ALL.len() <= 32, "the C mask is 32 bits wide");
        crate::code_table::assert_table_is_well_formed::<FindingCode>();
    }
}
