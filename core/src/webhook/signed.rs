//! What a request was signed with, in either form a host passes it, and the one place that
//! hands each form to the verifier or the diagnosis.

use super::{
    VerifiedWebhook, WebhookDiagnosis, WebhookHeaders, WebhookVerifier, diagnose_webhook,
    diagnose_webhook_headers,
};
use crate::Error;

/// The signed headers of one request, as the caller has them: the two values, or the
/// request's whole header list for the core to pick them out of. Every binding reads its
/// arguments into one of these and calls [`verify`](Self::verify) or
/// [`diagnose`](Self::diagnose), so both forms are checked by the same rule everywhere.
///
/// `B` is however the host holds a value's bytes (a borrowed slice, a host string's buffer).
///
/// ```
/// use chatwoot_identity::{SignedHeaders, WebhookHeaders, WebhookVerifier};
///
/// let verifier = WebhookVerifier::new("webhook-secret")?;
/// let sent = verifier.sign(b"{}", 1_700_000_000)?;
/// let values = SignedHeaders::Values {
///     signature: sent.signature.as_bytes(),
///     timestamp: sent.timestamp.as_bytes(),
/// };
/// let pairs = [("X-Chatwoot-Signature", &sent.signature), ("X-Chatwoot-Timestamp", &sent.timestamp)];
/// let headers = SignedHeaders::<&[u8]>::Headers(WebhookHeaders::from_pairs(pairs));
/// assert!(values.verify(&verifier, b"{}", 1_700_000_000).is_ok());
/// assert!(headers.verify(&verifier, b"{}", 1_700_000_000).is_ok());
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
#[derive(Clone)]
pub enum SignedHeaders<B> {
    /// `X-Chatwoot-Signature` and `X-Chatwoot-Timestamp` as received; an empty value is an
    /// absent header.
    Values {
        /// The signature header's value.
        signature: B,
        /// The timestamp header's value.
        timestamp: B,
    },
    /// The request's headers; a signed header sent twice is malformed.
    Headers(WebhookHeaders),
}

impl<B: AsRef<[u8]>> SignedHeaders<B> {
    /// [`WebhookVerifier::verify`] or [`WebhookVerifier::verify_headers`], by the form.
    ///
    /// # Errors
    /// As those two.
    #[inline]
    pub fn verify(
        &self,
        verifier: &WebhookVerifier,
        body: impl AsRef<[u8]>,
        now: u64,
    ) -> Result<VerifiedWebhook, Error> {
        match self {
            SignedHeaders::Values {
                signature,
                timestamp,
            } => verifier.verify(body, signature, timestamp, now),
            SignedHeaders::Headers(headers) => verifier.verify_headers(body, headers, now),
        }
    }

    /// [`diagnose_webhook`] or [`diagnose_webhook_headers`], by the form.
    ///
    /// # Errors
    /// [`Error::EmptyWebhookSecret`].
    pub fn diagnose(
        &self,
        secret: impl AsRef<[u8]>,
        body: impl AsRef<[u8]>,
        identity_hmac_token: Option<&[u8]>,
    ) -> Result<WebhookDiagnosis, Error> {
        match self {
            SignedHeaders::Values {
                signature,
                timestamp,
            } => diagnose_webhook(secret, body, signature, timestamp, identity_hmac_token),
            SignedHeaders::Headers(headers) => {
                diagnose_webhook_headers(secret, body, headers, identity_hmac_token)
            }
        }
    }
}

impl<B> core::fmt::Debug for SignedHeaders<B> {
    /// Never the signature: only which form it is.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            SignedHeaders::Values { .. } => f.write_str("SignedHeaders::Values(<redacted>)"),
            SignedHeaders::Headers(headers) => f
                .debug_tuple("SignedHeaders::Headers")
                .field(headers)
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SignedHeaders;
    use crate::{Error, WebhookFindingCode, WebhookHeaders, WebhookVerifier};

    const NOW: u64 = 1_700_000_000;

    fn both_forms(signature: &str, timestamp: &str) -> [SignedHeaders<Vec<u8>>; 2] {
        let pairs = [
            ("x-chatwoot-signature", signature),
            ("x-chatwoot-timestamp", timestamp),
        ];
        [
            SignedHeaders::Values {
                signature: signature.into(),
                timestamp: timestamp.into(),
            },
            SignedHeaders::Headers(WebhookHeaders::from_pairs(pairs)),
        ]
    }

    #[test]
    fn both_forms_verify_and_refuse_alike() {
        let verifier = WebhookVerifier::new("secret").unwrap();
        let sent = verifier.sign(b"{}", NOW).unwrap();
        for signed in both_forms(&sent.signature, &sent.timestamp) {
            assert_eq!(signed.verify(&verifier, b"{}", NOW).unwrap().timestamp, NOW);
            assert_eq!(
                signed.verify(&verifier, b"{ }", NOW).unwrap_err(),
                Error::SignatureMismatch
            );
            let diagnosis = signed.diagnose("secret", b"{}", None).unwrap();
            assert!(diagnosis.verified, "{signed:?}");
        }
        for signed in both_forms("", &sent.timestamp) {
            assert_eq!(
                signed.verify(&verifier, b"{}", NOW).unwrap_err(),
                Error::MissingSignature
            );
            let diagnosis = signed.diagnose("secret", b"{}", None).unwrap();
            assert!(diagnosis.has(WebhookFindingCode::MissingSignature));
        }
    }

    #[test]
    fn only_the_header_list_can_repeat_a_header() {
        let verifier = WebhookVerifier::new("secret").unwrap();
        let sent = verifier.sign(b"{}", NOW).unwrap();
        let headers = WebhookHeaders::from_pairs([
            ("x-chatwoot-signature", sent.signature.as_str()),
            ("x-chatwoot-signature", sent.signature.as_str()),
            ("x-chatwoot-timestamp", sent.timestamp.as_str()),
        ]);
        let signed = SignedHeaders::<&[u8]>::Headers(headers);
        assert!(matches!(
            signed.verify(&verifier, b"{}", NOW),
            Err(Error::MalformedSignature { .. })
        ));
        let diagnosis = signed.diagnose("secret", b"{}", None).unwrap();
        assert!(diagnosis.has(WebhookFindingCode::RepeatedHeader));
    }

    #[test]
    fn debug_never_shows_the_signature() {
        let [values, headers] = both_forms(&"ab".repeat(32), "1700000000");
        for shown in [format!("{values:?}"), format!("{headers:?}")] {
            assert!(!shown.contains("abab"), "{shown}");
        }
    }
}
