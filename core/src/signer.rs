//! [`Signer`]: an inbox secret prepared once, then used for any number of hashes.

use core::fmt;
use std::sync::Arc;

use hmac::{Hmac, KeyInit, Mac};
use rayon::ThreadPool;
use rayon::prelude::*;
use sha2::Sha256;

use crate::{Error, HASH_HEX_LEN, IdentifierHash, pool};

type HmacSha256 = Hmac<Sha256>;

/// Below this many identifiers a batch is hashed on the calling thread: waking the thread pool
/// costs more than it saves (measured in `make bench`).
const PARALLEL_BATCH_THRESHOLD: usize = 4096;

/// Identifiers per task once a batch runs in parallel, so each task amortises its scheduling.
const PARALLEL_MIN_CHUNK: usize = 1024;

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
    // With the `zeroize` features of hmac and sha2 enabled, dropping this wipes both states.
    keyed: HmacSha256,
}

impl Signer {
    /// Prepares `secret` (the inbox's HMAC secret, as raw bytes) for hashing.
    ///
    /// # Errors
    /// [`Error::EmptySecret`] when `secret` is empty.
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, Error> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(Error::EmptySecret);
        }
        let keyed = HmacSha256::new_from_slice(secret).expect("HMAC accepts keys of any length");
        Ok(Signer { keyed })
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
        let identifier = identifier.as_ref();
        if identifier.is_empty() {
            return Err(Error::EmptyIdentifier);
        }
        Ok(IdentifierHash::from_digest(&self.digest(identifier)))
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

    /// Hashes many identifiers, in order, using every core for large batches.
    ///
    /// # Errors
    /// [`Error::EmptyIdentifierInBatch`] naming the first empty identifier; nothing is hashed
    /// then.
    pub fn identifier_hashes<I>(&self, identifiers: &[I]) -> Result<Vec<IdentifierHash>, Error>
    where
        I: AsRef<[u8]> + Sync,
    {
        reject_empty(identifiers)?;
        let hash = |id: &I| IdentifierHash::from_digest(&self.digest(id.as_ref()));
        match parallel_pool(identifiers.len()) {
            None => Ok(identifiers.iter().map(hash).collect()),
            Some(pool) => {
                let mut hashes = Vec::with_capacity(identifiers.len());
                pool.install(|| {
                    identifiers
                        .par_iter()
                        .with_min_len(PARALLEL_MIN_CHUNK)
                        .map(hash)
                        .collect_into_vec(&mut hashes)
                });
                Ok(hashes)
            }
        }
    }

    /// Hashes many identifiers into one flat buffer: hash `i` is `out[64 * i..64 * (i + 1)]`.
    ///
    /// For bindings that hand the host one block of text instead of one string per hash.
    /// Order kept, every core used for large batches, nothing written on error.
    ///
    /// ```
    /// use chatwoot_identity::Signer;
    ///
    /// let signer = Signer::new("secret")?;
    /// let mut out = vec![0u8; 2 * 64];
    /// signer.identifier_hashes_into(&["a", "b"], &mut out)?;
    /// assert_eq!(&out[64..], signer.identifier_hash("b")?.as_bytes());
    /// # Ok::<(), chatwoot_identity::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::OutputLength`] unless `out` is exactly 64 bytes per identifier;
    /// [`Error::EmptyIdentifierInBatch`] naming the first empty identifier.
    pub fn identifier_hashes_into<I>(&self, identifiers: &[I], out: &mut [u8]) -> Result<(), Error>
    where
        I: AsRef<[u8]> + Sync,
    {
        let expected = identifiers.len() * HASH_HEX_LEN;
        if out.len() != expected {
            return Err(Error::OutputLength {
                expected,
                actual: out.len(),
            });
        }
        reject_empty(identifiers)?;
        let write = |(id, slot): (&I, &mut [u8])| {
            let hash = IdentifierHash::from_digest(&self.digest(id.as_ref()));
            slot.copy_from_slice(hash.as_bytes());
        };
        match parallel_pool(identifiers.len()) {
            None => identifiers
                .iter()
                .zip(out.chunks_exact_mut(HASH_HEX_LEN))
                .for_each(write),
            Some(pool) => pool.install(|| {
                identifiers
                    .par_iter()
                    .zip(out.par_chunks_exact_mut(HASH_HEX_LEN))
                    .with_min_len(PARALLEL_MIN_CHUNK)
                    .for_each(write)
            }),
        }
        Ok(())
    }

    /// The raw 32-byte HMAC-SHA256 digest; callers have already rejected empty identifiers.
    #[inline]
    pub(crate) fn digest(&self, message: &[u8]) -> [u8; 32] {
        let mut mac = self.keyed.clone();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }
}

