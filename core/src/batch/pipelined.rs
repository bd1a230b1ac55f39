//! Batches whose identifiers live in a host's own objects (a Python list, a JavaScript array):
//! reading them, hashing them and turning the hashes into host strings overlap.
//!
//! Reading an identifier out of a host object and making a host string of a hash both need the
//! host's thread (the GIL, V8's isolate); hashing does not. Read all first and the pool idles
//! while the host reads; so the host reads round k+1 and takes round k-1 while the pool hashes
//! round k. Only one round of copied identifiers and two rounds of hashes exist at a time.

use std::ops::Range;

use super::{BATCH_ROUND_LEN, BatchError, CopiedIdentifiers};
use crate::{Error, IdentifierHash, Signer};

impl Signer {
    /// Hashes `len` identifiers that the host hands over round by round, and hands their hashes
    /// back round by round, in order.
    ///
    /// `read(range, round)` pushes the identifiers at positions `range` of the whole batch into
    /// `round`; `take(hashes)` receives the next round's hashes. Both run on the calling thread,
    /// one after the other; meanwhile the per-process pool hashes the round between them. A
    /// round holds at most [`BATCH_ROUND_LEN`] identifiers.
    ///
    /// ```
    /// use chatwoot_identity::Signer;
    ///
    /// let signer = Signer::new("secret")?;
    /// let ids: Vec<String> = (0..100_000).map(|i| format!("user-{i}")).collect();
    /// let mut texts: Vec<String> = Vec::with_capacity(ids.len());
    /// signer
    ///     .identifier_hashes_pipelined(
    ///         ids.len(),
    ///         |range, round| {
    ///             ids[range].iter().for_each(|id| round.push(id.as_bytes()));
    ///             Ok::<(), std::convert::Infallible>(())
    ///         },
    ///         |hashes| {
    ///             texts.extend(hashes.iter().map(|hash| hash.as_str().to_owned()));
    ///             Ok(())
    ///         },
    ///     )
    ///     .unwrap();
    /// assert_eq!(texts[99_999], signer.identifier_hash("user-99999")?.as_str());
    /// # Ok::<(), chatwoot_identity::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`BatchError::Core`] with [`Error::EmptyIdentifierInBatch`], naming the first empty
    /// identifier by its position in the whole batch, and [`BatchError::Host`] with the error of
    /// `read` or `take`, which ends the batch. Rounds before the failing one may already have
    /// been taken: the host discards what it built from them.
    ///
    /// # Panics
    /// If `read` pushes other than `range.len()` identifiers: that is a bug in the host.
    pub fn identifier_hashes_pipelined<E>(
        &self,
        len: usize,
        mut read: impl FnMut(Range<usize>, &mut CopiedIdentifiers) -> Result<(), E>,
        mut take: impl FnMut(&[IdentifierHash]) -> Result<(), E>,
    ) -> Result<(), BatchError<E>> {
        let pool = super::parallel_pool(len);
        let pool = pool.as_deref();
        let mut rounds = (0..len)
            .step_by(BATCH_ROUND_LEN)
            .map(|start| start..len.min(start + BATCH_ROUND_LEN));
        let Some(first) = rounds.next() else {
            return Ok(());
        };
        let mut hashing = CopiedIdentifiers::default();
        let mut reading = CopiedIdentifiers::default();
        read_round(first, &mut hashing, &mut read)?;

        let mut hashes = Vec::new();
        let mut taking: Option<Vec<IdentifierHash>> = None;
        loop {
            let next = rounds.next();
            let mut host_work = || -> Result<(), BatchError<E>> {
                if let Some(hashed) = &taking {
                    take(hashed).map_err(BatchError::Host)?;
                }
                match next.clone() {
                    Some(range) => read_round(range, &mut reading, &mut read),
                    None => Ok(()),
                }
            };
            let hash = |hashes: &mut Vec<IdentifierHash>| {
                self.hash_each(hashing.len(), |index| hashing.get(index), hashes, pool);
            };
            match pool {
                Some(pool) => pool.in_place_scope(|scope| {
                    scope.spawn(|_| hash(&mut hashes));
                    host_work()
                })?,
                None => {
                    host_work()?;
                    hash(&mut hashes);
                }
            }
            let hashed = std::mem::take(&mut hashes);
            hashes = taking.replace(hashed).unwrap_or_default();
            if next.is_none() {
                break;
            }
            std::mem::swap(&mut hashing, &mut reading);
        }
        match &taking {
            Some(hashed) => take(hashed).map_err(BatchError::Host),
            None => Ok(()),
        }
    }
}

/// Has the host fill `round` with the identifiers at `range`, and refuses an empty one by its
/// position in the whole batch.
fn read_round<E>(
    range: Range<usize>,
    round: &mut CopiedIdentifiers,
    read: &mut impl FnMut(Range<usize>, &mut CopiedIdentifiers) -> Result<(), E>,
) -> Result<(), BatchError<E>> {
    round.clear();
    let start = range.start;
    let expected = range.len();
    read(range, round).map_err(BatchError::Host)?;
    assert_eq!(
        round.len(),
        expected,
        "the host pushes one identifier per position"
    );
    match round.first_empty() {
        Some(index) => Err(BatchError::Core(Error::EmptyIdentifierInBatch {
            index: start + index,
        })),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
