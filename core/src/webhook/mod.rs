//! Signed webhooks: verify that a request came from Chatwoot, sign one for tests, and explain
//! a signature that does not verify.
//!
//! Chatwoot signs each send of a webhook that has a secret (account webhooks, agent bots, API
//! inboxes; automation-rule and macro webhooks are unsigned) with three headers:
//!
//! - [`TIMESTAMP_HEADER`] `X-Chatwoot-Timestamp`: Unix time in seconds, taken at each send, so a
//!   retry is signed afresh;
//! - [`SIGNATURE_HEADER`] `X-Chatwoot-Signature`: `sha256=` and the lowercase hex
//!   HMAC-SHA256, keyed with the webhook's secret, of the timestamp, a `.` and the request body
//!   exactly as sent; in Ruby,
//!   `"sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, "#{ts}.#{body}")}"`;
//! - [`DELIVERY_HEADER`] `X-Chatwoot-Delivery`: the delivery's UUID, reused by its retries and
//!   *not* signed.
//!
//! The body is `payload.to_json` with ActiveSupport's encoder, which writes `<`, `>` and `&` as
//! `\u003c`, `\u003e` and `\u0026`: a receiver that parses the JSON and serializes it again
//! cannot reproduce the bytes. Verify the raw body.

mod diagnose;
mod finding;
mod headers;
mod json;
mod signed;

pub use diagnose::{WebhookDiagnosis, WebhookFinding, diagnose_webhook, diagnose_webhook_headers};
pub use finding::WebhookFindingCode;
pub use headers::{
    DELIVERY_HEADER, MAX_TIMESTAMP_DIGITS, SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookHeaders,
};
pub use signed::SignedHeaders;

use core::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::Error;
use crate::identifier_hash::digests_match;
use crate::signer::KeyedHmac;

/// The default [`Tolerance`]: five minutes either way, as Chatwoot's documentation advises.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// How far a webhook's timestamp may be from `now`.
///
/// The check is `|now - timestamp| <= seconds`, both ways: a timestamp ahead of `now` is a
/// clock difference, and it is refused beyond the same margin. `Seconds(0)` accepts only the
/// very second of `now`; it never turns the check off. Turning it off takes
/// [`Tolerance::Unchecked`] (or [`WebhookVerifier::without_age_check`]), which leaves a
/// captured request replayable forever: use it only to check signatures of stored requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tolerance {
    /// At most this many seconds between the timestamp and `now`, either way.
    Seconds(u64),
    /// No age check: only the signature is verified.
    Unchecked,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance::Seconds(DEFAULT_TOLERANCE_SECONDS)
    }
}

/// The current Unix time in seconds from the system clock, for the `now` of
/// [`WebhookVerifier::verify`] (0 if the clock is set before 1970).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// A webhook that passed [`WebhookVerifier::verify`]: Chatwoot signed this body at `timestamp`,
/// and that is within the tolerance of `now`.
///
/// # Replay defence
///
/// A signature proves who sent a request, not that it is the first time it arrives: anyone who
/// captured a signed request (a log, a proxy) can send it again while its timestamp is within
/// the tolerance. To refuse that, remember every accepted request for as long as the tolerance
/// window lasts and refuse one seen before: a set with expiry, such as Redis
/// `SET key 1 NX EX 600` (twice the tolerance, since the window reaches both ways), where a
/// `nil` answer means "seen before: answer 200 and do nothing".
///
/// Key that set on [`replay_key`](Self::replay_key), the signature, which is unique per
/// timestamp and body. Do not key replay defence on `delivery_id`: `X-Chatwoot-Delivery` is not
/// signed, so a replay can carry any new value. The delivery id is the key for the other job,
/// processing each delivery once: Chatwoot retries a delivery (with a fresh timestamp and
/// signature, the same delivery id) when it got no 2xx answer within its 5-second timeout, so a
/// slow receiver sees the same delivery twice, both correctly signed.
///
/// ```
/// use chatwoot_identity::{WebhookVerifier, sign_webhook};
/// use std::collections::HashMap;
///
/// let secret = "webhook-secret-from-chatwoot";
/// let verifier = WebhookVerifier::new(secret)?;
/// let body = br#"{"event":"message_created"}"#;
/// let sent = sign_webhook(secret, body, 1_700_000_000)?;
///
/// // In production, Redis `SET NX EX`; here a map from replay key to expiry.
/// let mut seen: HashMap<String, u64> = HashMap::new();
/// let mut receive = |now: u64| -> Result<bool, chatwoot_identity::Error> {
///     let webhook = verifier.verify(body, &sent.signature, &sent.timestamp, now)?;
///     seen.retain(|_, expires| *expires > now);
///     let first_time = seen
///         .insert(webhook.replay_key().to_owned(), now + 2 * 300)
///         .is_none();
///     Ok(first_time)
/// };
/// assert!(receive(1_700_000_003)?, "processed");
/// assert!(!receive(1_700_000_009)?, "the same request again: acknowledged, not processed");
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedWebhook {
    /// When Chatwoot signed the request, in Unix seconds.
    pub timestamp: u64,
    /// `now - timestamp` in seconds; negative when the timestamp is ahead of `now` (within the
    /// tolerance).
    pub age: i64,
    /// `X-Chatwoot-Delivery` when the headers had it (unsigned: see the replay defence above).
    pub delivery_id: Option<String>,
    signature_hex: [u8; 64],
}

