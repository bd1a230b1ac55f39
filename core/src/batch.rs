//! Batches: many identifiers, one secret, every core; the one place that splits a batch into
//! rounds and counts positions.
//!
//! A host that must turn each hash into one of its own strings (a Python `str`, a JavaScript
//! string) does that on its own thread, one at a time. [`Signer::identifier_hashes_by_round`]
//! overlaps the two: while the host takes round k, the per-process pool hashes round k+1.
//! When the identifiers themselves live in the host's objects,
//! [`Signer::identifier_hashes_pipelined`] also overlaps reading them (see `pipelined`).

use std::sync::Arc;

use rayon::ThreadPool;
use rayon::prelude::*;

use crate::{Error, HASH_HEX_LEN, IdentifierHash, Signer, pool};

mod copied;
mod pipelined;

pub use copied::CopiedIdentifiers;

/// Identifiers per round: large enough that every round is spread over the pool, small enough
/// that a host's temporary copies stay a few megabytes whatever the batch's size.
pub const BATCH_ROUND_LEN: usize = 65_536;

/// Below this many identifiers a batch is hashed on the calling thread: waking the thread pool
/// costs more than it saves (measured in `make bench`).
const PARALLEL_BATCH_THRESHOLD: usize = 4096;

/// Identifiers per task once a batch runs in parallel, so each task amortises its scheduling.
const PARALLEL_MIN_CHUNK: usize = 1024;

/// Why a batch taken by rounds stopped: the core refused the batch, or the host's own code
/// failed while it took a round.
#[derive(Debug, PartialEq, Eq)]
pub enum BatchError<E> {
    /// The batch cannot be hashed (nothing was handed to the host).
    Core(Error),
    /// The host's `take` failed; later rounds were not handed over.
    Host(E),
}

