//! The one error type of the crate, and the table of stable codes every binding exposes.

use crate::code_table::code_table;
use crate::input::InputProblem;

code_table! {
    /// A stable, snake_case name for each kind of [`Error`].
    ///
    /// Bindings expose these strings unchanged (`err.code` in Node, `.code` in Python, Ruby and
    /// Elixir, a status value in C numbered by [`ErrorCode::number`]), so they are a public
    /// contract: a code is never renamed or reused.
    pub enum ErrorCode {
        /// The HMAC secret was empty.
        EmptySecret = 1, "empty_secret",
            "A secret is empty: pass the inbox's HMAC secret, or the webhook's secret for a webhook.";
        /// An identifier was empty.
        EmptyIdentifier = 2, "empty_identifier",
            "An identifier is empty: pass the logged-in user's stable identifier.";
        /// A widget user was given, but no HMAC secret to sign it with.
        MissingSecret = 3, "missing_secret",
            "A widget user needs the inbox's HMAC secret to be signed.";
        /// The Chatwoot base URL is not an absolute http(s) URL without credentials.
        InvalidBaseUrl = 4, "invalid_base_url",
            "The base URL must be an absolute http(s) URL without credentials, query or fragment.";
        /// The website token is not a token.
        InvalidWebsiteToken = 5, "invalid_website_token",
            "The website token must be the inbox's token: 8 to 128 letters and digits.";
        /// The CSP nonce has characters outside the nonce alphabet.
        InvalidNonce = 6, "invalid_nonce",
            "The nonce must be a CSP nonce: base64 or base64url characters.";
        /// A widget user has none of name, email and avatar_url.
        IncompleteUser = 7, "incomplete_user",
            "A widget user needs at least one of name, email or avatar_url.";
        /// A widget request (user, settings, the whole JSON document) does not have the
        /// documented shape: a wrong type, an unknown or missing key, a value out of range.
        InvalidWidgetRequest = 8, "invalid_widget_request",
            "A widget request does not have the documented shape; the message names the path.";
        /// A webhook request has no `X-Chatwoot-Signature`.
        MissingSignature = 9, "missing_signature",
            "The webhook has no X-Chatwoot-Signature header: it is unsigned, or a proxy dropped the header.";
        /// `X-Chatwoot-Signature` is not `sha256=` and 64 lowercase hex characters.
        MalformedSignature = 10, "malformed_signature",
            "X-Chatwoot-Signature must be sha256= followed by 64 lowercase hex characters.";
        /// A webhook request has no `X-Chatwoot-Timestamp`.
        MissingTimestamp = 11, "missing_timestamp",
            "The webhook has no X-Chatwoot-Timestamp header, which the signature covers.";
        /// `X-Chatwoot-Timestamp` is not Unix time in whole seconds.
        MalformedTimestamp = 12, "malformed_timestamp",
            "X-Chatwoot-Timestamp must be Unix time in whole seconds: 1 to 18 decimal digits.";
        /// A correctly signed webhook is older than the tolerance allows.
        StaleTimestamp = 13, "stale_timestamp",
            "The webhook is signed correctly but older than the tolerance: a replay, a delay, or a wrong clock.";
        /// A correctly signed webhook is dated further ahead than the tolerance allows.
        FutureTimestamp = 14, "future_timestamp",
            "The webhook is signed correctly but dated in the future beyond the tolerance: a wrong clock.";
        /// The signature is well formed but is not that of this body and timestamp.
        SignatureMismatch = 15, "signature_mismatch",
            "X-Chatwoot-Signature does not match the body and timestamp with this webhook secret.";
    }
}

