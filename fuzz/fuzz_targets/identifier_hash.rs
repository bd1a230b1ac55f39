//! Arbitrary secrets and identifiers: never a panic, and always the textbook HMAC. The hmac
//! crate is the oracle here for both of the core's paths: the two-compression finaliser that
//! identifiers of up to 55 bytes take, and the general path for longer ones.
#![no_main]

use arbitrary::Arbitrary;
use chatwoot_identity::{Error, Signer, identifier_hash};
use chatwoot_identity_fuzz::hmac_sha256_hex;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    secret: &'a [u8],
    identifier: &'a [u8],
}

fuzz_target!(|input: Input| {
    let result = identifier_hash(input.secret, input.identifier);
    match (input.secret.is_empty(), input.identifier.is_empty()) {
        (true, _) => assert_eq!(result, Err(Error::EmptySecret)),
        (false, true) => assert_eq!(result, Err(Error::EmptyIdentifier)),
        (false, false) => {
            let expected = hmac_sha256_hex(input.secret, input.identifier);
            assert_eq!(result.unwrap().as_str(), expected);
            let prepared = Signer::new(input.secret).unwrap();
            assert_eq!(
                prepared.identifier_hash(input.identifier).unwrap().as_str(),
                expected
            );
        }
    }
});
