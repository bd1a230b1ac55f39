//! Arbitrary headers, bodies, clocks and tolerances: verify never panics and accepts exactly
//! what the acceptance rule, written out again here, accepts; the header list agrees with it.
#![no_main]

mod received_webhook;

use arbitrary::Arbitrary;
use chatwoot_identity::{Error, WebhookHeaders, WebhookVerifier};
use chatwoot_identity_fuzz::{trim_ows, webhook_signature};
use libfuzzer_sys::fuzz_target;
use received_webhook::ReceivedWebhook;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    webhook: ReceivedWebhook<'a>,
    now: u64,
    tolerance: Option<u64>,
    /// Sometimes use the right signature for the timestamp, changing one byte or none.
    right_signature: Option<Option<(u8, u8)>>,
    /// Extra headers around the two, with names that may collide in case or CGI form.
    others: Vec<(&'a [u8], &'a [u8])>,
    /// Sometimes send a signed header twice in the list.
    repeat: Option<bool>,
}

/// The acceptance rule, independently: the error code, or the age.
fn rule(input: &Input, signature: &[u8], timestamp: &[u8]) -> Result<i64, &'static str> {
    let (sig, ts) = (trim_ows(signature), trim_ows(timestamp));
    if sig.is_empty() {
        return Err("missing_signature");
    }
    let well_formed = sig.len() == 71
        && sig.starts_with(b"sha256=")
        && sig[7..]
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
    if !well_formed {
        return Err("malformed_signature");
    }
    if ts.is_empty() {
        return Err("missing_timestamp");
    }
    if ts.len() > 18 || !ts.iter().all(u8::is_ascii_digit) {
        return Err("malformed_timestamp");
    }
    if sig != webhook_signature(input.webhook.secret, ts, input.webhook.body) {
        return Err("signature_mismatch");
    }
    let seconds: u64 = std::str::from_utf8(ts).unwrap().parse().unwrap();
    if let Some(tolerance) = input.tolerance
        && seconds.abs_diff(input.now) > tolerance
    {
        return Err(if seconds < input.now {
            "stale_timestamp"
        } else {
            "future_timestamp"
        });
    }
    Ok(
        (i128::from(input.now) - i128::from(seconds)).clamp(i64::MIN.into(), i64::MAX.into())
            as i64,
    )
}

fn outcome(result: Result<chatwoot_identity::VerifiedWebhook, Error>) -> Result<i64, &'static str> {
    result.map(|w| w.age).map_err(|e| e.code().as_str())
}

fn is_chatwoot_header(name: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with(b"x-chatwoot-") || name.starts_with(b"HTTP_X_CHATWOOT_")
}

fuzz_target!(|input: Input| {
    let webhook = &input.webhook;
    let Ok(verifier) = WebhookVerifier::new(webhook.secret) else {
        assert!(webhook.secret.is_empty());
        return;
    };
    let verifier = match input.tolerance {
        Some(seconds) => verifier.with_tolerance(seconds),
        None => verifier.without_age_check(),
    };
    let mut signature = webhook.signature.to_vec();
    if let Some(change) = input.right_signature {
        signature = webhook.signature_for(webhook.body);
        if let Some((position, value)) = change {
            let i = usize::from(position) % signature.len();
            signature[i] = value;
        }
    }
    let expected = rule(&input, &signature, webhook.timestamp);
    let got = outcome(verifier.verify(webhook.body, &signature, webhook.timestamp, input.now));
    assert_eq!(got, expected);

    // The same two values in a header list, among other headers that are not Chatwoot's.
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = input
        .others
        .iter()
        .filter(|(name, _)| !is_chatwoot_header(name))
        .map(|(n, v)| (n.to_vec(), v.to_vec()))
        .collect();
    pairs.insert(
        pairs.len() / 2,
        (b"x-chatwoot-signature".to_vec(), signature.clone()),
    );
    pairs.push((b"X-Chatwoot-Timestamp".to_vec(), webhook.timestamp.to_vec()));
    let expected = match input.repeat {
        None => expected,
        Some(true) => {
            pairs.push((b"HTTP_X_CHATWOOT_SIGNATURE".to_vec(), signature.clone()));
            Err("malformed_signature")
        }
        Some(false) => {
            pairs.push((b"X-CHATWOOT-TIMESTAMP".to_vec(), webhook.timestamp.to_vec()));
            match expected {
                Err(code @ ("missing_signature" | "malformed_signature")) => Err(code),
                _ => Err("malformed_timestamp"),
            }
        }
    };
    let headers = WebhookHeaders::from_pairs(pairs);
    let got = outcome(verifier.verify_headers(webhook.body, &headers, input.now));
    assert_eq!(got, expected);
});
