//! `Signer#identifier_hashes`: the whole batch is copied out of Ruby and handed to the core in
//! one call, so the core alone counts positions (`identifiers[N]` is always the place in the
//! whole Array); the hashing runs without the GVL.

use std::sync::mpsc;
use std::thread;

use chatwoot_identity::{BATCH_ROUND_LEN, BatchError, CopiedIdentifiers, IdentifierHash, Signer};
use magnus::{Error, RArray, Ruby, Value};

use crate::arguments::{self, Parameter};
use crate::errors::OrRaise;
use crate::without_gvl::without_gvl;

/// From this many identifiers the hashing (about 0.1 ms and up) runs without the GVL; below
/// it, handing the GVL to another thread and waiting to get it back costs more than it frees.
const RELEASE_GVL_FROM: usize = 1024;

pub fn identifier_hashes(
    ruby: &Ruby,
    signer: &Signer,
    identifiers: Value,
) -> Result<RArray, Error> {
    let array = RArray::from_value(identifiers).ok_or_else(|| {
        let parameter = Parameter::Named("identifiers");
        arguments::wrong_type(ruby, identifiers, parameter, "an Array")
    })?;
    let copied = copy(ruby, array)?;
    let hashes = ruby.ary_new_capa(copied.len());
    if copied.len() <= BATCH_ROUND_LEN {
        // One round's hashes (4 MiB at most) exist at once before they become Strings.
        let hash = || signer.identifier_hashes(&copied.slices());
        let hashed = match copied.len() >= RELEASE_GVL_FROM {
            true => without_gvl(hash),
            false => hash(),
        };
        push_strings(ruby, hashes, &hashed.or_raise(ruby)?)?;
        return Ok(hashes);
    }
    // Larger batches go round by round, so memory stays a few rounds of hashes whatever the
    // size: a thread of ours drives the core's rounds (the pool hashes round k+1 while this
    // thread turns round k into Strings) and hands each over; this thread waits for them
    // without the GVL. The worker owns everything it reads, so nothing of this frame is
    // borrowed by another thread if a Ruby exception leaves it.
    let (sender, rounds) = mpsc::sync_channel(1);
    let signer = signer.clone();
    let worker = thread::Builder::new()
        .name("chatwoot-identity-batch".to_owned())
        .spawn(move || {
            let slices = copied.slices();
            signer.identifier_hashes_by_round(&slices, |round| sender.send(round.to_vec()))
        })
        .map_err(|_| Error::new(ruby.exception_thread_error(), "no thread for the batch"))?;
    while let Ok(round) = without_gvl(|| rounds.recv()) {
        push_strings(ruby, hashes, &round)?;
    }
    match worker.join() {
        Ok(Ok(())) => Ok(hashes),
        Ok(Err(BatchError::Core(error))) => Err(error).or_raise(ruby),
        Ok(Err(BatchError::Host(_))) => unreachable!("the receiver outlives every round"),
        Err(panic) => std::panic::resume_unwind(panic),
    }
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

/// Every identifier's bytes, copied as the Array is now: the hashing runs without the GVL, when
/// Ruby is free to change or collect the original Strings. No Ruby code runs until the copy is
/// complete, so no other thread can change the Array meanwhile. A bad element is named by its
/// index.
fn copy(ruby: &Ruby, array: RArray) -> Result<CopiedIdentifiers, Error> {
    let len = array.len();
    let mut copied = CopiedIdentifiers::with_capacity(len, 16);
    for index in 0..len {
        let value: Value = array.entry(index as isize)?;
        let identifier = arguments::identifier(ruby, value, Parameter::BatchItem(index))?;
        // SAFETY: the borrow ends with the copy, before any Ruby code runs.
        copied.push(unsafe { identifier.bytes() });
    }
    Ok(copied)
}
