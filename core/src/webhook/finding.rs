//! The catalogue of known webhook-signature mistakes: stable codes and their sentences.

use crate::code_table::{bit_per_code, code_table};

code_table! {
    /// A known way for a webhook signature not to verify.
    ///
    /// Its own table, apart from [`FindingCode`](crate::FindingCode), so each stays within the
    /// 32 bits of a C mask. Codes are a public contract shared by every binding: never renamed,
    /// never reused. The order is the report order; the number is the code's bit
    /// ([`WebhookFindingCode::bit`]); the summary is the finding's message.
    pub enum WebhookFindingCode {
        /// No `X-Chatwoot-Signature` at all.
        MissingSignature = 0, "missing_signature",
            "There is no X-Chatwoot-Signature: Chatwoot signs only webhooks that have a secret (automation-rule and macro webhooks are never signed), or a proxy dropped the header.";
        /// No `X-Chatwoot-Timestamp` at all.
        MissingTimestamp = 1, "missing_timestamp",
            "There is no X-Chatwoot-Timestamp: Chatwoot signs the timestamp, a \".\" and the body, so the timestamp header must reach the code that verifies.";
        /// A line break or other whitespace (beyond spaces and tabs) around the signature.
        SignatureWhitespace = 2, "signature_whitespace",
            "The signature has a line break or other whitespace around it; only spaces and tabs around a header value are ignored.";
        /// The hex digest without the `sha256=` prefix.
        PrefixMissing = 3, "prefix_missing",
            "The signature lacks the sha256= prefix: X-Chatwoot-Signature is sha256= followed by the hex digest.";
        /// `sha256=` written twice.
        PrefixDoubled = 4, "prefix_doubled",
            "The signature has the sha256= prefix twice: the prefix was added to a value that already had it.";
        /// The right digest in uppercase hex.
        UppercaseHex = 5, "uppercase_hex",
            "The signature's hex is uppercase; Chatwoot writes lowercase hex and the comparison is exact.";
        /// Not `sha256=` and 64 hex characters, nor a known variant of that.
        MalformedSignature = 6, "malformed_signature",
            "The signature is not sha256= followed by 64 hex characters, so no HMAC-SHA256 digest can be read from it.";
        /// The timestamp is not decimal digits.
        MalformedTimestamp = 7, "malformed_timestamp",
            "X-Chatwoot-Timestamp is not Unix time in whole seconds (1 to 18 decimal digits, no sign, no fraction).";
        /// The timestamp is in milliseconds, or the signature was made over one in milliseconds.
        TimestampInMilliseconds = 8, "timestamp_in_milliseconds",
            "The timestamp is in milliseconds (or the signature was made over one); Chatwoot sends Unix time in seconds, so the age check refuses it.";
        /// HMAC of the body alone, without the timestamp and `.`.
        SignedBodyAlone = 9, "signed_body_alone",
            "The signature is the HMAC of the body alone; Chatwoot signs the timestamp, a \".\" and the body (\"#{timestamp}.#{body}\").";
        /// ActiveSupport's `\u003c \u003e \u0026` escapes undone or added, nothing else changed.
        BodyEscapesChanged = 10, "body_escapes_changed",
            "The signature matches the body with ActiveSupport's JSON escapes of <, > and & (\\u003c, \\u003e, \\u0026) undone or added: verify the raw request body, not a parsed and re-serialized one.";
        /// The body parsed and serialized again: keys reordered, whitespace or escapes changed.
        BodyReserialized = 11, "body_reserialized",
            "The signature matches the body serialized differently (keys reordered or sorted, whitespace or escapes changed): verify the raw request body bytes, not JSON that was parsed and serialized again.";
        /// Keyed with the inbox's identity-validation `hmac_token` instead of the webhook secret.
        IdentityHmacToken = 12, "identity_hmac_token",
            "The signature was made with the inbox's identity-validation hmac_token, not with this webhook secret; they are different keys (Chatwoot issue 13809 reports API-inbox webhooks signed this way), so verify with the key that signs.";
        /// Keyed with the secret with a trailing newline or whitespace added or removed.
        SecretWhitespace = 13, "secret_whitespace",
            "The signature matches the secret with a trailing newline or whitespace added or removed; check how the secret is read (files and environment variables often carry a trailing newline).";
        /// Well formed, but nothing known reproduces it.
        UnknownSecret = 14, "unknown_secret",
            "The signature is well formed but matches nothing tried: most likely another secret (a secret from before a reset, another webhook's or agent bot's), or the body or timestamp changed after signing.";
        /// A signed header appears more than once in the request.
        RepeatedHeader = 15, "repeated_header",
            "X-Chatwoot-Signature or X-Chatwoot-Timestamp appears more than once (a proxy or client added it again): which value was signed cannot be known, so the request is refused; send each header once.";
        /// A line break or other whitespace (beyond spaces and tabs) around the timestamp.
        TimestampWhitespace = 16, "timestamp_whitespace",
            "The timestamp has a line break or other whitespace around it (a header pasted from a CRLF log, or read with its line end); only spaces and tabs around a header value are ignored, and Chatwoot signed the digits alone.";
    }
}

bit_per_code!(WebhookFindingCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_well_formed_and_fits_a_32_bit_mask() {
        crate::code_table::assert_numbers_are_table_order::<WebhookFindingCode>();
        assert!(
            WebhookFindingCode::ALL.len() <= 32,
            "the C mask is 32 bits wide"
        );
        crate::code_table::assert_table_is_well_formed::<WebhookFindingCode>();
    }
}
