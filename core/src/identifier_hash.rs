//! The computed hash: 64 lowercase hex characters held inline, never on the heap.

use subtle::ConstantTimeEq;

use crate::text_value::formatted_as_text;

/// Length of an `identifier_hash` in characters: hex of a 32-byte HMAC-SHA256 digest.
pub const HASH_HEX_LEN: usize = 64;

/// An `identifier_hash` as Chatwoot expects it: 64 lowercase hexadecimal ASCII characters.
///
/// It lives inline (64 bytes, `Copy`), so computing one allocates nothing. The hash is not a
/// secret, so `Debug` and `Display` print it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdentifierHash {
    hex: [u8; HASH_HEX_LEN],
}

impl IdentifierHash {
    /// Lowercase hex of the digest, two characters per byte, high nibble first.
    ///
    /// Branch-free arithmetic over a fixed 32 bytes rather than the `hex` crate's per-byte
    /// table loop: the compiler turns it into a few vector instructions, which takes about a
    /// tenth of an identifier hash's time off (the `hex` crate stays the oracle of the test).
    #[inline]
    pub(crate) fn from_digest(digest: &[u8; 32]) -> Self {
        let mut hex = [0u8; HASH_HEX_LEN];
        for (pair, &byte) in hex.chunks_exact_mut(2).zip(digest) {
            pair[0] = hex_digit(byte >> 4);
            pair[1] = hex_digit(byte & 0x0f);
        }
        IdentifierHash { hex }
    }

    /// The hash as a string slice.
    #[inline]
    pub fn as_str(&self) -> &str {
        debug_assert!(
            self.hex
                .iter()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        );
        // SAFETY: `hex` is only ever filled by `from_digest`, which writes ASCII digits and
        // lowercase letters; ASCII is valid UTF-8. Skipping the check keeps the hot
        // path free of a 64-byte validation on every hash.
        #[allow(unsafe_code)]
        unsafe {
            core::str::from_utf8_unchecked(&self.hex)
        }
    }

    /// The 64 hex characters as bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8; HASH_HEX_LEN] {
        &self.hex
    }

    /// Constant-time comparison with a candidate received from outside.
    ///
    /// True exactly when `candidate` is these 64 lowercase hex characters. The length is checked
    /// first (it is public: every valid hash has 64 characters); the content comparison takes
    /// the same time wherever the first difference lies. It compares eight 64-bit words with
    /// `subtle` rather than 64 single bytes, which keeps it constant-time at an eighth of the
    /// cost.
    pub fn matches(&self, candidate: &[u8]) -> bool {
        let Ok(candidate) = <&[u8; HASH_HEX_LEN]>::try_from(candidate) else {
            return false;
        };
        bool::from(words::<8>(&self.hex).ct_eq(&words::<8>(candidate)))
    }
}

/// The lowercase hex digit of a nibble (0..=15): `0`-`9` are `b'0' + n`; from 10 on,
/// `n + 6` reaches 16, so its fifth bit adds the 39 that lead from `b'0' + 10` to `b'a'`.
#[inline(always)]
fn hex_digit(nibble: u8) -> u8 {
    nibble + b'0' + ((nibble + 6) >> 4) * (b'a' - b'0' - 10)
}

/// Constant-time equality of two raw 32-byte digests (a webhook signature against the one
/// computed), by the same four-word `subtle` comparison as [`IdentifierHash::matches`].
#[inline]
pub(crate) fn digests_match(expected: &[u8; 32], candidate: &[u8; 32]) -> bool {
    bool::from(words::<4>(expected).ct_eq(&words::<4>(candidate)))
}

/// `bytes` as `WORDS` native-endian 64-bit words; `bytes` is exactly `8 * WORDS` long.
#[inline]
fn words<const WORDS: usize>(bytes: &[u8]) -> [u64; WORDS] {
    debug_assert_eq!(bytes.len(), WORDS * 8);
    let mut words = [0u64; WORDS];
    for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
        *word = u64::from_ne_bytes(chunk.try_into().expect("chunks of 8"));
    }
    words
}

formatted_as_text!(IdentifierHash);

impl AsRef<str> for IdentifierHash {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<[u8]> for IdentifierHash {
    fn as_ref(&self) -> &[u8] {
        &self.hex
    }
}

impl PartialEq<str> for IdentifierHash {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for IdentifierHash {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The hash as the JSON string (or any host's text) Chatwoot compares.
impl serde::Serialize for IdentifierHash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl From<IdentifierHash> for String {
    fn from(hash: IdentifierHash) -> String {
        hash.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> IdentifierHash {
        IdentifierHash::from_digest(&[0xab; 32])
    }

    #[test]
    fn hex_is_lowercase_and_64_long() {
        assert_eq!(sample().as_str(), "ab".repeat(32));
    }

    #[test]
    fn hex_matches_the_hex_crate_for_every_byte_in_every_position() {
        for byte in 0..=255u8 {
            for position in 0..32 {
                let mut digest = [0x5a; 32];
                digest[position] = byte;
                let hash = IdentifierHash::from_digest(&digest);
                assert_eq!(
                    hash.as_str(),
                    hex::encode(digest),
                    "byte {byte:#04x} at {position}"
                );
            }
        }
    }

    #[test]
    fn matches_only_the_exact_lowercase_text() {
        let hash = sample();
        assert!(hash.matches("ab".repeat(32).as_bytes()));
        assert!(!hash.matches("AB".repeat(32).as_bytes()));
        assert!(!hash.matches("ab".repeat(31).as_bytes()));
        assert!(!hash.matches(format!("{}\n", "ab".repeat(32)).as_bytes()));
        assert!(!hash.matches(b""));
        for position in 0..HASH_HEX_LEN {
            let mut altered = *hash.as_bytes();
            altered[position] ^= 1;
            assert!(!hash.matches(&altered), "difference at {position}");
        }
    }

    #[test]
    fn digests_match_only_when_every_byte_is_equal() {
        let digest = [0x5c; 32];
        assert!(digests_match(&digest, &digest));
        for position in 0..32 {
            let mut altered = digest;
            altered[position] ^= 0x80;
            assert!(
                !digests_match(&digest, &altered),
                "difference at {position}"
            );
        }
    }
}