impl VerifiedWebhook {
    /// The key to remember this request by for replay defence: the 64 hex characters of its
    /// signature, unique per timestamp and body. Treat it like the request itself: it is the
    /// value an attacker would need to replay the request, so keep it out of logs.
    pub fn replay_key(&self) -> &str {
        core::str::from_utf8(&self.signature_hex).expect("checked to be lowercase hex")
    }
}

impl fmt::Debug for VerifiedWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedWebhook")
            .field("timestamp", &self.timestamp)
            .field("age", &self.age)
            .field("delivery_id", &self.delivery_id)
            .field("replay_key", &"<redacted>")
            .finish()
    }
}

/// A webhook secret prepared for verifying Chatwoot's signed webhooks.
///
/// The acceptance rule, the same in every binding:
///
/// 1. `X-Chatwoot-Signature`, without the spaces and tabs HTTP allows around a field value, is
///    exactly `sha256=` and 64 lowercase hex characters. Anything else (no prefix, uppercase
///    hex, a line break, two values) is [`Error::MalformedSignature`]; an empty or absent
///    header is [`Error::MissingSignature`].
/// 2. `X-Chatwoot-Timestamp`, trimmed the same way, is 1 to 18 ASCII digits: Unix seconds, no
///    sign, no fraction ([`Error::MalformedTimestamp`], [`Error::MissingTimestamp`]).
/// 3. The HMAC-SHA256 of those timestamp digits exactly as received, `.`, and the body bytes
///    (fed to the MAC one after another: the body is never copied) equals the signature,
///    compared in constant time ([`Error::SignatureMismatch`]).
/// 4. Only then the age: `|now - timestamp| <= tolerance` ([`Error::StaleTimestamp`],
///    [`Error::FutureTimestamp`]). Checking the signature first means an age error is only
///    ever reported for a request Chatwoot really signed, so "stale" points at a clock or a
///    replay, never at a forgery.
///
/// The HMAC key states are prepared once, and wiped from memory on drop; `Debug` never shows
/// them. `Clone + Send + Sync`: share one per webhook across threads.
///
/// ```
/// use chatwoot_identity::{WebhookVerifier, sign_webhook};
///
/// let verifier = WebhookVerifier::new("webhook-secret-from-chatwoot")?;
/// let body = br#"{"event":"message_created","content":"</script>"}"#;
/// let sent = sign_webhook("webhook-secret-from-chatwoot", body, 1_700_000_000)?;
/// let webhook = verifier.verify(body, &sent.signature, &sent.timestamp, 1_700_000_042)?;
/// assert_eq!((webhook.timestamp, webhook.age), (1_700_000_000, 42));
///
/// let late = verifier.verify(body, &sent.signature, &sent.timestamp, 1_700_000_301);
/// assert_eq!(late.unwrap_err().code().as_str(), "stale_timestamp");
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
#[derive(Clone)]
pub struct WebhookVerifier {
    keyed: KeyedHmac,
    tolerance: Tolerance,
}

