//! One test per webhook finding: build the mistake by hand, check that the diagnosis names it.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::*;

const SECRET: &str = "webhook-secret-QrtMG8GydFgEy7bVzsLLmHoq";
const TOKEN: &str = "identity-hmac-token-7f3e9c1d";
const TS: &str = "1700000000";
/// A body as ActiveSupport writes it: compact, document order, <, > and & escaped.
const SENT: &str = r#"{"event":"message_created","id":42,"content":"\u003c/script\u003e \u0026 é 😀","sender":{"name":"Zoë","type":"contact"},"tags":[]}"#;

fn hmac_hex(key: &[u8], message: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

fn signed(key: &str, message: &[u8]) -> String {
    format!("sha256={}", hmac_hex(key.as_bytes(), message))
}

fn chatwoot(body: &str) -> String {
    signed(SECRET, format!("{TS}.{body}").as_bytes())
}

fn codes(body: &str, signature: &str, timestamp: &str) -> Vec<&'static str> {
    codes_with(body, signature, timestamp, Some(TOKEN.as_bytes()))
}

fn codes_with(
    body: &str,
    signature: &str,
    timestamp: &str,
    token: Option<&[u8]>,
) -> Vec<&'static str> {
    let diagnosis = diagnose_webhook(SECRET, body, signature, timestamp, token).unwrap();
    for finding in &diagnosis.findings {
        assert_eq!(finding.message, finding.code.summary());
    }
    let verify = crate::WebhookVerifier::new(SECRET)
        .unwrap()
        .without_age_check()
        .verify(body, signature, timestamp, 0);
    assert_eq!(
        diagnosis.verified,
        verify.is_ok(),
        "diagnose and verify agree"
    );
    diagnosis.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn the_right_signature_verifies_with_no_findings() {
    let diagnosis = diagnose_webhook(SECRET, SENT, chatwoot(SENT), TS, None).unwrap();
    assert!(diagnosis.verified);
    assert!(diagnosis.findings.is_empty());
    assert_eq!(diagnosis.mask(), 0);
    assert!(codes(SENT, &format!(" {}\t", chatwoot(SENT)), TS).is_empty());
}

#[test]
fn missing_headers() {
    assert_eq!(codes(SENT, "", TS), ["missing_signature"]);
    assert_eq!(
        codes(SENT, " ", ""),
        ["missing_signature", "missing_timestamp"]
    );
    assert_eq!(codes(SENT, &chatwoot(SENT), ""), ["missing_timestamp"]);
    let body_alone = signed(SECRET, SENT.as_bytes());
    assert_eq!(
        codes(SENT, &body_alone, ""),
        ["missing_timestamp", "signed_body_alone"]
    );
}

#[test]
fn signature_format_mistakes() {
    let right = chatwoot(SENT);
    let hex = &right[7..];
    assert_eq!(codes(SENT, hex, TS), ["prefix_missing"]);
    assert_eq!(
        codes(SENT, &format!("sha256={right}"), TS),
        ["prefix_doubled"]
    );
    assert_eq!(
        codes(SENT, &format!("sha256={}", hex.to_uppercase()), TS),
        ["uppercase_hex"]
    );
    assert_eq!(
        codes(SENT, &hex.to_uppercase(), TS),
        ["prefix_missing", "uppercase_hex"]
    );
    assert_eq!(
        codes(SENT, &format!("{right}\n"), TS),
        ["signature_whitespace"]
    );
    assert_eq!(
        codes(SENT, "sha256=not-a-digest", TS),
        ["malformed_signature"]
    );
    assert_eq!(
        codes(SENT, &format!("{right}, {right}"), TS),
        ["malformed_signature"]
    );
    assert_eq!(
        codes(SENT, &format!("\r\n{}", &hex[1..]), TS),
        ["signature_whitespace", "malformed_signature"]
    );
}

#[test]
fn a_line_break_around_the_timestamp_is_named_not_taken_for_another_secret() {
    let right = chatwoot(SENT);
    for timestamp in [
        format!("{TS}\r"),
        format!("{TS}\r\n"),
        format!("\n{TS}"),
        format!(" {TS}\n"),
    ] {
        assert_eq!(
            codes(SENT, &right, &timestamp),
            ["timestamp_whitespace"],
            "{timestamp:?}"
        );
    }
    // Spaces and tabs alone are what a header may carry: nothing to say.
    assert_eq!(codes(SENT, &right, &format!(" {TS}\t")), Vec::<&str>::new());
    // Whatever else is wrong is still found in the digits.
    let in_milliseconds = signed(SECRET, format!("{TS}123.{SENT}").as_bytes());
    assert_eq!(
        codes(SENT, &in_milliseconds, &format!("{TS}123\n")),
        ["timestamp_in_milliseconds", "timestamp_whitespace"]
    );
}