/// A batch is hashed only when every identifier can be: the first empty one is named.
fn reject_empty<I: AsRef<[u8]>>(identifiers: &[I]) -> Result<(), Error> {
    match identifiers.iter().position(|id| id.as_ref().is_empty()) {
        Some(index) => Err(Error::EmptyIdentifierInBatch { index }),
        None => Ok(()),
    }
}

/// The pool for a batch of `len` identifiers, or `None` to hash it on the calling thread: below
/// the threshold waking the pool costs more than it saves.
fn parallel_pool(len: usize) -> Option<Arc<ThreadPool>> {
    if len < PARALLEL_BATCH_THRESHOLD {
        return None;
    }
    pool::this_process()
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

    #[test]
    fn batch_matches_single_hashes_on_both_sides_of_the_threshold() {
        let signer = Signer::new(SECRET).unwrap();
        for n in [
            0,
            1,
            PARALLEL_BATCH_THRESHOLD - 1,
            PARALLEL_BATCH_THRESHOLD * 3 + 7,
        ] {
            let ids: Vec<String> = (0..n).map(|i| format!("user-{i}")).collect();
            let batch = signer.identifier_hashes(&ids).unwrap();
            assert_eq!(batch.len(), n);
            for (id, hash) in ids.iter().zip(&batch) {
                assert_eq!(*hash, signer.identifier_hash(id).unwrap());
            }
        }
    }

    #[test]
    fn flat_batch_matches_single_hashes_on_both_sides_of_the_threshold() {
        let signer = Signer::new(SECRET).unwrap();
        for n in [0, 3, PARALLEL_BATCH_THRESHOLD * 2 + 1] {
            let ids: Vec<String> = (0..n).map(|i| format!("user-{i}")).collect();
            let mut out = vec![0u8; n * HASH_HEX_LEN];
            signer.identifier_hashes_into(&ids, &mut out).unwrap();
            for (id, slot) in ids.iter().zip(out.chunks_exact(HASH_HEX_LEN)) {
                assert_eq!(slot, signer.identifier_hash(id).unwrap().as_bytes());
            }
        }
    }

    #[test]
    fn flat_batch_checks_the_buffer_and_writes_nothing_on_error() {
        let signer = Signer::new(SECRET).unwrap();
        let mut short = vec![0u8; 64];
        assert_eq!(
            signer.identifier_hashes_into(&["a", "b"], &mut short),
            Err(Error::OutputLength {
                expected: 128,
                actual: 64
            })
        );
        let mut out = vec![7u8; 128];
        assert_eq!(
            signer.identifier_hashes_into(&["a", ""], &mut out),
            Err(Error::EmptyIdentifierInBatch { index: 1 })
        );
        assert!(out.iter().all(|&b| b == 7), "nothing written");
    }

    #[test]
    fn batch_rejects_an_empty_identifier_by_position() {
        let signer = Signer::new(SECRET).unwrap();
        let ids = ["a", "b", "", "d"];
        assert_eq!(
            signer.identifier_hashes(&ids),
            Err(Error::EmptyIdentifierInBatch { index: 2 })
        );
    }
}
