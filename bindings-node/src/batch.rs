//! Batches: identifiers read from a JavaScript array and hashed by the core (in parallel above
//! its threshold): round by round on the calling thread, or all at once for libuv's pool.

use std::ops::Range;

use chatwoot_identity::{BatchError, CopiedIdentifiers, Signer};
use napi::bindgen_prelude::Task;
use napi::{Env, sys};

use crate::argument::{self, Parameter, Scratch};
use crate::output::{self, ConcatenatedHashes};
use crate::{errors, js};

/// Every identifier of the JavaScript `Array` `array`, copied for the async batch (whose
/// hashing runs where the array cannot be read).
///
/// # Safety
/// `env` and `array` must come from the current napi call.
pub(crate) unsafe fn copy_all(
    env: sys::napi_env,
    array: sys::napi_value,
) -> napi::Result<CopiedIdentifiers> {
    // SAFETY: forwarded from the caller.
    let len = unsafe { array_length(env, array)? };
    // Typical identifiers (UUIDs, e-mail addresses) are under 40 bytes.
    let mut copied = CopiedIdentifiers::with_capacity(len, 40);
    // SAFETY: forwarded from the caller; `len` is the array's length.
    unsafe { read_items(env, array, 0..len, |bytes| copied.push(bytes))? };
    Ok(copied)
}

/// Hashes the JavaScript `Array` `array` and hands the hashes to the JavaScript function
/// `take`, round by round, each round as one string of 64 characters per hash; `index.js`
/// slices them into the result array. While this thread reads round k+1 out of the array and
/// `take` slices round k-1, the core's pool hashes round k.
///
/// # Safety
/// `env`, `array` and `take` (a function) must come from the current napi call.
pub(crate) unsafe fn hash_pipelined(
    env: sys::napi_env,
    signer: &Signer,
    array: sys::napi_value,
    take: sys::napi_value,
) -> napi::Result<()> {
    // SAFETY: forwarded from the caller.
    let len = unsafe { array_length(env, array)? };
    let mut text = Vec::new();
    let hashed = signer.identifier_hashes_pipelined(
        len,
        // SAFETY: forwarded from the caller; the core asks only for positions below `len`.
        |range, round| unsafe { read_items(env, array, range, |bytes| round.push(bytes)) },
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

/// Reads the identifiers at `positions` of `array` and hands each one's bytes to `push`, in
/// order; a bad item is thrown as `identifiers[N]`.
///
/// # Safety
/// `env` and `array` (an `Array`) must come from the current napi call, and `positions` must
/// lie within the length it had when the call began.
unsafe fn read_items(
    env: sys::napi_env,
    array: sys::napi_value,
    positions: Range<usize>,
    mut push: impl FnMut(&[u8]),
) -> napi::Result<()> {
    let mut scratch = Scratch::new();
    for chunk_start in positions.clone().step_by(ELEMENTS_PER_HANDLE_SCOPE) {
        let chunk = chunk_start..positions.end.min(chunk_start + ELEMENTS_PER_HANDLE_SCOPE);
        // SAFETY: forwarded from the caller; each item's bytes are handed over before its
        // handle's scope closes.
        unsafe {
            in_handle_scope(env, || {
                for index in chunk {
                    // An array's length is below 2^32, so every index fits.
                    let item = js::element(env, array, index as u32)?;
                    let param = Parameter::BatchItem(index);
                    push(argument::identifier(env, item, param, &mut scratch)?.as_ref());
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// Calls the JavaScript function `take` with `text` (ASCII) as a string.
///
/// # Safety
/// `env` and `take` must come from the current napi call.
unsafe fn call_take(env: sys::napi_env, take: sys::napi_value, text: &[u8]) -> napi::Result<()> {
    // SAFETY: forwarded from the caller; the string's handle closes with its scope.
    unsafe {
        in_handle_scope(env, || {
            let round = output::ascii(env, text)?;
            js::call(env, js::undefined(env)?, take, round).map(drop)
        })
    }
}

/// Handles created per element of a big array live in a scope of this many elements: one
/// scope for a million handles makes every garbage collection meanwhile scan them all.
const ELEMENTS_PER_HANDLE_SCOPE: usize = 1024;

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