impl Signer {
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
        let mut hashes = Vec::with_capacity(identifiers.len());
        self.hash_round(
            identifiers,
            &mut hashes,
            parallel_pool(identifiers.len()).as_deref(),
        );
        Ok(hashes)
    }

    /// Appends the hashes of many identifiers to `out` as one text: hash `i` is the 64
    /// characters at `64 * i` from where `out` ended. Nothing is appended on error.
    ///
    /// ```
    /// use chatwoot_identity::Signer;
    ///
    /// let signer = Signer::new("secret")?;
    /// let mut out = Vec::new();
    /// signer.append_identifier_hashes(&["a", "b"], &mut out)?;
    /// assert_eq!(&out[64..], signer.identifier_hash("b")?.as_bytes());
    /// # Ok::<(), chatwoot_identity::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::EmptyIdentifierInBatch`] naming the first empty identifier.
    pub fn append_identifier_hashes<I>(
        &self,
        identifiers: &[I],
        out: &mut Vec<u8>,
    ) -> Result<(), Error>
    where
        I: AsRef<[u8]> + Sync,
    {
        reject_empty(identifiers)?;
        let start = out.len();
        out.resize(start + identifiers.len() * HASH_HEX_LEN, 0);
        let write = |(id, slot): (&I, &mut [u8])| {
            slot.copy_from_slice(self.identifier_hash_unchecked(id.as_ref()).as_bytes());
        };
        let slots = &mut out[start..];
        match parallel_pool(identifiers.len()) {
            None => identifiers
                .iter()
                .zip(slots.chunks_exact_mut(HASH_HEX_LEN))
                .for_each(write),
            Some(pool) => pool.install(|| {
                identifiers
                    .par_iter()
                    .zip(slots.par_chunks_exact_mut(HASH_HEX_LEN))
                    .with_min_len(PARALLEL_MIN_CHUNK)
                    .for_each(write)
            }),
        }
        Ok(())
    }

    /// Hashes a batch round by round ([`BATCH_ROUND_LEN`] identifiers each) and hands each
    /// round's hashes to `take`, in order, on the calling thread. While `take` works on one
    /// round the pool hashes the next, so a host's string building overlaps the hashing.
    ///
    /// ```
    /// use chatwoot_identity::{IdentifierHash, Signer};
    ///
    /// let signer = Signer::new("secret")?;
    /// let ids: Vec<String> = (0..100_000).map(|i| format!("user-{i}")).collect();
    /// let mut texts: Vec<String> = Vec::with_capacity(ids.len());
    /// signer
    ///     .identifier_hashes_by_round(&ids, |round| {
    ///         texts.extend(round.iter().map(|hash| hash.as_str().to_owned()));
    ///         Ok::<(), std::convert::Infallible>(())
    ///     })
    ///     .unwrap();
    /// assert_eq!(texts[99_999], signer.identifier_hash("user-99999")?.as_str());
    /// # Ok::<(), chatwoot_identity::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`BatchError::Core`] with [`Error::EmptyIdentifierInBatch`] (its position in the whole
    /// batch) before any round is handed over; [`BatchError::Host`] with `take`'s own error.
    pub fn identifier_hashes_by_round<I, E>(
        &self,
        identifiers: &[I],
        mut take: impl FnMut(&[IdentifierHash]) -> Result<(), E>,
    ) -> Result<(), BatchError<E>>
    where
        I: AsRef<[u8]> + Sync,
    {
        reject_empty(identifiers).map_err(BatchError::Core)?;
        let pool = parallel_pool(identifiers.len());
        let pool = pool.as_deref();
        let mut rounds = identifiers.chunks(BATCH_ROUND_LEN);
        let Some(first) = rounds.next() else {
            return Ok(());
        };
        let mut current = Vec::with_capacity(first.len());
        let mut next = Vec::with_capacity(first.len());
        self.hash_round(first, &mut current, pool);
        for round in rounds {
            let taken = match pool {
                Some(pool) => pool.in_place_scope(|scope| {
                    scope.spawn(|_| self.hash_round(round, &mut next, Some(pool)));
                    take(&current)
                }),
                None => {
                    let taken = take(&current);
                    self.hash_round(round, &mut next, None);
                    taken
                }
            };
            taken.map_err(BatchError::Host)?;
            std::mem::swap(&mut current, &mut next);
        }
        take(&current).map_err(BatchError::Host)
    }

    /// Replaces `hashes` with the hashes of `round`; the caller has rejected empty identifiers.
    fn hash_round<I>(
        &self,
        round: &[I],
        hashes: &mut Vec<IdentifierHash>,
        pool: Option<&ThreadPool>,
    ) where
        I: AsRef<[u8]> + Sync,
    {
        self.hash_each(round.len(), |index| round[index].as_ref(), hashes, pool);
    }

    /// Replaces `hashes` with the hashes of the `len` identifiers `identifier(0..len)` gives,
    /// on the pool when it is given and the round is large enough to be worth waking it. The
    /// one place a round is hashed, whichever way its identifiers are held.
    fn hash_each<'a>(
        &self,
        len: usize,
        identifier: impl Fn(usize) -> &'a [u8] + Sync,
        hashes: &mut Vec<IdentifierHash>,
        pool: Option<&ThreadPool>,
    ) {
        let hash = |index: usize| self.identifier_hash_unchecked(identifier(index));
        match pool {
            Some(pool) if len >= PARALLEL_BATCH_THRESHOLD => pool.install(|| {
                (0..len)
                    .into_par_iter()
                    .with_min_len(PARALLEL_MIN_CHUNK)
                    .map(hash)
                    .collect_into_vec(hashes)
            }),
            _ => {
                hashes.clear();
                hashes.extend((0..len).map(hash));
            }
        }
    }
}

/// A batch is hashed only when every identifier can be: the first empty one is named by its
/// position in the whole batch.
fn reject_empty<I: AsRef<[u8]>>(identifiers: &[I]) -> Result<(), Error> {
    match identifiers.iter().position(|id| id.as_ref().is_empty()) {
        Some(index) => Err(Error::EmptyIdentifierInBatch { index }),
        None => Ok(()),
    }
}

