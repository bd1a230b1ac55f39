//! [`diagnose_webhook`]: why does this webhook signature not verify?

use super::finding::WebhookFindingCode;
use super::headers::{self, SIGNATURE_PREFIX, WebhookHeaders, trim_ows};
use super::json;
use crate::code_table::findings_of;
use crate::identifier_hash::digests_match;
use crate::{Error, Signer};

/// What [`diagnose_webhook`] found out about a webhook's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDiagnosis {
    /// Whether [`WebhookVerifier::verify`](crate::WebhookVerifier::verify) accepts the signature
    /// and timestamp as they are, leaving the age check aside (the diagnosis takes no `now`).
    pub verified: bool,
    /// Every known mistake that explains the signature, in [`WebhookFindingCode::ALL`] order.
    /// Empty when `verified`, except for
    /// [`TimestampInMilliseconds`](WebhookFindingCode::TimestampInMilliseconds), which is about
    /// the age check: such a timestamp is decades in the future.
    pub findings: Vec<WebhookFinding>,
}

/// One reason a webhook signature does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebhookFinding {
    /// Stable code, shared by every binding.
    pub code: WebhookFindingCode,
    /// The code's fixed sentence ([`WebhookFindingCode::summary`]); never holds an input.
    pub message: &'static str,
}

findings_of!(WebhookDiagnosis, WebhookFinding, WebhookFindingCode);

/// Unix time in seconds stays below this until the year 5138; Unix time in milliseconds has
/// been above it since 1973.
const MILLISECONDS_FROM: u64 = 100_000_000_000;

/// Explains why a webhook's signature does, or does not, verify with `secret`.
///
/// `signature` and `timestamp` are the header values as received (`""` when absent);
/// `identity_hmac_token` is the inbox's identity-validation `hmac_token`, if the caller wants
/// it tried as the key. The diagnosis recomputes the signature the way each known mistake would
/// and names those that reproduce it: the body signed alone; the body parsed and serialized
/// again (ActiveSupport's `\u003c` escapes undone or added, keys sorted, whitespace changed, in
/// the styles of JavaScript, Python, PHP, Ruby and Go); the hex in uppercase; the `sha256=`
/// prefix missing or doubled; the timestamp in milliseconds; the `hmac_token` used as the key;
/// a trailing newline on the secret. A well-formed signature that none reproduces is
/// [`WebhookFindingCode::UnknownSecret`]. Messages never contain the secret or the signature.
///
/// A re-serialization is found when the signed bytes can be rebuilt from the body given: a
/// receiver that undid escapes or changed whitespace is found, and so is a sender that signed
/// its keys sorted; a receiver that sorted the keys is not, because the order Chatwoot wrote
/// them in is gone (it shows as `unknown_secret`, like any other changed body).
///
/// Each attempt is one HMAC over the body, and there are a few dozen (about half a second for a
/// 1 MiB body that nothing reproduces), so this is for a person looking at a failed request.
/// Do not run it on every rejected request from the internet: whoever sends the body chooses
/// what it costs. Log the error code instead, and diagnose when debugging or behind a limit.
///
/// ```
/// use chatwoot_identity::{WebhookFindingCode, diagnose_webhook, sign_webhook};
///
/// // Chatwoot's body, and what a receiver that parsed and re-serialized it passes instead:
/// let sent = br#"{"content":"\u003cb\u003ehi\u003c/b\u003e"}"#;
/// let reserialized = br#"{"content":"<b>hi</b>"}"#;
/// let headers = sign_webhook("webhook-secret", sent, 1_700_000_000)?;
/// let diagnosis = diagnose_webhook(
///     "webhook-secret", reserialized, &headers.signature, &headers.timestamp, None,
/// )?;
/// assert!(!diagnosis.verified);
/// assert!(diagnosis.has(WebhookFindingCode::BodyEscapesChanged));
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
///
/// # Errors
/// [`Error::EmptyWebhookSecret`]: there is nothing to compare against.
pub fn diagnose_webhook(
    secret: impl AsRef<[u8]>,
    body: impl AsRef<[u8]>,
    signature: impl AsRef<[u8]>,
    timestamp: impl AsRef<[u8]>,
    identity_hmac_token: Option<&[u8]>,
) -> Result<WebhookDiagnosis, Error> {
    let (secret, body) = (secret.as_ref(), body.as_ref());
    let signer = Signer::new(secret).map_err(|_| Error::EmptyWebhookSecret)?;
    let mut codes = Vec::new();
    let signature = read_signature(signature.as_ref(), &mut codes);
    let timestamp = read_timestamp(timestamp.as_ref(), &mut codes);
    let mut verified = false;
    if let Some(digest) = signature {
        let keys = keys(signer, secret, identity_hmac_token);
        match reproduce(&keys, body, &timestamp, &digest) {
            Some(found) => {
                // The secret over timestamp.body, with nothing amiss in how the headers read.
                verified = found == [None, None]
                    && codes
                        .iter()
                        .all(|c| *c == WebhookFindingCode::TimestampInMilliseconds);
                codes.extend(found.into_iter().flatten());
            }
            // With no timestamp only the body alone could be tried: that is not "unknown".
            None if !matches!(timestamp, Timestamp::Missing) => {
                codes.push(WebhookFindingCode::UnknownSecret);
            }
            None => {}
        }
    }
    codes.sort_unstable();
    codes.dedup();
    Ok(WebhookDiagnosis {
        verified,
        findings: codes.into_iter().map(WebhookFinding::from).collect(),
    })
}