#[test]
fn the_body_alone() {
    let body_alone = signed(SECRET, SENT.as_bytes());
    assert_eq!(codes(SENT, &body_alone, TS), ["signed_body_alone"]);
}

#[test]
fn timestamps_in_milliseconds() {
    // A sender that writes Date.now() into the header and signs it: the signature is right,
    // the age check will refuse it, and the diagnosis says why.
    let ms = "1700000000123";
    let signature = signed(SECRET, format!("{ms}.{SENT}").as_bytes());
    let diagnosis = diagnose_webhook(SECRET, SENT, &signature, ms, None).unwrap();
    assert!(diagnosis.verified);
    assert!(diagnosis.has(WebhookFindingCode::TimestampInMilliseconds));
    assert_eq!(diagnosis.findings.len(), 1);
    // Seconds in the header, milliseconds in the signed text.
    let signature = signed(SECRET, format!("{TS}000.{SENT}").as_bytes());
    assert_eq!(codes(SENT, &signature, TS), ["timestamp_in_milliseconds"]);
}

#[test]
fn a_malformed_timestamp_that_was_signed_as_it_is() {
    let signature = signed(SECRET, format!("1700000000.5.{SENT}").as_bytes());
    assert_eq!(
        codes(SENT, &signature, "1700000000.5"),
        ["malformed_timestamp"]
    );
    assert_eq!(
        codes(SENT, &chatwoot(SENT), "soon"),
        ["malformed_timestamp", "unknown_secret"]
    );
}

#[test]
fn a_receiver_that_undid_activesupports_escapes() {
    // JSON.stringify(JSON.parse(raw)) or JSON.generate(JSON.parse(raw)): same order and
    // spacing, the escapes gone.
    let undone = SENT
        .replace("\\u003c", "<")
        .replace("\\u003e", ">")
        .replace("\\u0026", "&");
    assert_eq!(
        codes(&undone, &chatwoot(SENT), TS),
        ["body_escapes_changed"]
    );
    // And the other way: a Rails receiver's params.to_json of a body signed without them.
    assert_eq!(
        codes(SENT, &chatwoot(&undone), TS),
        ["body_escapes_changed"]
    );
}

#[test]
fn a_receiver_that_reserialized_the_body() {
    // JSON.stringify(JSON.parse(raw), null, 2): indented, escapes undone, order kept.
    let pretty = "{\n  \"event\": \"message_created\",\n  \"id\": 42,\n  \"content\": \"</script> & é 😀\",\n  \"sender\": {\n    \"name\": \"Zoë\",\n    \"type\": \"contact\"\n  },\n  \"tags\": []\n}";
    // Python's json.dumps(json.loads(raw)): ", " and ": ", non-ASCII escaped, HTML not.
    let python = r#"{"event": "message_created", "id": 42, "content": "</script> & \u00e9 \ud83d\ude00", "sender": {"name": "Zo\u00eb", "type": "contact"}, "tags": []}"#;
    for reserialized in [pretty, python] {
        assert_eq!(
            codes(reserialized, &chatwoot(SENT), TS),
            ["body_reserialized"],
            "{reserialized}"
        );
    }
}

#[test]
fn a_sender_that_signed_its_keys_sorted() {
    // Go's json.Marshal of a map: sorted keys, HTML escapes. The receiver has the bytes in
    // document order (a receiver that sorted them cannot be told from one that changed the
    // body: the order it had is gone).
    let sorted = r#"{"content":"\u003c/script\u003e \u0026 é 😀","event":"message_created","id":42,"sender":{"name":"Zoë","type":"contact"},"tags":[]}"#;
    assert_eq!(codes(SENT, &chatwoot(sorted), TS), ["body_reserialized"]);
    assert_eq!(codes(sorted, &chatwoot(SENT), TS), ["unknown_secret"]);
}