impl WebhookVerifier {
    /// Prepares the webhook's `secret` (Chatwoot: the webhook's, agent bot's or API inbox's
    /// secret, not the inbox's identity-validation `hmac_token`), with the default tolerance of
    /// [`DEFAULT_TOLERANCE_SECONDS`].
    ///
    /// # Errors
    /// [`Error::EmptyWebhookSecret`] when `secret` is empty.
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, Error> {
        let keyed = KeyedHmac::new(secret.as_ref()).map_err(|_| Error::EmptyWebhookSecret)?;
        Ok(WebhookVerifier {
            keyed,
            tolerance: Tolerance::default(),
        })
    }

    /// The same verifier with another tolerance in seconds. 0 accepts only timestamps equal to
    /// `now`; it does not turn the check off (that is [`without_age_check`](Self::without_age_check)).
    #[must_use]
    pub fn with_tolerance(mut self, seconds: u64) -> Self {
        self.tolerance = Tolerance::Seconds(seconds);
        self
    }

    /// The same verifier without the age check: only the signature is verified. A captured
    /// request then stays valid forever; use this only for stored requests.
    #[must_use]
    pub fn without_age_check(mut self) -> Self {
        self.tolerance = Tolerance::Unchecked;
        self
    }

    /// The tolerance this verifier applies.
    pub fn tolerance(&self) -> Tolerance {
        self.tolerance
    }

    /// Verifies a webhook from its raw body and the values of its two signed headers (pass `""`
    /// for a header that is absent). `now` is the current Unix time in seconds, usually
    /// [`unix_now()`](crate::unix_now); passing it makes the check testable.
    ///
    /// # Errors
    /// In the order the acceptance rule checks: [`Error::MissingSignature`],
    /// [`Error::MalformedSignature`], [`Error::MissingTimestamp`], [`Error::MalformedTimestamp`],
    /// [`Error::SignatureMismatch`], then [`Error::StaleTimestamp`] or
    /// [`Error::FutureTimestamp`].
    #[inline]
    pub fn verify(
        &self,
        body: impl AsRef<[u8]>,
        signature: impl AsRef<[u8]>,
        timestamp: impl AsRef<[u8]>,
        now: u64,
    ) -> Result<VerifiedWebhook, Error> {
        let signature = headers::parse_signature(signature.as_ref())?;
        let (seconds, digits) = headers::parse_timestamp(timestamp.as_ref())?;
        self.check(body.as_ref(), &signature, seconds, digits, now, None)
    }

    /// Verifies a webhook from its raw body and its headers (see [`WebhookHeaders`]); the result
    /// carries `X-Chatwoot-Delivery` when the headers had it.
    ///
    /// # Errors
    /// As [`verify`](Self::verify); a signed header sent twice is malformed.
    pub fn verify_headers(
        &self,
        body: impl AsRef<[u8]>,
        headers: &WebhookHeaders,
        now: u64,
    ) -> Result<VerifiedWebhook, Error> {
        let signature = headers.parsed_signature()?;
        let (seconds, digits) = headers.parsed_timestamp()?;
        self.check(
            body.as_ref(),
            &signature,
            seconds,
            digits,
            now,
            Some(headers),
        )
    }

    #[inline]
    fn check(
        &self,
        body: &[u8],
        signature: &headers::ParsedSignature,
        timestamp: u64,
        digits: &[u8],
        now: u64,
        headers: Option<&WebhookHeaders>,
    ) -> Result<VerifiedWebhook, Error> {
        let expected = self.keyed.digest_parts(&[digits, b".", body]);
        if !digests_match(&expected, &signature.digest) {
            return Err(Error::SignatureMismatch);
        }
        if let Tolerance::Seconds(tolerance) = self.tolerance {
            if timestamp < now && now - timestamp > tolerance {
                return Err(Error::StaleTimestamp {
                    age: now - timestamp,
                    tolerance,
                });
            }
            if timestamp > now && timestamp - now > tolerance {
                return Err(Error::FutureTimestamp {
                    ahead: timestamp - now,
                    tolerance,
                });
            }
        }
        let age = (i128::from(now) - i128::from(timestamp)).clamp(i64::MIN.into(), i64::MAX.into());
        Ok(VerifiedWebhook {
            timestamp,
            age: age as i64,
            delivery_id: headers.and_then(WebhookHeaders::take_delivery_id),
            signature_hex: signature.hex,
        })
    }

