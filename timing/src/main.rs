//! Does `verify` take longer when a wrong candidate differs late rather than early?
//!
//! Two classes of candidates, both 64 lowercase hex characters and both wrong: one differs from
//! the right hash in its first character, the other in its last. dudect measures both in random
//! order and reports Welch's t statistic; |t| below 4.5 means no timing difference was found.
//! `verify` recomputes the HMAC on each call, which would drown a small difference, so the
//! comparison (`IdentifierHash::matches`) is also measured on its own.
//!
//! The webhook signature gets the same test: `sha256=` and 64 hex characters that differ from
//! the right signature in the first or the last hex character, through the whole of
//! `WebhookVerifier::verify` (reading the header, the HMAC of a short body, the comparison of
//! digests). That comparison is the same four-word `subtle` code as `IdentifierHash::matches`
//! with half the words, which `compare_first_vs_last` measures on its own.
//!
//! Run with `make timing`; one run takes a few minutes.

use chatwoot_identity::{IdentifierHash, Signer, WebhookVerifier, sign_webhook};
use dudect_bencher::rand::RngExt;
use dudect_bencher::{BenchRng, Class, CtRunner, ctbench_main_with_seeds};

const SAMPLES: usize = 200_000;
const IDENTIFIER: &str = "3f2a1c9e-8b7d-4e6f-a5c4-1d2e3f4a5b6c";

fn signer() -> Signer {
    Signer::new("your-secret-token-for-hmac").unwrap()
}

/// Every sample's class and a wrong candidate: `right` with one hex character changed, at
/// `first` (Left) or `last` (Right). The hash and the webhook signature are tested alike.
///
/// The candidates are made before any timing starts. A candidate written just before the timed
/// call would still sit in the store buffer, and the cost of forwarding its one changed byte to
/// the comparison's word loads depends on where that byte lies (seen here: a steadily growing t
/// in some runs, whose sign changed with the process's memory layout). That measures the
/// harness, not `verify`, whose candidates arrive long before it runs.
fn wrong_samples<const N: usize>(
    rng: &mut BenchRng,
    right: [u8; N],
    (first, last): (usize, usize),
) -> Vec<(Class, [u8; N])> {
    (0..SAMPLES)
        .map(|_| {
            let class = if rng.random::<bool>() {
                Class::Left
            } else {
                Class::Right
            };
            let mut candidate = right;
            let position = match class {
                Class::Left => first,
                Class::Right => last,
            };
            candidate[position] = if candidate[position] == b'0' {
                b'1'
            } else {
                b'0'
            };
            (class, candidate)
        })
        .collect()
}

/// The right hash with one character changed, at the start (Left) or the end (Right).
fn samples(rng: &mut BenchRng, right: &IdentifierHash) -> Vec<(Class, [u8; 64])> {
    wrong_samples(rng, *right.as_bytes(), (0, 63))
}

fn compare_first_vs_last(runner: &mut CtRunner, rng: &mut BenchRng) {
    let right = signer().identifier_hash(IDENTIFIER).unwrap();
    for (class, candidate) in samples(rng, &right) {
        runner.run_one(class, || right.matches(std::hint::black_box(&candidate)));
    }
}

fn verify_first_vs_last(runner: &mut CtRunner, rng: &mut BenchRng) {
    let signer = signer();
    let right = signer.identifier_hash(IDENTIFIER).unwrap();
    for (class, candidate) in samples(rng, &right) {
        runner.run_one(class, || {
            signer.verify(IDENTIFIER, std::hint::black_box(&candidate))
        });
    }
}

/// The control: a comparison that stops at the first difference, as `==` on strings may.
/// The method must find this one (|t| far above 4.5), or its silence on the others means
/// nothing.
fn control_early_exit_first_vs_last(runner: &mut CtRunner, rng: &mut BenchRng) {
    let right = signer().identifier_hash(IDENTIFIER).unwrap();
    let early_exit_eq = |a: &[u8; 64], b: &[u8; 64]| {
        for i in 0..64 {
            if std::hint::black_box(a[i]) != b[i] {
                return false;
            }
        }
        true
    };
    for (class, candidate) in samples(rng, &right) {
        runner.run_one(class, || {
            early_exit_eq(right.as_bytes(), std::hint::black_box(&candidate))
        });
    }
}

const WEBHOOK_SECRET: &str = "Sx5GdKjW7rvbcaQ8JtUmHn2p";
const WEBHOOK_BODY: &[u8] = br#"{"event":"message_created","id":1}"#;
const WEBHOOK_TIMESTAMP: u64 = 1_767_225_600;

/// The right `X-Chatwoot-Signature` with one hex character changed, first (Left, just after
/// `sha256=`) or last (Right).
fn webhook_samples(rng: &mut BenchRng) -> Vec<(Class, [u8; 71])> {
    let signed = sign_webhook(WEBHOOK_SECRET, WEBHOOK_BODY, WEBHOOK_TIMESTAMP).unwrap();
    let right: [u8; 71] = signed.signature.as_bytes().try_into().unwrap();
    wrong_samples(rng, right, (7, 70))
}

fn webhook_verify_first_vs_last(runner: &mut CtRunner, rng: &mut BenchRng) {
    let verifier = WebhookVerifier::new(WEBHOOK_SECRET).unwrap();
    let timestamp = WEBHOOK_TIMESTAMP.to_string();
    for (class, candidate) in webhook_samples(rng) {
        runner.run_one(class, || {
            verifier.verify(
                WEBHOOK_BODY,
                std::hint::black_box(&candidate),
                &timestamp,
                WEBHOOK_TIMESTAMP,
            )
        });
    }
}

ctbench_main_with_seeds!(
    (compare_first_vs_last, Some(0x0c4a_7f11)),
    (verify_first_vs_last, Some(0x51de_3b07)),
    (webhook_verify_first_vs_last, Some(0x6a7c_0f2d)),
    (control_early_exit_first_vs_last, Some(0x7e57_c0de))
);
