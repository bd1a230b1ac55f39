//! Arbitrary candidates: verify is true exactly for the one right lowercase hex string.
#![no_main]

use arbitrary::Arbitrary;
use chatwoot_identity::{identifier_hash, verify};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    secret: &'a [u8],
    identifier: &'a [u8],
    candidate: &'a [u8],
    /// Sometimes start from the right hash and change one byte, to reach the deep comparison.
    mutate_right_hash: Option<(u8, u8)>,
}

fuzz_target!(|input: Input| {
    let Ok(right) = identifier_hash(input.secret, input.identifier) else {
        assert!(verify(input.secret, input.identifier, input.candidate).is_err());
        return;
    };
    let mut candidate = input.candidate.to_vec();
    if let Some((position, value)) = input.mutate_right_hash {
        candidate = right.as_bytes().to_vec();
        candidate[usize::from(position) % 64] = value;
    }
    let verified = verify(input.secret, input.identifier, &candidate).unwrap();
    assert_eq!(verified, candidate == right.as_bytes());
});