/// [`diagnose_webhook`] from a request's headers, gathered by [`WebhookHeaders::from_pairs`]
/// the way [`WebhookVerifier::verify_headers`](crate::WebhookVerifier::verify_headers) reads
/// them: a signed header sent more than once is
/// [`RepeatedHeader`](WebhookFindingCode::RepeatedHeader) (not "missing"), and never verifies.
///
/// ```
/// use chatwoot_identity::{WebhookFindingCode, WebhookHeaders, diagnose_webhook_headers};
///
/// let headers = WebhookHeaders::from_pairs([
///     ("X-Chatwoot-Timestamp", "1700000000"),
///     ("X-Chatwoot-Signature", "sha256=00"),
///     ("x-chatwoot-signature", "sha256=11"),
/// ]);
/// let diagnosis = diagnose_webhook_headers("webhook-secret", b"{}", &headers, None)?;
/// assert!(diagnosis.has(WebhookFindingCode::RepeatedHeader));
/// assert!(!diagnosis.has(WebhookFindingCode::MissingSignature));
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
///
/// # Errors
/// [`Error::EmptyWebhookSecret`].
pub fn diagnose_webhook_headers(
    secret: impl AsRef<[u8]>,
    body: impl AsRef<[u8]>,
    headers: &WebhookHeaders,
    identity_hmac_token: Option<&[u8]>,
) -> Result<WebhookDiagnosis, Error> {
    let mut diagnosis = diagnose_webhook(
        secret,
        body,
        headers.signature().unwrap_or_default(),
        headers.timestamp().unwrap_or_default(),
        identity_hmac_token,
    )?;
    let repeated = [
        (
            headers.signature_repeated(),
            WebhookFindingCode::MissingSignature,
        ),
        (
            headers.timestamp_repeated(),
            WebhookFindingCode::MissingTimestamp,
        ),
    ];
    if repeated.iter().any(|(is_repeated, _)| *is_repeated) {
        for (is_repeated, read_as) in repeated {
            if is_repeated {
                diagnosis.findings.retain(|finding| finding.code != read_as);
            }
        }
        diagnosis
            .findings
            .push(WebhookFindingCode::RepeatedHeader.into());
        diagnosis
            .findings
            .sort_unstable_by_key(|finding| finding.code);
        diagnosis.verified = false;
    }
    Ok(diagnosis)
}

/// The digest the signature carries, read leniently: the format mistakes it shows are pushed
/// onto `codes`, and `None` means no digest can be read at all.
fn read_signature(value: &[u8], codes: &mut Vec<WebhookFindingCode>) -> Option<[u8; 32]> {
    let signature = value.trim_ascii();
    if signature.is_empty() {
        codes.push(WebhookFindingCode::MissingSignature);
        return None;
    }
    if signature.len() != trim_ows(value).len() {
        codes.push(WebhookFindingCode::SignatureWhitespace);
    }
    let hex = if let Some(rest) = signature.strip_prefix(SIGNATURE_PREFIX) {
        match rest.strip_prefix(SIGNATURE_PREFIX) {
            Some(rest) => {
                codes.push(WebhookFindingCode::PrefixDoubled);
                rest
            }
            None => rest,
        }
    } else {
        if signature.len() == 64 && signature.iter().all(u8::is_ascii_hexdigit) {
            codes.push(WebhookFindingCode::PrefixMissing);
        }
        signature
    };
    let mut digest = [0u8; 32];
    if hex.len() != 64 || hex::decode_to_slice(hex, &mut digest).is_err() {
        codes.retain(|c| *c == WebhookFindingCode::SignatureWhitespace);
        codes.push(WebhookFindingCode::MalformedSignature);
        return None;
    }
    if hex.iter().any(u8::is_ascii_uppercase) {
        codes.push(WebhookFindingCode::UppercaseHex);
    }
    Some(digest)
}

