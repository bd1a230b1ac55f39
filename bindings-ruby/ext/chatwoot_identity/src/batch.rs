//! `Signer#identifier_hashes`: many identifiers in one call, hashed without the GVL.

use std::ops::Range;

use chatwoot_identity::{IdentifierHash, Signer};
use magnus::{Error, RArray, RString, Ruby, Value};

use crate::arguments::{self, Parameter};
use crate::errors;
use crate::without_gvl::without_gvl;

/// From this many identifiers the hashing (about 0.1 ms and up) runs without the GVL; below
/// it, handing the GVL to another thread and waiting to get it back costs more than it frees.
const RELEASE_GVL_FROM: usize = 1024;

/// Identifiers hashed per trip without the GVL. Large enough that releasing the GVL and waking
/// the thread pool are noise; small enough that the buffers stay in cache and are reused,
/// instead of a million identifiers needing hundreds of megabytes of fresh memory at once.
/// (Hashing one chunk on another thread while this one builds the previous chunk's Strings was
/// tried: no faster on this machine, so the simpler sequential loop stays.)
const CHUNK_LEN: usize = 65_536;

/// "-170141183460469231731687303715884105728" (i128::MIN).
const MAX_INTEGER_TEXT_LEN: usize = 40;

type CoreResult = Result<Vec<IdentifierHash>, chatwoot_identity::Error>;

pub fn identifier_hashes(
    ruby: &Ruby,
    signer: &Signer,
    identifiers: Value,
) -> Result<RArray, Error> {
    let array = RArray::from_value(identifiers).ok_or_else(|| {
        arguments::wrong_type(
            ruby,
            identifiers,
            Parameter::Named("identifiers"),
            "an Array",
        )
    })?;
    // Copy-on-write: other threads run while a chunk is hashed and may change `identifiers`;
    // the batch hashes the array as it was when called.
    let snapshot = array.dup();
    let count = snapshot.len();
    let hashes = ruby.ary_new_capa(count);
    let mut chunk = CopiedIdentifiers::default();
    for start in (0..count).step_by(CHUNK_LEN) {
        chunk.refill(ruby, snapshot, start..count.min(start + CHUNK_LEN))?;
        let slices = chunk.slices();
        let hashed = if slices.len() >= RELEASE_GVL_FROM {
            without_gvl(|| signer.identifier_hashes(&slices))
        } else {
            signer.identifier_hashes(&slices)
        };
        push_strings(ruby, hashes, &in_whole_batch(ruby, hashed, start)?)?;
    }
    Ok(hashes)
}

/// A chunk's hashes, or its error with the position counted from the start of the whole batch
/// (the core numbers an empty identifier within the chunk it was given).
fn in_whole_batch(
    ruby: &Ruby,
    hashed: CoreResult,
    chunk_start: usize,
) -> Result<Vec<IdentifierHash>, Error> {
    hashed.map_err(|error| {
        let error = match error {
            chatwoot_identity::Error::EmptyIdentifierInBatch { index } => {
                chatwoot_identity::Error::EmptyIdentifierInBatch {
                    index: chunk_start + index,
                }
            }
            other => other,
        };
        errors::to_ruby(ruby, error)
    })
}

/// Appends each hash as a new String.
fn push_strings(ruby: &Ruby, hashes: RArray, hashed: &[IdentifierHash]) -> Result<(), Error> {
    // One push per hash: `rb_ary_cat` of many new strings would mark the whole array as
    // remembered, and every minor GC would then rescan it (measured: 3x slower).
    for hash in hashed {
        hashes.push(ruby.str_new(hash.as_str()))?;
    }
    Ok(())
}

/// One chunk's identifiers, copied end to end into one buffer: the hashing runs without the
/// GVL, when Ruby is free to change or collect the original strings.
#[derive(Default)]
struct CopiedIdentifiers {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl CopiedIdentifiers {
    fn refill(&mut self, ruby: &Ruby, array: RArray, range: Range<usize>) -> Result<(), Error> {
        // SAFETY: the elements are only read, and no Ruby code runs (nothing allocates a Ruby
        // object) until the copy is complete, so the array cannot change meanwhile.
        let elements = unsafe { array.as_slice() };
        let Some(elements) = elements.get(range.clone()) else {
            unreachable!("a snapshot's length does not change");
        };
        self.bytes.clear();
        self.bytes.reserve(upper_bound_of_bytes(elements));
        self.ends.clear();
        for (index, &value) in range.zip(elements) {
            let identifier = arguments::identifier(ruby, value, Parameter::Element(index))?;
            // SAFETY: see above; the borrow ends with the copy.
            let bytes = unsafe { identifier.bytes() };
            self.bytes.extend_from_slice(bytes);
            self.ends.push(self.bytes.len());
        }
        Ok(())
    }

    fn slices(&self) -> Vec<&[u8]> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&end| {
                let slice = &self.bytes[start..end];
                start = end;
                slice
            })
            .collect()
    }
}

/// Enough bytes for every identifier, so the copy never reallocates: a String's length, or the
/// longest decimal text of a 128-bit integer for anything else (other types fail the copy).
fn upper_bound_of_bytes(elements: &[Value]) -> usize {
    elements
        .iter()
        .map(|&value| RString::from_value(value).map_or(MAX_INTEGER_TEXT_LEN, |text| text.len()))
        .sum()
}