#[test]
fn a_body_that_is_not_json_is_only_tried_as_it_is() {
    let body = "event=message_created&id=42";
    assert_eq!(codes(body, &chatwoot(body), TS), Vec::<&str>::new());
    assert_eq!(codes(body, &chatwoot("other"), TS), ["unknown_secret"]);
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    assert_eq!(
        codes(&deep, &chatwoot("x"), TS),
        ["unknown_secret"],
        "deep nesting is no crash"
    );
}

#[test]
fn the_identity_hmac_token_as_the_key() {
    let signature = signed(TOKEN, format!("{TS}.{SENT}").as_bytes());
    assert_eq!(codes(SENT, &signature, TS), ["identity_hmac_token"]);
    assert_eq!(
        codes_with(SENT, &signature, TS, None),
        ["unknown_secret"],
        "only when given"
    );
    let both = signed(TOKEN, SENT.as_bytes());
    assert_eq!(
        codes(SENT, &both, TS),
        ["signed_body_alone", "identity_hmac_token"]
    );
}

#[test]
fn a_trailing_newline_on_the_secret_either_side() {
    let with_newline = signed(&format!("{SECRET}\n"), format!("{TS}.{SENT}").as_bytes());
    assert_eq!(codes(SENT, &with_newline, TS), ["secret_whitespace"]);
    // The receiver read the secret from a file with its newline; Chatwoot's has none.
    let diagnosis =
        diagnose_webhook(format!("{SECRET}\n"), SENT, chatwoot(SENT), TS, None).unwrap();
    assert!(diagnosis.has(WebhookFindingCode::SecretWhitespace));
    assert!(!diagnosis.verified);
}

#[test]
fn mistakes_combine() {
    let signature = signed(&format!("{SECRET}\r\n"), SENT.as_bytes()).to_uppercase();
    let upper = format!("sha256={}", &signature[7..]);
    assert_eq!(
        codes(SENT, &upper, TS),
        ["uppercase_hex", "signed_body_alone", "secret_whitespace"]
    );
}

#[test]
fn another_secret_is_unknown() {
    let other = signed("another-webhook-secret", format!("{TS}.{SENT}").as_bytes());
    assert_eq!(codes(SENT, &other, TS), ["unknown_secret"]);
    // A body changed after signing looks the same: nothing reproduces it.
    assert_eq!(
        codes(&SENT.replace("42", "43"), &chatwoot(SENT), TS),
        ["unknown_secret"]
    );
    assert_eq!(
        diagnose_webhook("", SENT, chatwoot(SENT), TS, None).unwrap_err(),
        Error::EmptyWebhookSecret
    );
}

#[test]
fn the_mask_has_one_bit_per_finding() {
    let diagnosis =
        diagnose_webhook(SECRET, SENT, chatwoot(SENT)[7..].to_uppercase(), TS, None).unwrap();
    assert_eq!(
        diagnosis.mask(),
        WebhookFindingCode::PrefixMissing.bit() | WebhookFindingCode::UppercaseHex.bit()
    );
}

#[test]
fn from_headers_a_repeated_signed_header_is_named_not_read_as_missing() {
    let body = b"{\"event\":\"message_created\"}";
    let sent = crate::sign_webhook("webhook-secret", body, 1_700_000_000).unwrap();
    let codes = |pairs: &[(&str, &str)]| -> (bool, Vec<&'static str>) {
        let headers = WebhookHeaders::from_pairs(pairs.iter().copied());
        let diagnosis = diagnose_webhook_headers("webhook-secret", body, &headers, None).unwrap();
        let codes = diagnosis.findings.iter().map(|f| f.code.as_str()).collect();
        (diagnosis.verified, codes)
    };
    let signature = ("X-Chatwoot-Signature", sent.signature.as_str());
    let timestamp = ("X-Chatwoot-Timestamp", sent.timestamp.as_str());
    assert_eq!(codes(&[signature, timestamp]), (true, vec![]));
    assert_eq!(
        codes(&[signature, signature, timestamp]),
        (false, vec!["repeated_header"])
    );
    assert_eq!(
        codes(&[signature, timestamp, timestamp]),
        (false, vec!["repeated_header"])
    );
    assert_eq!(
        codes(&[timestamp]),
        (false, vec!["missing_signature"]),
        "absent stays absent"
    );
    // The other header is still read: the signature is of the body alone.
    let body_alone = signed("webhook-secret", body);
    let alone = ("X-Chatwoot-Signature", body_alone.as_str());
    assert_eq!(
        codes(&[alone, timestamp, timestamp]),
        (false, vec!["signed_body_alone", "repeated_header"])
    );
}