/// The pool for a batch of `len` identifiers, or `None` to hash it on the calling thread.
fn parallel_pool(len: usize) -> Option<Arc<ThreadPool>> {
    if len < PARALLEL_BATCH_THRESHOLD {
        return None;
    }
    pool::this_process()
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use super::*;

    // Shared with the pipelined batch's tests (`pipelined/tests.rs`).
    pub(super) const SECRET: &str = "your-secret-token-for-hmac";

    pub(super) fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("user-{i}")).collect()
    }

    /// What every batch call must agree with: each identifier hashed on its own.
    pub(super) fn one_by_one(signer: &Signer, ids: &[String]) -> Vec<IdentifierHash> {
        ids.iter()
            .map(|id| signer.identifier_hash(id).unwrap())
            .collect()
    }

    /// What a host's failing call returns, which a batch must hand back as it was.
    pub(super) const HOST_FAILURE: &str = "host ran out of memory";

    /// A host's round callback that counts its calls in `calls` and fails at the second.
    pub(super) fn fail_at_the_second_call(calls: &mut usize) -> Result<(), &'static str> {
        *calls += 1;
        if *calls == 2 {
            Err(HOST_FAILURE)
        } else {
            Ok(())
        }
    }

    #[test]
    fn every_batch_call_matches_single_hashes_on_both_sides_of_every_boundary() {
        let signer = Signer::new(SECRET).unwrap();
        for n in [
            0,
            1,
            PARALLEL_BATCH_THRESHOLD - 1,
            PARALLEL_BATCH_THRESHOLD * 3 + 7,
            BATCH_ROUND_LEN,
            BATCH_ROUND_LEN * 2 + 5,
        ] {
            let ids = ids(n);
            let single = one_by_one(&signer, &ids);
            assert_eq!(signer.identifier_hashes(&ids).unwrap(), single, "{n}");

            let mut flat = b"kept".to_vec();
            signer.append_identifier_hashes(&ids, &mut flat).unwrap();
            assert_eq!(&flat[..4], b"kept");
            let flat_hashes: Vec<&[u8]> = flat[4..].chunks_exact(HASH_HEX_LEN).collect();
            let expected: Vec<&[u8]> = single.iter().map(|h| &h.as_bytes()[..]).collect();
            assert_eq!(flat_hashes, expected, "{n}");

            let mut by_round = Vec::new();
            let mut round_lengths = Vec::new();
            signer
                .identifier_hashes_by_round(&ids, |round| {
                    round_lengths.push(round.len());
                    by_round.extend_from_slice(round);
                    Ok::<(), Infallible>(())
                })
                .unwrap();
            assert_eq!(by_round, single, "{n}");
            assert!(
                round_lengths
                    .iter()
                    .all(|&len| len > 0 && len <= BATCH_ROUND_LEN)
            );
        }
    }

    #[test]
    fn an_empty_identifier_is_named_by_its_place_in_the_whole_batch() {
        let signer = Signer::new(SECRET).unwrap();
        let mut ids = ids(BATCH_ROUND_LEN * 2 + 10);
        let late = BATCH_ROUND_LEN * 2 + 3;
        ids[late].clear();
        let expected = Error::EmptyIdentifierInBatch { index: late };
        assert_eq!(signer.identifier_hashes(&ids), Err(expected.clone()));

        let mut out = b"kept".to_vec();
        assert_eq!(
            signer.append_identifier_hashes(&ids, &mut out),
            Err(expected.clone())
        );
        assert_eq!(out, b"kept", "nothing appended");

        let mut rounds_taken = 0;
        let result = signer.identifier_hashes_by_round(&ids, |_| {
            rounds_taken += 1;
            Ok::<(), Infallible>(())
        });
        assert_eq!(result, Err(BatchError::Core(expected)));
        assert_eq!(
            rounds_taken, 0,
            "no round is handed over from a refused batch"
        );
    }

    #[test]
    fn a_host_error_stops_the_rounds_and_comes_back_as_it_was() {
        let signer = Signer::new(SECRET).unwrap();
        let ids = ids(BATCH_ROUND_LEN * 3);
        let mut rounds_taken = 0;
        let result =
            signer.identifier_hashes_by_round(&ids, |_| fail_at_the_second_call(&mut rounds_taken));
        assert_eq!(result, Err(BatchError::Host(HOST_FAILURE)));
        assert_eq!(rounds_taken, 2);
    }
}
