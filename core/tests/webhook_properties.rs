//! Properties of webhook verification over arbitrary secrets, bodies, timestamps and headers.

use chatwoot_identity::{
    WebhookHeaders, WebhookVerifier, diagnose_webhook, sign_webhook, verify_webhook,
};
use hmac::{Hmac, KeyInit, Mac};
use proptest::prelude::*;
use sha2::Sha256;

/// Chatwoot's expression, joined the textbook way.
fn reference(secret: &[u8], timestamp: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    mac.update(&[timestamp.as_bytes(), b".", body].concat());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn secret() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 1..100)
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        "[ -~]{0,300}".prop_map(String::into_bytes),
        "\\PC{0,100}".prop_map(String::into_bytes),
    ]
}

/// A header name in a random mix of cases.
fn cased(name: &str, mask: u64) -> String {
    name.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask >> (i % 64) & 1 == 1 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_signed_webhook_verifies_within_the_tolerance(
        secret in secret(),
        body in body(),
        timestamp in 0u64..1_000_000_000_000_000_000,
        offset in -300i64..=300,
    ) {
        let signed = sign_webhook(&secret, &body, timestamp).unwrap();
        prop_assert_eq!(&signed.signature, &reference(&secret, &signed.timestamp, &body));
        let now = timestamp.saturating_add_signed(offset);
        let webhook = verify_webhook(&secret, &body, &signed.signature, &signed.timestamp, now).unwrap();
        prop_assert_eq!(webhook.timestamp, timestamp);
        prop_assert_eq!(webhook.age, now as i64 - timestamp as i64);
    }

    #[test]
    fn verify_accepts_exactly_the_reference_signature(
        secret in secret(),
        body in body(),
        timestamp in "[0-9]{1,12}",
        candidate in prop_oneof![
            "sha256=[0-9a-f]{64}",
            proptest::collection::vec(any::<u8>(), 0..90).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        ],
        use_reference in any::<bool>(),
    ) {
        let right = reference(&secret, &timestamp, &body);
        let candidate = if use_reference { right.clone() } else { candidate };
        let verifier = WebhookVerifier::new(&secret).unwrap().without_age_check();
        let ok = verifier.verify(&body, &candidate, &timestamp, 0).is_ok();
        let trimmed = candidate.trim_matches([' ', '\t']);
        prop_assert_eq!(ok, trimmed == right);
    }

    #[test]
    fn any_change_to_body_timestamp_or_signature_fails(
        secret in secret(),
        body in proptest::collection::vec(any::<u8>(), 1..300),
        timestamp in 1_000_000_000u64..2_000_000_000,
        position in any::<prop::sample::Index>(),
        flip in 1u8..=255,
        what in 0..3,
    ) {
        let signed = sign_webhook(&secret, &body, timestamp).unwrap();
        let verifier = WebhookVerifier::new(&secret).unwrap();
        let (mut body, mut signature, mut ts) = (body, signed.signature.clone(), timestamp);
        match what {
            0 => { let i = position.index(body.len()); body[i] ^= flip; }
            1 => {
                let mut bytes = signature.into_bytes();
                let i = 7 + position.index(64);
                let replacement = b"0123456789abcdef"[usize::from(flip) % 16];
                prop_assume!(bytes[i] != replacement);
                bytes[i] = replacement;
                signature = String::from_utf8(bytes).unwrap();
            }
            _ => ts += u64::from(flip),
        }
        let result = verifier.verify(&body, &signature, ts.to_string(), timestamp);
        prop_assert_eq!(result.unwrap_err().code().as_str(), "signature_mismatch");
    }

    #[test]
    fn header_lists_in_any_order_and_case_agree_with_the_two_values(
        secret in secret(),
        body in body(),
        timestamp in 1_000_000_000u64..2_000_000_000,
        masks in any::<[u64; 3]>(),
        others in proptest::collection::vec(("[A-Za-z-]{1,20}", "[ -~]{0,40}"), 0..6),
        rotate in any::<prop::sample::Index>(),
        cgi in any::<bool>(),
    ) {
        let signed = sign_webhook(&secret, &body, timestamp).unwrap();
        let mut pairs: Vec<(String, String)> = others
            .into_iter()
            .filter(|(name, _)| !name.to_ascii_lowercase().starts_with("x-chatwoot"))
            .collect();
        for ((name, value), mask) in signed.headers().into_iter().zip(masks) {
            let name = if cgi {
                format!("HTTP_{}", name.to_ascii_uppercase().replace('-', "_"))
            } else {
                cased(name, mask)
            };
            pairs.push((name, value.to_owned()));
        }
        let by = rotate.index(pairs.len());
        pairs.rotate_left(by);
        let verifier = WebhookVerifier::new(&secret).unwrap();
        let from_list = verifier
            .verify_headers(&body, &WebhookHeaders::from_pairs(pairs), timestamp)
            .unwrap();
        let from_values = verifier.verify(&body, &signed.signature, &signed.timestamp, timestamp).unwrap();
        prop_assert_eq!(from_list.delivery_id.as_deref(), Some(signed.delivery_id.as_str()));
        prop_assert_eq!((from_list.timestamp, from_list.age), (from_values.timestamp, from_values.age));
    }

    #[test]
    fn diagnose_never_panics_agrees_with_verify_and_quotes_nothing(
        secret in "[a-zA-Z0-9]{12,30}",
        body in prop_oneof![
            body(),
            // JSON, so the re-serializations run too.
            proptest::collection::btree_map("[a-z<>&é]{0,6}", "[ -~é😀<>&]{0,12}", 0..5)
                .prop_map(|m| serde_json::to_vec(&m).unwrap()),
        ],
        signature in prop_oneof![
            "sha256=[0-9a-fA-F]{64}",
            "[0-9a-f]{64}",
            "[ -~\n]{0,80}",
        ],
        timestamp in prop_oneof!["[0-9]{1,14}", "[ -~]{0,20}"],
        token in proptest::option::of("[a-zA-Z0-9]{24}"),
    ) {
        let diagnosis = diagnose_webhook(
            &secret, &body, &signature, &timestamp, token.as_deref().map(str::as_bytes),
        ).unwrap();
        let verified = WebhookVerifier::new(&secret)
            .unwrap()
            .without_age_check()
            .verify(&body, &signature, &timestamp, 0)
            .is_ok();
        prop_assert_eq!(diagnosis.verified, verified);
        for finding in &diagnosis.findings {
            prop_assert_eq!(finding.message, finding.code.summary());
        }
        if !diagnosis.verified {
            prop_assert!(!diagnosis.findings.is_empty(), "an unverified signature is explained");
        }
    }
}
