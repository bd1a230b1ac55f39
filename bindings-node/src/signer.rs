//! `class Signer`: an inbox secret prepared once. The JavaScript object holds no property, so
//! `util.inspect` and `JSON.stringify` have nothing to show; the secret lives only in the core's
//! prepared (and zeroized-on-drop) HMAC state.

use napi::bindgen_prelude::{AsyncTask, Function, Unknown};
use napi::{Env, JsValue};
use napi_derive::napi;

use crate::argument::{self, IDENTIFIER, IDENTIFIER_HASH, SECRET, Scratch};
use crate::batch::{self, HashBatch};
use crate::errors;
use crate::output::HashString;

/// An inbox's HMAC secret, prepared once for any number of hashes (cheaper per hash than
/// `identifierHash`). Share one per inbox; it never reveals the secret.
#[napi]
pub struct Signer {
    inner: chatwoot_identity::Signer,
}

impl Signer {
    /// The core's prepared secret.
    pub(crate) fn core(&self) -> &chatwoot_identity::Signer {
        &self.inner
    }
}

#[napi]
impl Signer {
    /// Prepares `secret`, the inbox's HMAC secret (Chatwoot: Settings > Inboxes > Configuration >
    /// Identity validation). Throws `Error` with `code: 'empty_secret'` when it is empty.
    #[napi(constructor, ts_args_type = "secret: string | Uint8Array")]
    pub fn new(env: Env, secret: Unknown) -> napi::Result<Self> {
        let mut scratch = Scratch::new();
        // SAFETY: the value comes from this call and its bytes are used only inside it.
        let secret = unsafe { argument::bytes(env.raw(), secret, SECRET, &mut scratch)? };
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
        let mut scratch = Scratch::new();
        // SAFETY: as in `new`.
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
        let (mut identifier_scratch, mut hash_scratch) = (Scratch::new(), Scratch::new());
        let env = env.raw();
        // SAFETY: as in `new`.
        let (identifier, identifier_hash) = unsafe {
            (
                argument::identifier(env, identifier.raw(), IDENTIFIER, &mut identifier_scratch)?,
                argument::bytes(env, identifier_hash, IDENTIFIER_HASH, &mut hash_scratch)?,
            )
        };
        self.inner
            .verify(identifier, identifier_hash)
            .map_err(|e| errors::from_core(env, &e))
    }

    /// `identifierHashes` before `index.js` slices the hashes: every hash, in order, handed to
    /// `take` round by round, each round as one string; the identifiers are read through
    /// `index.js`'s `readItems`. Large batches use every core.
    #[napi(js_name = "identifierHashesByRound", skip_typescript)]
    pub fn identifier_hashes_by_round(
        &self,
        env: Env,
        identifiers: Unknown,
        read_items: Unknown,
        take: Function<String, ()>,
    ) -> napi::Result<()> {
        let values = [identifiers.raw(), read_items.raw(), take.raw()];
        // SAFETY: the values come from this call and are used only inside it.
        unsafe { batch::hash_pipelined(env.raw(), &self.inner, values) }
    }

    /// `identifierHashesAsync` before `index.js` splits the result. The identifiers are read
    /// (and bad types thrown) now; the hashing runs on Node's thread pool so the event loop
    /// keeps serving requests, and an empty identifier rejects the promise.
    #[napi(js_name = "identifierHashesConcatenatedAsync", skip_typescript)]
    pub fn identifier_hashes_concatenated_async(
        &self,
        env: Env,
        identifiers: Unknown,
        read_items: Unknown,
    ) -> napi::Result<AsyncTask<HashBatch>> {
        // SAFETY: as in `new`; the identifiers are copied before the task leaves this thread.
        let identifiers =
            unsafe { batch::copy_all(env.raw(), identifiers.raw(), read_items.raw())? };
        Ok(AsyncTask::new(HashBatch {
            signer: self.inner.clone(),
            identifiers,
        }))
    }
}
