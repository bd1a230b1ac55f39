//! Verification by the acceptance rule, against a textbook HMAC written out here.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::*;
use crate::ErrorCode;

const SECRET: &str = "webhook-secret-QrtMG8GydFgEy7bVzsLLmHoq";
const BODY: &[u8] = br#"{"event":"message_created","content":"\u003cb\u003e"}"#;
const TS: u64 = 1_700_000_000;

/// Chatwoot's expression, written out: "sha256=" + hex(HMAC(secret, "#{ts}.#{body}")).
fn textbook(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(&[timestamp.as_bytes(), b".", body].concat());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new(SECRET).unwrap()
}

fn code(result: Result<VerifiedWebhook, Error>) -> &'static str {
    result.map(|_| "ok").unwrap_or_else(|e| e.code().as_str())
}

#[test]
fn a_chatwoot_signature_verifies_with_its_age() {
    let signature = textbook(SECRET, "1700000000", BODY);
    let webhook = verifier()
        .verify(BODY, &signature, "1700000000", TS + 7)
        .unwrap();
    assert_eq!(webhook.timestamp, TS);
    assert_eq!(webhook.age, 7);
    assert_eq!(webhook.delivery_id, None);
    assert_eq!(webhook.replay_key(), &signature["sha256=".len()..]);
    let ahead = verifier()
        .verify(BODY, &signature, "1700000000", TS - 3)
        .unwrap();
    assert_eq!(ahead.age, -3, "a timestamp ahead of now has a negative age");
    assert_eq!(
        verify_webhook(SECRET, BODY, &signature, "1700000000", TS).unwrap(),
        webhook_at(TS)
    );
}

fn webhook_at(now: u64) -> VerifiedWebhook {
    let signature = textbook(SECRET, "1700000000", BODY);
    verifier()
        .verify(BODY, signature, "1700000000", now)
        .unwrap()
}

#[test]
fn spaces_and_tabs_around_the_values_are_tolerated_and_nothing_else() {
    let signature = textbook(SECRET, "1700000000", BODY);
    let v = verifier();
    assert_eq!(
        code(v.verify(BODY, format!(" \t{signature}\t "), " 1700000000\t", TS)),
        "ok"
    );
    for bad in [
        format!("{signature}\n"),
        format!("\r\n{signature}"),
        format!("{signature}\u{a0}"),
    ] {
        assert_eq!(
            code(v.verify(BODY, &bad, "1700000000", TS)),
            "malformed_signature"
        );
    }
    assert_eq!(
        code(v.verify(BODY, &signature, "1700000000\n", TS)),
        "malformed_timestamp"
    );
}

#[test]
fn the_timestamp_is_signed_exactly_as_received() {
    // Leading zeros are digits like any other: they are signed, so they must have been signed.
    let padded = textbook(SECRET, "01700000000", BODY);
    assert_eq!(
        code(verifier().verify(BODY, &padded, "01700000000", TS)),
        "ok"
    );
    assert_eq!(
        code(verifier().verify(BODY, &padded, "1700000000", TS)),
        "signature_mismatch"
    );
}

#[test]
fn every_error_in_the_order_the_rule_checks() {
    let v = verifier();
    let good = textbook(SECRET, "1700000000", BODY);
    let cases: [(&str, &[u8], &str, &str, u64); 13] = [
        ("missing_signature", BODY, "", "", TS),
        ("missing_signature", BODY, " ", "1700000000", TS),
        ("malformed_signature", BODY, &good[7..], "1700000000", TS),
        ("malformed_signature", BODY, "sha256=abc", "", TS),
        ("missing_timestamp", BODY, &good, "", TS),
        ("malformed_timestamp", BODY, &good, "-1700000000", TS),
        ("malformed_timestamp", BODY, &good, "1700000000.0", TS),
        (
            "malformed_timestamp",
            BODY,
            &good,
            "1234567890123456789",
            TS,
        ),
        ("signature_mismatch", b"{}", &good, "1700000000", TS),
        ("signature_mismatch", BODY, &good, "1700000001", TS),
        // The signature is checked before the age: a forgery is never reported as stale.
        (
            "signature_mismatch",
            b"{}",
            &good,
            "1700000000",
            TS + 10_000,
        ),
        ("stale_timestamp", BODY, &good, "1700000000", TS + 301),
        ("future_timestamp", BODY, &good, "1700000000", TS - 301),
    ];
    for (expected, body, signature, timestamp, now) in cases {
        let got = code(v.verify(body, signature, timestamp, now));
        assert_eq!(got, expected, "{signature:?} {timestamp:?} at {now}");
    }
    assert_eq!(
        WebhookVerifier::new("").unwrap_err(),
        Error::EmptyWebhookSecret
    );
    assert_eq!(
        verify_webhook("", BODY, &good, "1700000000", TS).unwrap_err(),
        Error::EmptyWebhookSecret
    );
}