    /// The headers Chatwoot would send with `body` at `timestamp`, with a fresh random delivery
    /// id. See [`sign_webhook`].
    ///
    /// # Errors
    /// [`Error::MalformedTimestamp`] for a `timestamp` of more than [`MAX_TIMESTAMP_DIGITS`]
    /// digits, which no verifier would accept.
    pub fn sign(&self, body: impl AsRef<[u8]>, timestamp: u64) -> Result<SignedWebhook, Error> {
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(timestamp);
        if digits.len() > MAX_TIMESTAMP_DIGITS {
            return Err(Error::MalformedTimestamp {
                reason: "the timestamp to sign has more than 18 digits",
            });
        }
        let digest = self
            .keyed
            .digest_parts(&[digits.as_bytes(), b".", body.as_ref()]);
        let mut signature = String::with_capacity(SIGNATURE_HEADER_LEN);
        signature.push_str("sha256=");
        signature.push_str(&hex::encode(digest));
        Ok(SignedWebhook {
            signature,
            timestamp: digits.to_owned(),
            delivery_id: new_delivery_id(),
        })
    }
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("secret", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

const SIGNATURE_HEADER_LEN: usize = 7 + 64;

/// The three headers of a signed webhook, as Chatwoot would send them; made by
/// [`sign_webhook`] for an integrator's own tests.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignedWebhook {
    /// `X-Chatwoot-Signature`: `sha256=` and 64 lowercase hex characters.
    pub signature: String,
    /// `X-Chatwoot-Timestamp`: the Unix seconds, in decimal.
    pub timestamp: String,
    /// `X-Chatwoot-Delivery`: a random UUID (version 4). It is not signed, so a test that needs
    /// a fixed one may overwrite it.
    pub delivery_id: String,
}

impl SignedWebhook {
    /// The (name, value) pairs to send, in the order Chatwoot names them.
    pub fn headers(&self) -> [(&'static str, &str); 3] {
        [
            (TIMESTAMP_HEADER, &self.timestamp),
            (SIGNATURE_HEADER, &self.signature),
            (DELIVERY_HEADER, &self.delivery_id),
        ]
    }
}

/// Verifies one webhook with the default tolerance, preparing the secret on the spot; for a
/// stream of webhooks keep a [`WebhookVerifier`]. See it for the acceptance rule.
///
/// ```
/// let body = br#"{"event":"conversation_created"}"#;
/// let sent = chatwoot_identity::sign_webhook("webhook-secret", body, 1_700_000_000)?;
/// let webhook = chatwoot_identity::verify_webhook(
///     "webhook-secret", body, &sent.signature, &sent.timestamp, 1_700_000_001,
/// )?;
/// assert_eq!(webhook.age, 1);
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
///
/// # Errors
/// [`Error::EmptyWebhookSecret`], then as [`WebhookVerifier::verify`].
pub fn verify_webhook(
    secret: impl AsRef<[u8]>,
    body: impl AsRef<[u8]>,
    signature: impl AsRef<[u8]>,
    timestamp: impl AsRef<[u8]>,
    now: u64,
) -> Result<VerifiedWebhook, Error> {
    WebhookVerifier::new(secret)?.verify(body, signature, timestamp, now)
}

/// Signs `body` as Chatwoot would at `timestamp` (Unix seconds), for tests of a receiver:
/// the signature and timestamp headers, and a random UUID v4 as the delivery id.
///
/// # Errors
/// [`Error::EmptyWebhookSecret`] when `secret` is empty; [`Error::MalformedTimestamp`] for a
/// `timestamp` of more than [`MAX_TIMESTAMP_DIGITS`] digits.
pub fn sign_webhook(
    secret: impl AsRef<[u8]>,
    body: impl AsRef<[u8]>,
    timestamp: u64,
) -> Result<SignedWebhook, Error> {
    WebhookVerifier::new(secret)?.sign(body, timestamp)
}

/// A random UUID, version 4, variant 1 (RFC 9562), from the operating system's random source.
fn new_delivery_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests;