/// Why a hash, a verification, a widget or a webhook check could not be made.
///
/// Messages name the parameter or path at fault and never contain a secret or an identifier,
/// so they are safe to log.
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
    /// A webhook's secret was empty; its own message, since the inbox's HMAC secret, which
    /// [`Error::EmptySecret`] asks for, is the wrong key for a webhook.
    #[error(
        "secret must not be empty: pass the webhook's secret (Chatwoot: the webhook's, agent \
         bot's or API inbox's secret; not the inbox's identity-validation hmac_token)"
    )]
    EmptyWebhookSecret,
    /// The identifier was empty. Hashing it would make every anonymous visitor the same
    /// verified contact.
    #[error("identifier must not be empty: pass the logged-in user's stable identifier")]
    EmptyIdentifier,
    /// One identifier of a batch was empty; `index` is its zero-based position in the whole
    /// batch, however the core split it into rounds.
    #[error("{} must not be empty: every identifier in a batch needs a value", crate::Parameter::BatchItem(*index))]
    EmptyIdentifierInBatch {
        /// Zero-based position of the empty identifier in the batch.
        index: usize,
    },
    /// A widget user was given without an HMAC secret, so its identifier_hash cannot be made.
    #[error("hmac_secret is required to sign a widget user: configure the inbox's HMAC secret")]
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
    /// A structured input does not have the documented shape.
    #[error("{path}: {detail}")]
    InvalidWidgetRequest {
        /// Where, e.g. `user.custom_attributes.plan` or `settings.position`.
        path: String,
        /// What kind of mistake, so a binding can raise its host's usual class.
        problem: InputProblem,
        /// The explanation, without the offending value when that could be personal data.
        detail: String,
    },
    /// The webhook request carries no signature (see [`crate::SIGNATURE_HEADER`]).
    #[error(
        "X-Chatwoot-Signature is missing: the webhook is unsigned (in Chatwoot, only webhooks with \
         a secret are signed; automation-rule and macro webhooks never are) or a proxy dropped \
         the header"
    )]
    MissingSignature,
    /// The signature header is not `sha256=` followed by 64 lowercase hex characters.
    #[error(
        "X-Chatwoot-Signature must be sha256= followed by 64 lowercase hex characters ({reason})"
    )]
    MalformedSignature {
        /// What is wrong with it (never the value itself).
        reason: &'static str,
    },
    /// The webhook request carries no timestamp (see [`crate::TIMESTAMP_HEADER`]).
    #[error(
        "X-Chatwoot-Timestamp is missing: Chatwoot signs the timestamp with the body, so the \
         signature cannot be checked without it"
    )]
    MissingTimestamp,
    /// The timestamp header is not Unix time in whole seconds.
    #[error(
        "X-Chatwoot-Timestamp must be Unix time in whole seconds: 1 to 18 decimal digits, no \
         sign, no fraction ({reason})"
    )]
    MalformedTimestamp {
        /// What is wrong with it (never the value itself).
        reason: &'static str,
    },
    /// The signature is right, but the timestamp is older than the tolerance allows.
    #[error(
        "the webhook is {age} seconds old, more than the {tolerance}-second tolerance: a replayed \
         or delayed request, or a clock that is wrong here or on the Chatwoot server (keep both \
         on NTP, and verify when the request arrives, not later from a queue)"
    )]
    StaleTimestamp {
        /// How many seconds before `now` the webhook was signed.
        age: u64,
        /// The tolerance in seconds it exceeded.
        tolerance: u64,
    },
    /// The signature is right, but the timestamp is further in the future than the tolerance.
    #[error(
        "the webhook is dated {ahead} seconds in the future, more than the {tolerance}-second \
         tolerance: a clock is wrong here or on the Chatwoot server (keep both on NTP), or the \
         sender wrote milliseconds instead of seconds"
    )]
    FutureTimestamp {
        /// How many seconds after `now` the webhook is dated.
        ahead: u64,
        /// The tolerance in seconds it exceeded.
        tolerance: u64,
    },
    /// The signature is well formed, but not the one this secret gives this timestamp and body.
    #[error(
        "X-Chatwoot-Signature does not match the body and timestamp: verify the raw request body \
         bytes (not parsed and serialized again) with this webhook's secret (not the inbox's \
         identity-validation hmac_token); diagnose_webhook names the mistake"
    )]
    SignatureMismatch,
}

impl Error {
    /// The stable code of this error (see [`ErrorCode`]).
    pub const fn code(&self) -> ErrorCode {
        match self {
            Error::EmptySecret | Error::EmptyWebhookSecret => ErrorCode::EmptySecret,
            Error::EmptyIdentifier | Error::EmptyIdentifierInBatch { .. } => {
                ErrorCode::EmptyIdentifier
            }
            Error::MissingSecret => ErrorCode::MissingSecret,
            Error::InvalidBaseUrl { .. } => ErrorCode::InvalidBaseUrl,
            Error::InvalidWebsiteToken => ErrorCode::InvalidWebsiteToken,
            Error::InvalidNonce => ErrorCode::InvalidNonce,
            Error::IncompleteUser => ErrorCode::IncompleteUser,
            Error::InvalidWidgetRequest { .. } => ErrorCode::InvalidWidgetRequest,
            Error::MissingSignature => ErrorCode::MissingSignature,
            Error::MalformedSignature { .. } => ErrorCode::MalformedSignature,
            Error::MissingTimestamp => ErrorCode::MissingTimestamp,
            Error::MalformedTimestamp { .. } => ErrorCode::MalformedTimestamp,
            Error::StaleTimestamp { .. } => ErrorCode::StaleTimestamp,
            Error::FutureTimestamp { .. } => ErrorCode::FutureTimestamp,
            Error::SignatureMismatch => ErrorCode::SignatureMismatch,
        }
    }

    /// Whether a host should raise its wrong-type class (`TypeError` in Python and Node,
    /// `TypeError` in Ruby) rather than its value-error class: a value of the wrong type was
    /// given somewhere in a structured input.
    pub const fn is_wrong_type(&self) -> bool {
        matches!(
            self,
            Error::InvalidWidgetRequest {
                problem: InputProblem::WrongType,
                ..
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_well_formed() {
        crate::code_table::assert_table_is_well_formed::<ErrorCode>();
        assert!(
            ErrorCode::ALL
                .iter()
                .all(|c| (1..100).contains(&c.number()))
        );
    }

    #[test]
    fn batch_error_names_the_position_and_shares_the_code() {
        let err = Error::EmptyIdentifierInBatch { index: 7 };
        assert_eq!(err.code(), ErrorCode::EmptyIdentifier);
        assert!(err.to_string().starts_with("identifiers[7]"));
    }

    #[test]
    fn codes_round_trip_through_their_strings() {
        for &code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
        }
        assert_eq!(ErrorCode::from_code("output_length"), None);
    }
}
