//! Properties over arbitrary inputs: what must hold for every secret, identifier and candidate.

use chatwoot_identity::{HASH_HEX_LEN, Signer, diagnose, identifier_hash, verify};
use hmac::{Hmac, KeyInit, Mac};
use proptest::prelude::*;
use sha2::Sha256;

fn non_empty_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 1..max)
}

/// The textbook one-shot HMAC, through the hmac crate's general API.
fn reference(secret: &[u8], identifier: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    mac.update(identifier);
    hex::encode(mac.finalize().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn prepared_and_one_off_hashes_equal_textbook_hmac(
        secret in non_empty_bytes(200),
        identifier in non_empty_bytes(300),
    ) {
        let expected = reference(&secret, &identifier);
        let one_off = identifier_hash(&secret, &identifier).unwrap();
        prop_assert_eq!(one_off.as_str(), expected.as_str());
        let prepared = Signer::new(&secret).unwrap().identifier_hash(&identifier).unwrap();
        prop_assert_eq!(prepared.as_str(), expected.as_str());
    }

    #[test]
    fn a_hash_always_verifies(secret in non_empty_bytes(100), identifier in non_empty_bytes(100)) {
        let hash = identifier_hash(&secret, &identifier).unwrap();
        prop_assert!(verify(&secret, &identifier, hash.as_str()).unwrap());
        prop_assert!(diagnose(&secret, &identifier, hash.as_str()).unwrap().verified);
    }

    #[test]
    fn any_single_changed_character_fails(
        secret in non_empty_bytes(100),
        identifier in non_empty_bytes(100),
        position in 0..HASH_HEX_LEN,
        replacement in any::<u8>(),
    ) {
        let hash = identifier_hash(&secret, &identifier).unwrap();
        let mut altered = *hash.as_bytes();
        prop_assume!(altered[position] != replacement);
        altered[position] = replacement;
        prop_assert!(!verify(&secret, &identifier, altered).unwrap());
    }

    #[test]
    fn diagnose_never_panics_and_never_quotes_the_secret(
        secret in "[a-zA-Z0-9]{12,40}",
        identifier in non_empty_bytes(80),
        candidate in proptest::collection::vec(any::<u8>(), 0..140),
    ) {
        let diagnosis = diagnose(&secret, &identifier, &candidate).unwrap();
        prop_assert_eq!(diagnosis.verified, diagnosis.findings.is_empty());
        for finding in &diagnosis.findings {
            // The message is the code's fixed sentence: no input reaches it.
            prop_assert_eq!(finding.message, finding.code.summary());
            prop_assert!(!finding.message.contains(secret.as_str()));
        }
    }

    #[test]
    fn batches_equal_single_hashes(
        secret in non_empty_bytes(80),
        identifiers in proptest::collection::vec(non_empty_bytes(60), 0..50),
    ) {
        let signer = Signer::new(&secret).unwrap();
        let batch = signer.identifier_hashes(&identifiers).unwrap();
        prop_assert_eq!(batch.len(), identifiers.len());
        for (identifier, hash) in identifiers.iter().zip(&batch) {
            prop_assert_eq!(*hash, signer.identifier_hash(identifier).unwrap());
        }
    }
}

proptest! {
    // 64 random keys, each with all 300 lengths: about 19,000 comparisons.
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The two-compression path takes identifiers up to 55 bytes and the hmac crate the rest:
    /// every length on both sides of that boundary, under keys shorter and longer than a block.
    #[test]
    fn every_identifier_length_up_to_300_bytes_equals_textbook_hmac(
        secret in non_empty_bytes(160),
        seed in any::<u8>(),
    ) {
        let signer = Signer::new(&secret).unwrap();
        for len in 1..=300usize {
            let identifier: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_mul(31) ^ seed).collect();
            let expected = reference(&secret, &identifier);
            let hash = signer.identifier_hash(&identifier).unwrap();
            prop_assert_eq!(hash.as_str(), expected.as_str(), "length {}", len);
        }
    }
}
