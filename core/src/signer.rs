//! [`Signer`]: an inbox secret prepared once, then used for any number of hashes.

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::one_block_hmac::PreparedKey;
use crate::{Error, IdentifierHash};

type HmacSha256 = Hmac<Sha256>;

/// The one rule for a secret: it is not empty. Shared with the one-off path, which prepares no
/// `Signer`.
#[inline]
pub(crate) fn check_secret(secret: &[u8]) -> Result<&[u8], Error> {
    if secret.is_empty() {
        return Err(Error::EmptySecret);
    }
    Ok(secret)
}

/// The one rule for an identifier: it is not empty (Chatwoot would hash `""` but no user has
/// it, so it is always a bug upstream).
#[inline]
pub(crate) fn check_identifier(identifier: &[u8]) -> Result<&[u8], Error> {
    if identifier.is_empty() {
        return Err(Error::EmptyIdentifier);
    }
    Ok(identifier)
}

/// A Chatwoot inbox's HMAC secret, prepared for hashing.
///
/// HMAC-SHA256 hashes the key into an inner and an outer state before it reads the message.
/// A `Signer` does that once, so each hash of a short identifier then costs two SHA-256
/// compressions instead of four. It is `Clone + Send + Sync`: share one per inbox across
/// threads. The prepared states are wiped from memory when it is dropped, and `Debug` never
/// shows them.
///
/// ```
/// use chatwoot_identity::Signer;
///
/// let signer = Signer::new("your-secret-token-for-hmac")?;
/// let hash = signer.identifier_hash("unique-identifier-of-the-user")?;
/// assert_eq!(hash, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c");
/// assert!(signer.verify("unique-identifier-of-the-user", hash.as_str())?);
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    keyed: KeyedHmac,
    // The same key's states for the two-compression path most identifiers take; wiped on drop.
    prepared: PreparedKey,
}

impl Signer {
    /// Prepares `secret` (the inbox's HMAC secret, as raw bytes) for hashing.
    ///
    /// # Errors
    /// [`Error::EmptySecret`] when `secret` is empty.
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, Error> {
        let keyed = KeyedHmac::new(secret.as_ref())?;
        let prepared = PreparedKey::new(secret.as_ref());
        Ok(Signer { keyed, prepared })
    }

    /// The `identifier_hash` Chatwoot expects for `identifier`.
    ///
    /// Text is hashed as its UTF-8 bytes, exactly as given: no trimming, no case folding.
    /// For an integer identifier pass an [`IntegerIdentifier`](crate::IntegerIdentifier).
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`] when `identifier` is empty.
    #[inline]
    pub fn identifier_hash(&self, identifier: impl AsRef<[u8]>) -> Result<IdentifierHash, Error> {
        Ok(self.identifier_hash_unchecked(check_identifier(identifier.as_ref())?))
    }

    /// The hash of an identifier the caller has already checked is not empty.
    #[inline]
    pub(crate) fn identifier_hash_unchecked(&self, identifier: &[u8]) -> IdentifierHash {
        IdentifierHash::from_digest(&self.digest(identifier))
    }

    /// Whether Chatwoot would accept `candidate` as the hash of `identifier`.
    ///
    /// True exactly when `candidate` is the 64 lowercase hex characters Chatwoot computes,
    /// compared in constant time. Anything else (uppercase, surrounding whitespace, another
    /// length, non-hex, Base64) is `false`, never an error: Chatwoot rejects those too. Use
    /// [`diagnose`](crate::diagnose) to learn why a candidate fails.
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`] when `identifier` is empty.
    #[inline]
    pub fn verify(
        &self,
        identifier: impl AsRef<[u8]>,
        candidate: impl AsRef<[u8]>,
    ) -> Result<bool, Error> {
        let expected = self.identifier_hash(identifier)?;
        Ok(expected.matches(candidate.as_ref()))
    }

    /// The raw 32-byte HMAC-SHA256 digest; callers have already rejected empty identifiers.
    #[inline]
    pub(crate) fn digest(&self, message: &[u8]) -> [u8; 32] {
        if let Some(digest) = self.prepared.digest_one_block(message) {
            return digest;
        }
        self.digest_parts(&[message])
    }

    /// See [`KeyedHmac::digest_parts`].
    #[inline]
    pub(crate) fn digest_parts(&self, parts: &[&[u8]]) -> [u8; 32] {
        self.keyed.digest_parts(parts)
    }
}

/// A secret prepared for HMAC-SHA256 over messages of any length, and nothing more: what a
/// webhook verifier needs (its messages are never one block, so it has no use for the
/// [`Signer`]'s one-block states, which would cost two more compressions to prepare).
#[derive(Clone)]
pub(crate) struct KeyedHmac {
    // With the `zeroize` features of hmac and sha2 enabled, dropping this wipes both states.
    mac: HmacSha256,
}

impl KeyedHmac {
    pub(crate) fn new(secret: &[u8]) -> Result<Self, Error> {
        let secret = check_secret(secret)?;
        let mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts keys of any length");
        Ok(KeyedHmac { mac })
    }

    /// The digest of the parts one after another, as if joined, without joining them: a
    /// webhook's timestamp, `.` and body go in as three parts and the body is never copied.
    #[inline]
    pub(crate) fn digest_parts(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.mac.clone();
        for part in parts {
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "your-secret-token-for-hmac";

    #[test]
    fn debug_redacts_the_secret() {
        let signer = Signer::new(SECRET).unwrap();
        let shown = format!("{signer:?} {signer:#?}");
        assert!(!shown.contains(SECRET));
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn signer_is_shareable_across_threads() {
        fn assert_send_sync_clone<T: Send + Sync + Clone>() {}
        assert_send_sync_clone::<Signer>();
    }
}
