//! Arbitrary webhooks: diagnose_webhook never panics, agrees with verify, speaks only in its
//! codes' sentences, and finds a body that serde_json re-serialized before signing (which
//! checks the diagnosis' own JSON reader and writer against serde_json's).
#![no_main]

mod received_webhook;

use arbitrary::Arbitrary;
use chatwoot_identity::{WebhookFindingCode, WebhookVerifier, diagnose_webhook};
use libfuzzer_sys::fuzz_target;
use received_webhook::ReceivedWebhook;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    webhook: ReceivedWebhook<'a>,
    token: Option<&'a [u8]>,
    /// Sign serde_json's re-serialization of the body instead of taking `signature`.
    sign_serde_json: bool,
}

fn only_integers(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Number(n) => n.is_i64() || n.is_u64(),
        serde_json::Value::Array(items) => items.iter().all(only_integers),
        serde_json::Value::Object(map) => map.values().all(only_integers),
        _ => true,
    }
}

fuzz_target!(|input: Input| {
    let webhook = &input.webhook;
    let mut signature = webhook.signature.to_vec();
    let mut reserialized = None;
    if input.sign_serde_json
        && !webhook.secret.is_empty()
        && let Ok(value) = serde_json::from_slice::<serde_json::Value>(webhook.body)
    {
        // Numbers other than integers are written in serde_json's own way; the diagnosis
        // keeps a number's text, as re-serializers do for integers.
        if only_integers(&value) && !webhook.body.windows(2).any(|w| w == b"-0") {
            let text = serde_json::to_vec(&value).unwrap();
            signature = webhook.signature_for(&text);
            reserialized = Some(text);
        }
    }
    let Ok(diagnosis) = diagnose_webhook(
        webhook.secret,
        webhook.body,
        &signature,
        webhook.timestamp,
        input.token,
    ) else {
        assert!(webhook.secret.is_empty());
        return;
    };
    let verified = WebhookVerifier::new(webhook.secret)
        .unwrap()
        .without_age_check()
        .verify(webhook.body, &signature, webhook.timestamp, 0)
        .is_ok();
    assert_eq!(diagnosis.verified, verified);
    assert!(diagnosis.verified || !diagnosis.findings.is_empty());
    for finding in &diagnosis.findings {
        assert_eq!(finding.message, finding.code.summary());
    }
    let Some(text) = reserialized else { return };
    let timestamp_ok = diagnosis.findings.iter().all(|f| {
        !matches!(
            f.code,
            WebhookFindingCode::MissingTimestamp | WebhookFindingCode::MalformedTimestamp
        )
    });
    if text == webhook.body || !timestamp_ok {
        return;
    }
    assert!(
        diagnosis.has(WebhookFindingCode::BodyReserialized)
            || diagnosis.has(WebhookFindingCode::BodyEscapesChanged),
        "serde_json's form of the body was not found: {:?}",
        String::from_utf8_lossy(&text)
    );
});
