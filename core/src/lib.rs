//! Compute, verify and explain Chatwoot identity-validation hashes.
//!
//! A site that embeds the Chatwoot widget proves who the logged-in user is by sending
//! `identifier_hash`: the lowercase hex HMAC-SHA256 of the user's identifier, keyed with the
//! inbox's HMAC secret. Chatwoot recomputes it from `identifier.to_s` and compares exactly.
//!
//! ```
//! let hash = chatwoot_identity::identifier_hash(
//!     "your-secret-token-for-hmac",
//!     "unique-identifier-of-the-user",
//! )?;
//! assert_eq!(hash, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c");
//! # Ok::<(), chatwoot_identity::Error>(())
//! ```
//!
//! For many hashes with one secret, prepare it once with [`Signer`]; to learn why a hash is
//! rejected, ask [`diagnose`]. To put the widget on a page with the user signed in, render
//! [`widget_script`], or hand [`set_user_payload`] to a single-page or React Native app. To
//! check that a webhook came from Chatwoot, use a [`WebhookVerifier`]; [`diagnose_webhook`]
//! names the mistake when a signature does not verify.
#![deny(missing_docs, unsafe_code)]

mod batch;
mod code_table;
mod diagnose;
mod error;
mod identifier_hash;
mod input;
mod integer_identifier;
mod one_block_hmac;
mod parameter;
mod pool;
mod signer;
mod text_value;
mod webhook;
mod widget;

pub use batch::{BATCH_ROUND_LEN, BatchError, CopiedIdentifiers};
pub use diagnose::{Diagnosis, Finding, FindingCode, diagnose};
pub use error::{Error, ErrorCode};
pub use identifier_hash::{HASH_HEX_LEN, IdentifierHash};
pub use input::{
    HostDeserializer, HostError, HostValue, InputProblem, Kind as HostKind, MAX_DEPTH, from_host,
    from_json,
};
pub use integer_identifier::IntegerIdentifier;
pub use parameter::Parameter;
pub use signer::Signer;
pub use webhook::{
    DEFAULT_TOLERANCE_SECONDS, DELIVERY_HEADER, MAX_TIMESTAMP_DIGITS, SIGNATURE_HEADER,
    SignedHeaders, SignedWebhook, TIMESTAMP_HEADER, Tolerance, VerifiedWebhook, WebhookDiagnosis,
    WebhookFinding, WebhookFindingCode, WebhookHeaders, WebhookVerifier, diagnose_webhook,
    diagnose_webhook_headers, sign_webhook, unix_now, verify_webhook,
};
pub use widget::{
    AttributeValue, DarkMode, FiniteNumber, PageCheck, PageProblem, PageProblemCode, PageUser,
    PageWidget, Position, UserPayload, WidgetConfig, WidgetRequest, WidgetSettings, WidgetStyle,
    WidgetType, WidgetUser, check_page_anonymous, check_page_identity, check_payload_identity,
    insert_widget, loader_config, read_page, reset_script, set_user_payload,
    set_user_payload_from_json, user_payload, widget_script, widget_script_from_json,
};

// Runs the README's Rust example as a doc test, so the README cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// The `identifier_hash` for one identifier, preparing the secret on the spot.
///
/// For more than one hash with the same secret, a [`Signer`] is about twice as fast.
///
/// # Errors
/// [`Error::EmptySecret`] or [`Error::EmptyIdentifier`].
pub fn identifier_hash(
    secret: impl AsRef<[u8]>,
    identifier: impl AsRef<[u8]>,
) -> Result<IdentifierHash, Error> {
    // The same checks, in the same order, as Signer::new and then Signer::identifier_hash.
    let secret = signer::check_secret(secret.as_ref())?;
    let identifier = signer::check_identifier(identifier.as_ref())?;
    // A Signer prepares the key twice (for the hmac crate and for the one-block path); a
    // single hash of a short identifier needs only the latter: four compressions in all.
    match one_block_hmac::PreparedKey::new(secret).digest_one_block(identifier) {
        Some(digest) => Ok(IdentifierHash::from_digest(&digest)),
        None => Signer::new(secret)?.identifier_hash(identifier),
    }
}

/// Whether Chatwoot would accept `candidate` as the `identifier_hash` of `identifier`.
///
/// Constant-time; any malformed candidate is `false`. See [`Signer::verify`].
///
/// ```
/// let ok = chatwoot_identity::verify(
///     "your-secret-token-for-hmac",
///     "unique-identifier-of-the-user",
///     "FA803C5EF0DC4056F15936CC79E6C9EB912FE55B5D7AFB9C0A14F3A1A491700C",
/// )?;
/// assert!(!ok, "Chatwoot compares exactly: uppercase hex is rejected");
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
///
/// # Errors
/// [`Error::EmptySecret`] or [`Error::EmptyIdentifier`].
pub fn verify(
    secret: impl AsRef<[u8]>,
    identifier: impl AsRef<[u8]>,
    candidate: impl AsRef<[u8]>,
) -> Result<bool, Error> {
    Ok(identifier_hash(secret, identifier)?.matches(candidate.as_ref()))
}
