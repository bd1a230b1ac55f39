//! HMAC-SHA256 for messages that fit one SHA-256 block: exactly two compressions.
//!
//! Almost every identifier (a user id, a UUID, an e-mail address) is at most 55 bytes, so after
//! SHA-256's padding it fills one 64-byte block. HMAC then costs one compression of that block
//! with the key's prepared inner state and one of the inner digest with the prepared outer
//! state. The `hmac` crate computes the same, but through its general streaming path (buffer
//! management, a generic finaliser) which costs about a quarter more on this hot path. This
//! module does only the one-block case, over `sha2`'s own block function; everything longer
//! goes through the `hmac` crate, which is also the oracle of the property test and the fuzz
//! target that compare the two (tests/properties.rs, fuzz/fuzz_targets/identifier_hash.rs).

use sha2::block_api::compress256;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

/// SHA-256's initial hash value (FIPS 180-4, section 5.3.3).
const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const BLOCK_LEN: usize = 64;

/// The longest message whose padding (0x80 and the 8-byte length) still fits its block.
pub(crate) const ONE_BLOCK_MESSAGE_MAX: usize = BLOCK_LEN - 1 - 8;

/// The key's inner and outer SHA-256 states, wiped when dropped.
#[derive(Clone)]
pub(crate) struct PreparedKey {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl PreparedKey {
    /// RFC 2104: a key longer than a block is hashed first; the block is zero-padded, XORed with
    /// the inner and outer pads and compressed once each.
    pub(crate) fn new(key: &[u8]) -> Self {
        let mut block = [0u8; BLOCK_LEN];
        if key.len() > BLOCK_LEN {
            let mut digest = Sha256::digest(key);
            block[..digest.len()].copy_from_slice(&digest);
            digest.as_mut_slice().zeroize();
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let mut pad = block.map(|b| b ^ 0x36);
        let mut inner = SHA256_IV;
        compress256(&mut inner, &[pad]);
        pad = block.map(|b| b ^ 0x5c);
        let mut outer = SHA256_IV;
        compress256(&mut outer, &[pad]);
        block.zeroize();
        pad.zeroize();
        PreparedKey { inner, outer }
    }

    /// The HMAC-SHA256 digest of `message`, or `None` when it is longer than one block holds.
    #[inline]
    pub(crate) fn digest_one_block(&self, message: &[u8]) -> Option<[u8; 32]> {
        if message.len() > ONE_BLOCK_MESSAGE_MAX {
            return None;
        }
        // The key's block was already compressed, so the message starts the second block.
        let mut block = [0u8; BLOCK_LEN];
        copy_short(message, &mut block);
        block[message.len()] = 0x80;
        let inner_bits = ((BLOCK_LEN + message.len()) * 8) as u64;
        block[BLOCK_LEN - 8..].copy_from_slice(&inner_bits.to_be_bytes());
        let mut state = self.inner;
        compress256(&mut state, &[block]);

        let mut outer_block = [0u8; BLOCK_LEN];
        write_words(&state, &mut outer_block[..32]);
        outer_block[32] = 0x80;
        let outer_bits = ((BLOCK_LEN + 32) * 8) as u64;
        outer_block[BLOCK_LEN - 8..].copy_from_slice(&outer_bits.to_be_bytes());
        let mut digest_state = self.outer;
        compress256(&mut digest_state, &[outer_block]);

        let mut digest = [0u8; 32];
        write_words(&digest_state, &mut digest);
        Some(digest)
    }
}

/// `block[..message.len()] = message` for a message of at most [`ONE_BLOCK_MESSAGE_MAX`]
/// bytes, as two fixed-size copies that overlap in the middle (the way `memcpy` itself treats
/// short lengths), so the hot path makes no call into the C library for a few dozen bytes.
#[inline(always)]
fn copy_short(message: &[u8], block: &mut [u8; BLOCK_LEN]) {
    #[inline(always)]
    fn ends<const N: usize>(message: &[u8], block: &mut [u8; BLOCK_LEN]) {
        let len = message.len();
        let head: [u8; N] = message[..N].try_into().expect("len >= N");
        let tail: [u8; N] = message[len - N..].try_into().expect("len >= N");
        block[..N].copy_from_slice(&head);
        block[len - N..len].copy_from_slice(&tail);
    }
    match message.len() {
        32.. => ends::<32>(message, block),
        16..=31 => ends::<16>(message, block),
        8..=15 => ends::<8>(message, block),
        4..=7 => ends::<4>(message, block),
        len => block[..len].copy_from_slice(message),
    }
}

fn write_words(words: &[u32; 8], out: &mut [u8]) {
    for (word, bytes) in words.iter().zip(out.chunks_exact_mut(4)) {
        bytes.copy_from_slice(&word.to_be_bytes());
    }
}

impl Drop for PreparedKey {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use hmac::{Hmac, KeyInit, Mac};

    use super::*;

    fn oracle(key: &[u8], message: &[u8]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    #[test]
    fn matches_the_hmac_crate_for_every_one_block_length_and_key_shape() {
        let keys: [&[u8]; 5] = [
            b"k",
            &[0xAB; 64],
            &[0xCD; 65],
            &[7; 200],
            b"your-secret-token-for-hmac",
        ];
        for key in keys {
            let prepared = PreparedKey::new(key);
            for len in 0..=ONE_BLOCK_MESSAGE_MAX {
                let message: Vec<u8> = (0..len as u8).collect();
                assert_eq!(
                    prepared.digest_one_block(&message),
                    Some(oracle(key, &message)),
                    "key of {} bytes, message of {len}",
                    key.len()
                );
            }
        }
    }

    #[test]
    fn longer_messages_are_left_to_the_general_path() {
        let prepared = PreparedKey::new(b"k");
        assert!(
            prepared
                .digest_one_block(&[0; ONE_BLOCK_MESSAGE_MAX + 1])
                .is_none()
        );
    }

    #[test]
    fn rfc_4231_case_2_which_fits_one_block() {
        let digest = PreparedKey::new(b"Jefe")
            .digest_one_block(b"what do ya want for nothing?")
            .unwrap();
        assert_eq!(
            hex::encode(digest),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
