// Generated from the core's ErrorCode table and status.rs's INTERFACE_STATUSES (template:
// status_table.rs.in); do not edit. `UPDATE=1 cargo test -p chatwoot-identity-c` rewrites it,
// and a test fails when it is stale.

use identity::ErrorCode;

/// What a fallible function did. `CHATWOOT_IDENTITY_OK` (0) is success; 1..99 are the core
/// library's error codes, each its code's fixed number (chatwoot_identity_status_code names
/// it); 100 and up are errors of the C interface itself.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum chatwoot_identity_status {
    /// Success.
    CHATWOOT_IDENTITY_OK = 0,
    /// Core code `empty_secret`: A secret is empty: pass the inbox's HMAC secret, or the webhook's secret for a webhook.
    CHATWOOT_IDENTITY_EMPTY_SECRET = 1,
    /// Core code `empty_identifier`: An identifier is empty: pass the logged-in user's stable identifier.
    CHATWOOT_IDENTITY_EMPTY_IDENTIFIER = 2,
    /// Core code `missing_secret`: A widget user needs the inbox's HMAC secret to be signed.
    CHATWOOT_IDENTITY_MISSING_SECRET = 3,
    /// Core code `invalid_base_url`: The base URL must be an absolute http(s) URL without credentials, query or fragment.
    CHATWOOT_IDENTITY_INVALID_BASE_URL = 4,
    /// Core code `invalid_website_token`: The website token must be the inbox's token: 8 to 128 letters and digits.
    CHATWOOT_IDENTITY_INVALID_WEBSITE_TOKEN = 5,
    /// Core code `invalid_nonce`: The nonce must be a CSP nonce: base64 or base64url characters.
    CHATWOOT_IDENTITY_INVALID_NONCE = 6,
    /// Core code `incomplete_user`: A widget user needs at least one of name, email or avatar_url.
    CHATWOOT_IDENTITY_INCOMPLETE_USER = 7,
    /// Core code `invalid_widget_request`: A widget request does not have the documented shape; the message names the path.
    CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST = 8,
    /// Core code `missing_signature`: The webhook has no X-Chatwoot-Signature header: it is unsigned, or a proxy dropped the header.
    CHATWOOT_IDENTITY_MISSING_SIGNATURE = 9,
    /// Core code `malformed_signature`: X-Chatwoot-Signature must be sha256= followed by 64 lowercase hex characters.
    CHATWOOT_IDENTITY_MALFORMED_SIGNATURE = 10,
    /// Core code `missing_timestamp`: The webhook has no X-Chatwoot-Timestamp header, which the signature covers.
    CHATWOOT_IDENTITY_MISSING_TIMESTAMP = 11,
    /// Core code `malformed_timestamp`: X-Chatwoot-Timestamp must be Unix time in whole seconds: 1 to 18 decimal digits.
    CHATWOOT_IDENTITY_MALFORMED_TIMESTAMP = 12,
    /// Core code `stale_timestamp`: The webhook is signed correctly but older than the tolerance: a replay, a delay, or a wrong clock.
    CHATWOOT_IDENTITY_STALE_TIMESTAMP = 13,
    /// Core code `future_timestamp`: The webhook is signed correctly but dated in the future beyond the tolerance: a wrong clock.
    CHATWOOT_IDENTITY_FUTURE_TIMESTAMP = 14,
    /// Core code `signature_mismatch`: X-Chatwoot-Signature does not match the body and timestamp with this webhook secret.
    CHATWOOT_IDENTITY_SIGNATURE_MISMATCH = 15,
    /// The C interface: a required pointer was NULL (or NULL with a length).
    CHATWOOT_IDENTITY_NULL_ARGUMENT = 100,
    /// The C interface: the output buffer is too small for the result.
    CHATWOOT_IDENTITY_BUFFER_TOO_SMALL = 101,
    /// The C interface: chatwoot_identity panicked (a bug); nothing was written.
    CHATWOOT_IDENTITY_PANIC = 102,
    /// The C interface: the batch's lengths do not add up to its data's length.
    CHATWOOT_IDENTITY_LENGTH_MISMATCH = 103,
}

impl From<ErrorCode> for chatwoot_identity_status {
    fn from(code: ErrorCode) -> Self {
        match code {
            ErrorCode::EmptySecret => Self::CHATWOOT_IDENTITY_EMPTY_SECRET,
            ErrorCode::EmptyIdentifier => Self::CHATWOOT_IDENTITY_EMPTY_IDENTIFIER,
            ErrorCode::MissingSecret => Self::CHATWOOT_IDENTITY_MISSING_SECRET,
            ErrorCode::InvalidBaseUrl => Self::CHATWOOT_IDENTITY_INVALID_BASE_URL,
            ErrorCode::InvalidWebsiteToken => Self::CHATWOOT_IDENTITY_INVALID_WEBSITE_TOKEN,
            ErrorCode::InvalidNonce => Self::CHATWOOT_IDENTITY_INVALID_NONCE,
            ErrorCode::IncompleteUser => Self::CHATWOOT_IDENTITY_INCOMPLETE_USER,
            ErrorCode::InvalidWidgetRequest => Self::CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST,
            ErrorCode::MissingSignature => Self::CHATWOOT_IDENTITY_MISSING_SIGNATURE,
            ErrorCode::MalformedSignature => Self::CHATWOOT_IDENTITY_MALFORMED_SIGNATURE,
            ErrorCode::MissingTimestamp => Self::CHATWOOT_IDENTITY_MISSING_TIMESTAMP,
            ErrorCode::MalformedTimestamp => Self::CHATWOOT_IDENTITY_MALFORMED_TIMESTAMP,
            ErrorCode::StaleTimestamp => Self::CHATWOOT_IDENTITY_STALE_TIMESTAMP,
            ErrorCode::FutureTimestamp => Self::CHATWOOT_IDENTITY_FUTURE_TIMESTAMP,
            ErrorCode::SignatureMismatch => Self::CHATWOOT_IDENTITY_SIGNATURE_MISMATCH,
            _ => unreachable!("status_table.rs is older than the core's code table"),
        }
    }
}