#[test]
fn the_tolerance_is_inclusive_both_ways() {
    let good = textbook(SECRET, "1700000000", BODY);
    let at = |v: &WebhookVerifier, now| code(v.verify(BODY, &good, "1700000000", now));
    let v = verifier();
    assert_eq!(v.tolerance(), Tolerance::Seconds(300));
    assert_eq!(
        (at(&v, TS + 300), at(&v, TS + 301)),
        ("ok", "stale_timestamp")
    );
    assert_eq!(
        (at(&v, TS - 300), at(&v, TS - 301)),
        ("ok", "future_timestamp")
    );
    let strict = verifier().with_tolerance(0);
    assert_eq!(
        strict.tolerance(),
        Tolerance::Seconds(0),
        "0 never turns the check off"
    );
    assert_eq!(
        (at(&strict, TS), at(&strict, TS + 1), at(&strict, TS - 1)),
        ("ok", "stale_timestamp", "future_timestamp")
    );
    let unchecked = verifier().without_age_check();
    assert_eq!(unchecked.tolerance(), Tolerance::Unchecked);
    assert_eq!((at(&unchecked, 0), at(&unchecked, u64::MAX)), ("ok", "ok"));
    let ancient = unchecked
        .verify(BODY, &good, "1700000000", u64::MAX)
        .unwrap();
    assert_eq!(
        ancient.age,
        i64::MAX,
        "the age saturates instead of wrapping"
    );
}

#[test]
fn age_errors_say_how_far_off_and_that_a_clock_may_be_wrong() {
    let good = textbook(SECRET, "1700000000", BODY);
    let age_error = |now| {
        verifier()
            .verify(BODY, &good, "1700000000", now)
            .unwrap_err()
    };
    // (when it is checked, the error, what its message says of how far off)
    let cases = [
        (
            TS + 3600,
            Error::StaleTimestamp {
                age: 3600,
                tolerance: 300,
            },
            "3600 seconds old",
        ),
        (
            TS - 900,
            Error::FutureTimestamp {
                ahead: 900,
                tolerance: 300,
            },
            "900 seconds in the future",
        ),
    ];
    for (now, expected, how_far_off) in cases {
        let error = age_error(now);
        assert_eq!(error, expected);
        let text = error.to_string();
        assert!(
            text.contains(how_far_off) && text.contains("clock"),
            "{text}"
        );
    }
    // A timestamp from the future is often one in milliseconds.
    let text = age_error(TS - 900).to_string();
    assert!(text.contains("milliseconds"), "{text}");
}

#[test]
fn header_lists_give_the_same_answers_and_the_delivery_id() {
    let good = textbook(SECRET, "1700000000", BODY);
    let headers = WebhookHeaders::from_pairs([
        ("Content-Type", "application/json"),
        (
            "x-chatwoot-delivery",
            "0f6b3c1e-54a2-4d8e-9a4b-1c2d3e4f5a6b",
        ),
        ("X-CHATWOOT-TIMESTAMP", "1700000000"),
        ("HTTP_X_CHATWOOT_SIGNATURE", good.as_str()),
    ]);
    let webhook = verifier().verify_headers(BODY, &headers, TS + 1).unwrap();
    assert_eq!(
        webhook.delivery_id.as_deref(),
        Some("0f6b3c1e-54a2-4d8e-9a4b-1c2d3e4f5a6b")
    );
    assert_eq!(webhook.age, 1);
    let two_values = WebhookHeaders::new(&good, "1700000000").with_delivery_id("d-1");
    let webhook = verifier().verify_headers(BODY, &two_values, TS).unwrap();
    assert_eq!(webhook.delivery_id.as_deref(), Some("d-1"));
    let twice = WebhookHeaders::from_pairs([
        (SIGNATURE_HEADER, good.as_str()),
        (TIMESTAMP_HEADER, "1700000000"),
        (TIMESTAMP_HEADER, "1700000000"),
    ]);
    assert_eq!(
        code(verifier().verify_headers(BODY, &twice, TS)),
        "malformed_timestamp"
    );
    let none = WebhookHeaders::from_pairs([("Accept", "*/*")]);
    assert_eq!(
        code(verifier().verify_headers(BODY, &none, TS)),
        "missing_signature"
    );
}

