//! Batches: identifiers read from a JavaScript array and hashed by the core (in parallel above
//! its threshold): round by round on the calling thread, or all at once for libuv's pool.

use chatwoot_identity::{BatchError, CopiedIdentifiers, Signer};
use napi::bindgen_prelude::Task;
use napi::{Env, sys};

use crate::items::ItemReader;
use crate::output::{self, ConcatenatedHashes};
use crate::{errors, js};

/// Every identifier of the JavaScript `Array` `array`, copied for the async batch (whose
/// hashing runs where the array cannot be read).
///
/// # Safety
/// `env` and the values (`read_items` `index.js`'s reader) must come from the current napi
/// call.
pub(crate) unsafe fn copy_all(
    env: sys::napi_env,
    array: sys::napi_value,
    read_items: sys::napi_value,
) -> napi::Result<CopiedIdentifiers> {
    // SAFETY: forwarded from the caller.
    let len = unsafe { array_length(env, array)? };
    let reader = ItemReader { array, read_items };
    // Typical identifiers (UUIDs, e-mail addresses) are under 40 bytes.
    let mut copied = CopiedIdentifiers::with_capacity(len, 40);
    // SAFETY: forwarded from the caller; `len` is the array's length.
    unsafe { reader.read(env, 0..len, &mut copied)? };
    Ok(copied)
}

/// Hashes the JavaScript `Array` `array` and hands the hashes to the JavaScript function
/// `take`, round by round, each round as one string of 64 characters per hash; `index.js`
/// slices them into the result array. While this thread reads round k+1 out of the array and
/// `take` slices round k-1, the core's pool hashes round k.
///
/// # Safety
/// `env` and the values (`read_items` `index.js`'s reader, `take` a function) must come from
/// the current napi call.
pub(crate) unsafe fn hash_pipelined(
    env: sys::napi_env,
    signer: &Signer,
    [array, read_items, take]: [sys::napi_value; 3],
) -> napi::Result<()> {
    // SAFETY: forwarded from the caller.
    let len = unsafe { array_length(env, array)? };
    let reader = ItemReader { array, read_items };
    let mut text = Vec::new();
    let hashed = signer.identifier_hashes_pipelined(
        len,
        // SAFETY: forwarded from the caller; the core asks only for positions below `len`.
        |range, round| unsafe { reader.read(env, range, round) },
        |round| {
            text.clear();
            for hash in round {
                text.extend_from_slice(hash.as_bytes());
            }
            // SAFETY: forwarded from the caller.
            unsafe { call_take(env, take, &text) }
        },
    );
    match hashed {
        Ok(()) => Ok(()),
        Err(BatchError::Core(error)) => Err(errors::from_core(env, &error)),
        Err(BatchError::Host(error)) => Err(error),
    }
}

/// The length of `value`, which must be a JavaScript `Array`.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
unsafe fn array_length(env: sys::napi_env, value: sys::napi_value) -> napi::Result<usize> {
    // SAFETY: forwarded from the caller.
    if !unsafe { js::is_array(env, value)? } {
        return Err(errors::wrong_type(
            env,
            "identifiers",
            "an array of identifiers",
        ));
    }
    // SAFETY: `value` is an array.
    Ok(unsafe { js::array_length(env, value)? } as usize)
}

/// Calls the JavaScript function `take` with `text` (ASCII) as a string.
///
/// # Safety
/// `env` and `take` must come from the current napi call.
unsafe fn call_take(env: sys::napi_env, take: sys::napi_value, text: &[u8]) -> napi::Result<()> {
    // SAFETY: forwarded from the caller; the string's handle closes with its scope.
    unsafe {
        js::in_handle_scope(env, || {
            let round = output::ascii(env, text)?;
            js::call(env, take, &[round]).map(drop)
        })
    }
}

/// `Signer.identifierHashesAsync`: hashes on libuv's thread pool so the event loop keeps running.
pub struct HashBatch {
    pub(crate) signer: Signer,
    pub(crate) identifiers: CopiedIdentifiers,
}

impl Task for HashBatch {
    // The core error cannot become a JavaScript error off the main thread; `resolve` maps it.
    type Output = Result<ConcatenatedHashes, chatwoot_identity::Error>;
    type JsValue = ConcatenatedHashes;

    /// Every hash as one text, 64 characters each, in order.
    fn compute(&mut self) -> napi::Result<Self::Output> {
        let mut text = Vec::new();
        let hashed = self
            .signer
            .append_identifier_hashes(&self.identifiers.slices(), &mut text);
        Ok(hashed.map(|()| ConcatenatedHashes::from_text(text)))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        output.map_err(|error| errors::from_core(env.raw(), &error))
    }
}
