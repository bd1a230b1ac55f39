//! `ChatwootIdentity.Signer.identifier_hashes/2`: many identifiers in one call.
//!
//! A long list is hashed on a dirty CPU scheduler (see `dirty.rs`): a big batch never holds up
//! a scheduler, and a small one does not pay for the move to a dirty scheduler.

use std::borrow::Cow;

use chatwoot_identity::{CopiedIdentifiers, HASH_HEX_LEN};
use rustler::{Binary, Encoder, Env, NewBinary, Term};

use crate::arguments::{self, Identifier, Parameter};
use crate::dirty::{Budget, nif_with_dirty_twin};
use crate::reply::{Failure, Outcome};

/// In identifiers. From 2048 a batch runs on a dirty scheduler: below it the whole call takes
/// about 0.3 ms here, under the millisecond a NIF may hold a normal scheduler, and less than
/// the move to a dirty scheduler and back would add to a short batch. A normal scheduler
/// hashes about 10,000 in its timeslice (at about 100 ns each).
const BATCH: Budget = Budget {
    dirty_from: 2048,
    per_timeslice: 10_000,
};

nif_with_dirty_twin! {
    fn signer_identifier_hashes / signer_identifier_hashes_dirty(_, signer, identifiers),
    costing identifiers.list_length().unwrap_or(0), of BATCH => {
        identifier_hashes(signer, identifiers)
    }
}

fn identifier_hashes<'a>(signer: Term<'a>, identifiers: Term<'a>) -> Outcome<HashList> {
    let signer = arguments::signer(signer)?;
    let count = identifiers
        .list_length()
        .map_err(|_| match identifiers.is_list() {
            true => Failure::Argument("identifiers must be a proper list".into()),
            false => arguments::wrong_type(identifiers, Parameter::Named("identifiers"), "a list"),
        })?;
    let batch = Batch::read(identifiers, count)?;
    let slices = batch.slices();
    let mut hex = Vec::with_capacity(slices.len() * HASH_HEX_LEN);
    signer.0.append_identifier_hashes(&slices, &mut hex)?;
    Ok(HashList(hex))
}

/// The hashes of a batch end to end, as the core wrote them on every core.
///
/// Each hash reaches Elixir as a sub-binary of a shared binary of [`HASHES_PER_BINARY`]
/// hashes, not as a 64-byte binary of its own: a sub-binary is a few words on the process
/// heap and its bytes stay off it, where 64-byte binaries (heap binaries) are built and then
/// copied by the VM into the caller's heap, which took about 40% of a 1,000,000-identifier
/// batch. The shared binaries are small, so a hash kept long after the rest were dropped
/// keeps at most 16 KB alive (`:binary.copy/1` detaches it).
struct HashList(Vec<u8>);

/// 256 hashes: 16 KB per shared binary, about 4,000 of them for 1,000,000 identifiers.
const HASHES_PER_BINARY: usize = 256;

impl Encoder for HashList {
    fn encode<'a>(&self, env: Env<'a>) -> Term<'a> {
        // Consed onto the list from the last hash, so no array of terms is needed.
        let mut list = Term::list_new_empty(env);
        for chunk in self.0.chunks(HASHES_PER_BINARY * HASH_HEX_LEN).rev() {
            let shared = Binary::from(NewBinary::from_slice(env, chunk));
            for start in (0..chunk.len()).step_by(HASH_HEX_LEN).rev() {
                let hash = shared
                    .make_subbinary(start, HASH_HEX_LEN)
                    .expect("a whole hash within the shared binary");
                list = list.list_prepend(hash);
            }
        }
        list
    }
}

/// The identifiers of one call: binaries borrowed from their terms (valid for the whole call),
/// integers rendered once, their decimal texts back to back in one buffer.
struct Batch<'a> {
    texts: Vec<&'a [u8]>,
    integers: CopiedIdentifiers,
    /// Each integer's position in the batch, in the order of `integers`.
    places: Vec<usize>,
}

impl<'a> Batch<'a> {
    fn read(list: Term<'a>, count: usize) -> Outcome<Self> {
        let mut batch = Batch {
            texts: Vec::with_capacity(count),
            integers: CopiedIdentifiers::default(),
            places: Vec::new(),
        };
        let elements = list
            .into_list_iterator()
            .map_err(|_| Failure::Argument("identifiers must be a list".into()))?;
        for (index, element) in elements.enumerate() {
            match arguments::identifier(element, Parameter::BatchItem(index))? {
                Identifier::Text(bytes) => batch.texts.push(bytes),
                Identifier::Integer(integer) => {
                    batch.integers.push(integer.as_bytes());
                    batch.places.push(index);
                    batch.texts.push(&[]);
                }
            }
        }
        Ok(batch)
    }

    /// Every identifier's bytes, in order; the binaries' own slices when there is no integer.
    fn slices(&self) -> Cow<'_, [&[u8]]> {
        if self.integers.is_empty() {
            return Cow::Borrowed(&self.texts);
        }
        let mut slices = self.texts.clone();
        for (&place, digits) in self.places.iter().zip(self.integers.slices()) {
            slices[place] = digits;
        }
        Cow::Owned(slices)
    }
}