enum Timestamp<'a> {
    Missing,
    /// Text that was perhaps signed as it is.
    Text(&'a [u8]),
}

fn read_timestamp<'a>(value: &'a [u8], codes: &mut Vec<WebhookFindingCode>) -> Timestamp<'a> {
    let text = trim_ows(value);
    let trimmed = value.trim_ascii();
    if !trimmed.is_empty() && trimmed.len() != text.len() {
        // Chatwoot signed the digits: read them without the line break, which alone is wrong.
        codes.push(WebhookFindingCode::TimestampWhitespace);
        return read_timestamp(trimmed, codes);
    }
    match headers::parse_timestamp(value) {
        Err(Error::MissingTimestamp) => {
            codes.push(WebhookFindingCode::MissingTimestamp);
            Timestamp::Missing
        }
        Err(_) => {
            codes.push(WebhookFindingCode::MalformedTimestamp);
            Timestamp::Text(text)
        }
        Ok((seconds, _)) => {
            if seconds >= MILLISECONDS_FROM {
                codes.push(WebhookFindingCode::TimestampInMilliseconds);
            }
            Timestamp::Text(text)
        }
    }
}

/// The keys to try, each with the finding it stands for: the secret as given first.
fn keys(
    signer: Signer,
    secret: &[u8],
    identity_hmac_token: Option<&[u8]>,
) -> Vec<(Signer, Option<WebhookFindingCode>)> {
    let mut keys = vec![(signer, None)];
    let mut tried: Vec<Vec<u8>> = vec![secret.to_vec()];
    let mut add = |key: Vec<u8>, code| {
        if key.is_empty() || tried.contains(&key) {
            return;
        }
        let signer = Signer::new(&key).expect("not empty");
        tried.push(key);
        keys.push((signer, Some(code)));
    };
    if let Some(token) = identity_hmac_token {
        add(token.to_vec(), WebhookFindingCode::IdentityHmacToken);
    }
    for variant in [
        secret.trim_ascii().to_vec(),
        secret.trim_ascii_end().to_vec(),
        [secret, b"\n"].concat(),
        [secret, b"\r\n"].concat(),
    ] {
        add(variant, WebhookFindingCode::SecretWhitespace);
    }
    keys
}

/// The first (key, message) mistake that reproduces `digest`, as the findings it stands for
/// (`[None, None]` is the right key over the right message). Distinct keys and messages give
/// distinct digests, so the first match is the only one.
fn reproduce(
    keys: &[(Signer, Option<WebhookFindingCode>)],
    body: &[u8],
    timestamp: &Timestamp<'_>,
    digest: &[u8; 32],
) -> Option<[Option<WebhookFindingCode>; 2]> {
    let try_message = |parts: &[&[u8]], code: Option<WebhookFindingCode>| {
        keys.iter()
            .find(|(signer, _)| digests_match(&signer.digest_parts(parts), digest))
            .map(|(_, key_code)| [*key_code, code])
    };
    let Timestamp::Text(ts) = *timestamp else {
        return try_message(&[body], Some(WebhookFindingCode::SignedBodyAlone));
    };
    if let Some(found) = try_message(&[ts, b".", body], None) {
        return Some(found);
    }
    if let Some(found) = try_message(&[body], Some(WebhookFindingCode::SignedBodyAlone)) {
        return Some(found);
    }
    if let Ok((seconds, _)) = headers::parse_timestamp(ts) {
        if seconds < MILLISECONDS_FROM {
            let milliseconds = (seconds * 1000).to_string();
            let code = Some(WebhookFindingCode::TimestampInMilliseconds);
            if let Some(found) = try_message(&[milliseconds.as_bytes(), b".", body], code) {
                return Some(found);
            }
        }
    }
    let value = json::parse(body)?;
    let code = Some(WebhookFindingCode::BodyEscapesChanged);
    for add in [true, false] {
        if let Some(changed) = json::with_html_escapes(body, add) {
            if let Some(found) = try_message(&[ts, b".", &changed], code) {
                return Some(found);
            }
        }
    }
    let code = Some(WebhookFindingCode::BodyReserialized);
    json::styles().find_map(|style| {
        let rendered = json::render(&value, style);
        if rendered == body {
            return None;
        }
        try_message(&[ts, b".", &rendered], code)
    })
}

#[cfg(test)]
mod tests;
