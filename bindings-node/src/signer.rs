//! `class Signer`: an inbox secret prepared once. The JavaScript object holds no property, so
//! `util.inspect` and `JSON.stringify` have nothing to show; the secret lives only in the core's
//! prepared (and zeroized-on-drop) HMAC state.

use napi::bindgen_prelude::{AsyncTask, Unknown};
use napi::{Env, JsValue};
use napi_derive::napi;

use crate::argument::{self, CANDIDATE, IDENTIFIER, SECRET, Scratch};
use crate::batch::{HashBatch, Identifiers};
use crate::errors;
use crate::output::{ConcatenatedHashes, HashString};

/// An inbox's HMAC secret, prepared once for any number of hashes (cheaper per hash than
/// `identifierHash`). Share one per inbox; it never reveals the secret.
#[napi]
pub struct Signer {
    inner: chatwoot_identity::Signer,
}

#[napi]
impl Signer {
    /// Prepares `secret`, the inbox's HMAC secret (Chatwoot: Settings > Inboxes > Configuration >
    /// Identity validation). Throws `Error` with `code: 'empty_secret'` when it is empty.
    #[napi(constructor, ts_args_type = "secret: string | Uint8Array")]
    pub fn new(env: Env, secret: Unknown) -> napi::Result<Self> {
        // SAFETY: both values come from this call and the bytes are used only inside it.
        let mut scratch = Scratch::new();
        let secret =
            unsafe { argument::text_or_bytes(env.raw(), secret.raw(), SECRET, &mut scratch)? };
        let inner =
            chatwoot_identity::Signer::new(secret).map_err(|e| errors::from_core(env.raw(), &e))?;
        Ok(Signer { inner })
    }

    /// The `identifier_hash` Chatwoot expects for `identifier`: 64 lowercase hex characters.
    #[napi(
        ts_args_type = "identifier: string | Uint8Array | number | bigint",
        ts_return_type = "string"
    )]
    pub fn identifier_hash(&self, env: Env, identifier: Unknown) -> napi::Result<HashString> {
        // SAFETY: as in `new`.
        let mut scratch = Scratch::new();
        let identifier =
            unsafe { argument::identifier(env.raw(), identifier.raw(), IDENTIFIER, &mut scratch)? };
        self.inner
            .identifier_hash(identifier)
            .map(HashString)
            .map_err(|e| errors::from_core(env.raw(), &e))
    }

    /// Whether Chatwoot would accept `identifierHash` for `identifier`. Constant time; any
    /// malformed hash (uppercase, whitespace, wrong length) is `false`.
    #[napi(
        ts_args_type = "identifier: string | Uint8Array | number | bigint, identifierHash: string | Uint8Array"
    )]
    pub fn verify(
        &self,
        env: Env,
        identifier: Unknown,
        identifier_hash: Unknown,
    ) -> napi::Result<bool> {
        // SAFETY: as in `new`.
        let (mut identifier_scratch, mut candidate_scratch) = (Scratch::new(), Scratch::new());
        let (identifier, candidate) = unsafe {
            (
                argument::identifier(
                    env.raw(),
                    identifier.raw(),
                    IDENTIFIER,
                    &mut identifier_scratch,
                )?,
                argument::text_or_bytes(
                    env.raw(),
                    identifier_hash.raw(),
                    CANDIDATE,
                    &mut candidate_scratch,
                )?,
            )
        };
        self.inner
            .verify(identifier, candidate)
            .map_err(|e| errors::from_core(env.raw(), &e))
    }

    /// `identifierHashes` before `index.js` splits the result: every hash, in order, in one
    /// string. Large batches use every core.
    #[napi(js_name = "identifierHashesConcatenated", skip_typescript)]
    pub fn identifier_hashes_concatenated(
        &self,
        env: Env,
        identifiers: Unknown,
    ) -> napi::Result<ConcatenatedHashes> {
        // SAFETY: as in `new`.
        let identifiers = unsafe { Identifiers::read(env.raw(), identifiers.raw())? };
        identifiers
            .hash(&self.inner)
            .map_err(|e| errors::from_core(env.raw(), &e))
    }

    /// `identifierHashesAsync` before `index.js` splits the result. The identifiers are read
    /// (and bad types thrown) now; the hashing runs on Node's thread pool so the event loop
    /// keeps serving requests, and an empty identifier rejects the promise.
    #[napi(js_name = "identifierHashesConcatenatedAsync", skip_typescript)]
    pub fn identifier_hashes_concatenated_async(
        &self,
        env: Env,
        identifiers: Unknown,
    ) -> napi::Result<AsyncTask<HashBatch>> {
        // SAFETY: as in `new`; the identifiers are copied before the task leaves this thread.
        let identifiers = unsafe { Identifiers::read(env.raw(), identifiers.raw())? };
        Ok(AsyncTask::new(HashBatch {
            signer: self.inner.clone(),
            identifiers,
        }))
    }
}
