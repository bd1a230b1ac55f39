//! Batches: identifiers read from a JavaScript array into one buffer, then hashed by the core
//! (in parallel above its threshold), on the calling thread or on libuv's pool.

use std::ops::Range;

use chatwoot_identity::{HASH_HEX_LEN, Signer};
use napi::bindgen_prelude::Task;
use napi::{Env, sys};

use crate::argument::{self, Param, Scratch};
use crate::errors;
use crate::output::ConcatenatedHashes;

/// Every identifier of a batch, back to back in one allocation (not one per identifier).
pub(crate) struct Identifiers {
    bytes: Vec<u8>,
    ranges: Vec<Range<usize>>,
}

impl Identifiers {
    /// Reads `array`, which must be a JavaScript `Array` of identifiers.
    ///
    /// # Safety
    /// `env` and `array` must come from the current napi call.
    pub(crate) unsafe fn read(env: sys::napi_env, array: sys::napi_value) -> napi::Result<Self> {
        let mut is_array = false;
        // SAFETY: forwarded from the caller.
        errors::check(unsafe { sys::napi_is_array(env, array, &mut is_array) })?;
        if !is_array {
            return Err(errors::wrong_type(
                env,
                "identifiers",
                "an array of identifiers",
            ));
        }
        let mut len = 0;
        // SAFETY: `array` is an array.
        errors::check(unsafe { sys::napi_get_array_length(env, array, &mut len) })?;
        let mut identifiers = Identifiers {
            // Typical identifiers (UUIDs, e-mail addresses) are under 40 bytes.
            bytes: Vec::with_capacity(len as usize * 40),
            ranges: Vec::with_capacity(len as usize),
        };
        let mut scratch = Scratch::new();
        for chunk_start in (0..len).step_by(ELEMENTS_PER_HANDLE_SCOPE as usize) {
            let chunk_end = len.min(chunk_start + ELEMENTS_PER_HANDLE_SCOPE);
            // SAFETY: every index is below the array's length; each item's bytes are copied
            // into `identifiers` before its handle's scope closes.
            unsafe {
                in_handle_scope(env, || {
                    for index in chunk_start..chunk_end {
                        let mut item = std::ptr::null_mut();
                        errors::check(sys::napi_get_element(env, array, index, &mut item))?;
                        let param = Param::BatchItem(index as usize);
                        let bytes = argument::identifier(env, item, param, &mut scratch)?;
                        identifiers.push(bytes.as_ref());
                    }
                    Ok(())
                })?;
            }
        }
        Ok(identifiers)
    }

    fn push(&mut self, identifier: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(identifier);
        self.ranges.push(start..self.bytes.len());
    }

    /// Hashes every identifier into one text of 64 hex characters per identifier.
    ///
    /// The core writes each slice's hashes straight into the text; slicing bounds the borrowed
    /// identifier list to one slice instead of the whole batch.
    pub(crate) fn hash(
        &self,
        signer: &Signer,
    ) -> Result<ConcatenatedHashes, chatwoot_identity::Error> {
        let mut text = Vec::with_capacity(self.ranges.len() * HASH_HEX_LEN);
        let mut slices = Vec::with_capacity(self.ranges.len().min(HASH_SLICE_LEN));
        for (slice_index, ranges) in self.ranges.chunks(HASH_SLICE_LEN).enumerate() {
            slices.clear();
            slices.extend(ranges.iter().map(|range| &self.bytes[range.clone()]));
            let start = text.len();
            text.resize(start + slices.len() * HASH_HEX_LEN, 0);
            signer
                .identifier_hashes_into(&slices, &mut text[start..])
                .map_err(|error| in_whole_batch(error, slice_index * HASH_SLICE_LEN))?;
        }
        Ok(ConcatenatedHashes::from_text(text))
    }
}

/// Identifiers per call into the core: far above its parallel threshold, small enough to keep
/// the list of borrowed identifiers short.
const HASH_SLICE_LEN: usize = 1 << 16;

/// A core error about a slice of the batch, with the position made relative to the whole.
fn in_whole_batch(error: chatwoot_identity::Error, offset: usize) -> chatwoot_identity::Error {
    match error {
        chatwoot_identity::Error::EmptyIdentifierInBatch { index } => {
            chatwoot_identity::Error::EmptyIdentifierInBatch {
                index: offset + index,
            }
        }
        other => other,
    }
}

/// Handles created per element of a big array live in a scope of this many elements: one
/// scope for a million handles makes every garbage collection meanwhile scan them all.
const ELEMENTS_PER_HANDLE_SCOPE: u32 = 1024;

/// Runs `body` inside its own handle scope, so the handles it creates are released after it.
///
/// # Safety
/// `env` must be the live environment of the current call, and `body` must not return a
/// handle created inside it.
unsafe fn in_handle_scope<T>(
    env: sys::napi_env,
    body: impl FnOnce() -> napi::Result<T>,
) -> napi::Result<T> {
    let mut scope = std::ptr::null_mut();
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_open_handle_scope(env, &mut scope) })?;
    let result = body();
    // SAFETY: `scope` was opened above and no scope opened inside `body` is still open.
    let closed = errors::check(unsafe { sys::napi_close_handle_scope(env, scope) });
    result.and_then(|value| closed.map(|()| value))
}

/// `Signer.identifierHashesAsync`: hashes on libuv's thread pool so the event loop keeps running.
pub struct HashBatch {
    pub(crate) signer: Signer,
    pub(crate) identifiers: Identifiers,
}

impl Task for HashBatch {
    // The core error cannot become a JavaScript error off the main thread; `resolve` maps it.
    type Output = Result<ConcatenatedHashes, chatwoot_identity::Error>;
    type JsValue = ConcatenatedHashes;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(self.identifiers.hash(&self.signer))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|error| errors::from_core(env.raw(), &error))
    }
}