#[test]
fn signing_makes_what_chatwoot_sends() {
    let signed = sign_webhook(SECRET, BODY, TS).unwrap();
    assert_eq!(signed.signature, textbook(SECRET, "1700000000", BODY));
    assert_eq!(signed.timestamp, "1700000000");
    let names: Vec<_> = signed.headers().iter().map(|(name, _)| *name).collect();
    assert_eq!(names, [TIMESTAMP_HEADER, SIGNATURE_HEADER, DELIVERY_HEADER]);
    let webhook = verifier()
        .verify_headers(BODY, &WebhookHeaders::from_pairs(signed.headers()), TS)
        .unwrap();
    assert_eq!(
        webhook.delivery_id.as_deref(),
        Some(signed.delivery_id.as_str())
    );
    assert_eq!(
        sign_webhook("", BODY, TS).unwrap_err(),
        Error::EmptyWebhookSecret
    );
    // The largest timestamp a verifier reads is the largest one signed.
    let largest = 999_999_999_999_999_999;
    let signed = sign_webhook(SECRET, BODY, largest).unwrap();
    let read = verifier().verify(BODY, &signed.signature, &signed.timestamp, largest);
    assert_eq!(read.unwrap().timestamp, largest);
    let too_large = sign_webhook(SECRET, BODY, largest + 1).unwrap_err();
    assert_eq!(too_large.code(), ErrorCode::MalformedTimestamp);
    assert_eq!(
        sign_webhook(SECRET, b"", 0).unwrap().signature,
        textbook(SECRET, "0", b"")
    );
}

#[test]
fn delivery_ids_are_random_version_4_uuids() {
    let ids: Vec<String> = (0..64).map(|_| new_delivery_id()).collect();
    for id in &ids {
        let groups: Vec<&str> = id.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12], "{id}");
        assert!(
            id.bytes()
                .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert!(groups[2].starts_with('4'), "version 4: {id}");
        assert!(
            matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
            "variant: {id}"
        );
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
}

#[test]
fn nothing_shows_the_secret_or_the_signature() {
    let v = verifier();
    let good = textbook(SECRET, "1700000000", BODY);
    let shown = format!("{v:?} {v:#?}");
    assert!(
        !shown.contains(SECRET) && shown.contains("<redacted>"),
        "{shown}"
    );
    let webhook = v.verify(BODY, &good, "1700000000", TS).unwrap();
    let shown = format!("{webhook:?}");
    assert!(!shown.contains(&good[7..]), "{shown}");
    let mut uppercase = good.clone();
    uppercase.replace_range(7.., &good[7..].to_uppercase());
    let wrong = textbook("another", "1700000000", BODY);
    let errors = [
        v.verify(BODY, &uppercase, "1700000000", TS).unwrap_err(),
        v.verify(BODY, &wrong, "1700000000", TS).unwrap_err(),
        v.verify(BODY, &good, "1700000000", TS + 999).unwrap_err(),
        v.verify(BODY, &good[1..], "x", TS).unwrap_err(),
    ];
    for error in errors {
        let text = format!("{error} {error:?}");
        assert!(!text.contains(SECRET), "{text}");
        for hex in [&good[7..], &uppercase[7..], &wrong[7..]] {
            assert!(!text.contains(&hex[..16]), "{text}");
        }
    }
}

#[test]
fn the_codes_are_in_the_one_table() {
    for (number, name) in [
        (9, "missing_signature"),
        (10, "malformed_signature"),
        (11, "missing_timestamp"),
        (12, "malformed_timestamp"),
        (13, "stale_timestamp"),
        (14, "future_timestamp"),
        (15, "signature_mismatch"),
    ] {
        let code = ErrorCode::from_code(name).unwrap();
        assert_eq!(code.number(), number, "{name}");
    }
}

#[test]
fn a_verifier_is_shareable_across_threads() {
    fn assert_send_sync_clone<T: Send + Sync + Clone>() {}
    assert_send_sync_clone::<WebhookVerifier>();
    assert_send_sync_clone::<WebhookHeaders>();
}

#[test]
fn the_system_clock_is_in_seconds() {
    let now = unix_now();
    assert!((1_700_000_000..10_000_000_000).contains(&now), "{now}");
}
