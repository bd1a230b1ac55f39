//! Arbitrary candidates: diagnose never panics, agrees with verify, and never quotes the secret.
#![no_main]

use arbitrary::Arbitrary;
use chatwoot_identity::{diagnose, verify};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    secret: &'a str,
    identifier: &'a [u8],
    candidate: &'a [u8],
}

fuzz_target!(|input: Input| {
    let Ok(diagnosis) = diagnose(input.secret, input.identifier, input.candidate) else {
        return;
    };
    let verified = verify(input.secret, input.identifier, input.candidate).unwrap();
    assert_eq!(diagnosis.verified, verified);
    assert_eq!(diagnosis.verified, diagnosis.findings.is_empty());
    for finding in &diagnosis.findings {
        // Messages are the codes' fixed sentences, so no input can put the secret in one. (A
        // secret that happens to be a piece of such a sentence is not a leak: an early version
        // of this target asserted `!message.contains(secret)` and libFuzzer found exactly that.)
        assert_eq!(finding.message, finding.code.summary());
    }
});
