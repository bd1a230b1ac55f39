//! The shared webhook vectors (tests/vectors/webhook.json), which every language's suite also
//! runs. Their signatures come from Chatwoot's Ruby expression and four other languages'
//! standard libraries (tests/vectors/generate.py), never from this crate.

use chatwoot_identity::{
    Error, VerifiedWebhook, WebhookHeaders, WebhookVerifier, diagnose_webhook, sign_webhook,
    verify_webhook,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    vectors: Vec<VerifyVector>,
    diagnose: Vec<DiagnoseVector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Value {
    Utf8(String),
    Hex(String),
    Repeat(Repeat),
}

#[derive(Deserialize)]
struct Repeat {
    prefix: String,
    unit: String,
    times: usize,
    suffix: String,
}

impl Value {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Value::Utf8(text) => text.as_bytes().to_vec(),
            Value::Hex(hex) => hex::decode(hex).expect("vector hex"),
            Value::Repeat(r) => [
                r.prefix.as_bytes(),
                &r.unit.repeat(r.times).into_bytes(),
                r.suffix.as_bytes(),
            ]
            .concat(),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Tolerance {
    Seconds(u64),
    Unchecked(String),
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
struct Verified {
    timestamp: u64,
    age: i64,
    delivery_id: Option<String>,
}

#[derive(Deserialize)]
struct VerifyVector {
    description: String,
    secret: Value,
    body: Value,
    signature: Option<String>,
    timestamp: Option<String>,
    headers: Vec<(String, String)>,
    now: u64,
    tolerance: Option<Tolerance>,
    verified: Option<Verified>,
    error: Option<String>,
    #[serde(default)]
    sign: bool,
}

#[derive(Deserialize)]
struct DiagnoseVector {
    description: String,
    secret: Value,
    body: Value,
    signature: String,
    timestamp: String,
    identity_hmac_token: Option<Value>,
    verified: bool,
    findings: Vec<String>,
}

fn load() -> File {
    let file: File = serde_json::from_str(include_str!("../../tests/vectors/webhook.json"))
        .expect("webhook.json parses");
    assert!(!file.vectors.is_empty() && !file.diagnose.is_empty());
    file
}

fn verifier(v: &VerifyVector, secret: &[u8]) -> Result<WebhookVerifier, Error> {
    let verifier = WebhookVerifier::new(secret)?;
    Ok(match &v.tolerance {
        None => verifier,
        Some(Tolerance::Seconds(seconds)) => verifier.with_tolerance(*seconds),
        Some(Tolerance::Unchecked(word)) => {
            assert_eq!(word, "unchecked", "{}", v.description);
            verifier.without_age_check()
        }
    })
}

fn summary(result: &Result<VerifiedWebhook, Error>) -> Result<Verified, String> {
    match result {
        Ok(w) => Ok(Verified {
            timestamp: w.timestamp,
            age: w.age,
            delivery_id: w.delivery_id.clone(),
        }),
        Err(e) => Err(e.code().as_str().to_owned()),
    }
}

#[test]
fn verify_vectors() {
    let file = load();
    let mut codes_seen = std::collections::BTreeSet::new();
    for v in &file.vectors {
        let (secret, body) = (v.secret.bytes(), v.body.bytes());
        let expected = match (&v.verified, &v.error) {
            (Some(verified), None) => Ok(Verified {
                delivery_id: verified.delivery_id.clone(),
                ..*verified
            }),
            (None, Some(code)) => Err(code.clone()),
            _ => panic!("{}: exactly one of verified and error", v.description),
        };
        if let Err(code) = &expected {
            codes_seen.insert(code.clone());
        }
        let from_headers = verifier(v, &secret).and_then(|verifier| {
            verifier.verify_headers(
                &body,
                &WebhookHeaders::from_pairs(v.headers.iter().map(|(n, val)| (n, val))),
                v.now,
            )
        });
        assert_eq!(
            summary(&from_headers),
            expected,
            "{} (headers)",
            v.description
        );

        if let (Some(signature), Some(timestamp)) = (&v.signature, &v.timestamp) {
            let two_values = verifier(v, &secret)
                .and_then(|verifier| verifier.verify(&body, signature, timestamp, v.now));
            let without_delivery = expected.clone().map(|e| Verified {
                delivery_id: None,
                ..e
            });
            assert_eq!(
                summary(&two_values),
                without_delivery,
                "{} (two values)",
                v.description
            );
            if v.tolerance.is_none() {
                let one_off = verify_webhook(&secret, &body, signature, timestamp, v.now);
                assert_eq!(
                    summary(&one_off),
                    without_delivery,
                    "{} (one-off)",
                    v.description
                );
            }
            if v.sign {
                let verified = v.verified.as_ref().unwrap();
                let signed = sign_webhook(&secret, &body, verified.timestamp).unwrap();
                assert_eq!(&signed.signature, signature, "{} (sign)", v.description);
                assert_eq!(&signed.timestamp, timestamp, "{} (sign)", v.description);
            }
        }
    }
    // Every suite runs these vectors; what they cover is checked here, once.
    let all: std::collections::BTreeSet<String> = [
        "empty_secret",
        "missing_signature",
        "malformed_signature",
        "missing_timestamp",
        "malformed_timestamp",
        "stale_timestamp",
        "future_timestamp",
        "signature_mismatch",
    ]
    .map(String::from)
    .into();
    assert_eq!(codes_seen, all, "every webhook error code has a vector");
}

#[test]
fn diagnose_vectors() {
    for v in load().diagnose {
        let secret = v.secret.bytes();
        let token = v.identity_hmac_token.as_ref().map(Value::bytes);
        let diagnosis = diagnose_webhook(
            &secret,
            v.body.bytes(),
            &v.signature,
            &v.timestamp,
            token.as_deref(),
        )
        .unwrap();
        assert_eq!(diagnosis.verified, v.verified, "{}", v.description);
        let codes: Vec<&str> = diagnosis.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, v.findings, "{}", v.description);
        let secret_text = String::from_utf8_lossy(&secret);
        for finding in &diagnosis.findings {
            assert_eq!(finding.message, finding.code.summary());
            assert!(!finding.message.contains(secret_text.trim()));
        }
    }
}
