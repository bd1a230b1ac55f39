//! Node.js binding of `chatwoot-identity`: converts JavaScript arguments, calls the core, maps
//! its errors. No hashing rule lives here.
#![deny(unsafe_op_in_unsafe_fn)]

mod argument;
mod batch;
mod diagnosis;
mod errors;
mod js_fields;
mod output;
mod signer;
mod widget;
mod widget_settings;
mod widget_user;

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue};
use napi_derive::napi;

use crate::argument::{CANDIDATE, IDENTIFIER, SECRET, Scratch};
use crate::diagnosis::Diagnosis;
use crate::output::HashString;
pub use crate::signer::Signer;
pub use crate::widget::{WidgetConfig, reset_script, set_user_payload_json};

/// The `identifier_hash` Chatwoot expects: lowercase hex HMAC-SHA256 of `identifier`, keyed
/// with the inbox's HMAC `secret`. Numbers and bigints are hashed as their decimal text.
#[napi(
    ts_args_type = "secret: string | Uint8Array, identifier: string | Uint8Array | number | bigint",
    ts_return_type = "string"
)]
pub fn identifier_hash(env: Env, secret: Unknown, identifier: Unknown) -> napi::Result<HashString> {
    let (mut secret_scratch, mut identifier_scratch) = (Scratch::new(), Scratch::new());
    // SAFETY: the values are this call's arguments, and the bytes are dropped before it returns.
    let (secret, identifier) = unsafe {
        (
            argument::text_or_bytes(env.raw(), secret.raw(), SECRET, &mut secret_scratch)?,
            argument::identifier(
                env.raw(),
                identifier.raw(),
                IDENTIFIER,
                &mut identifier_scratch,
            )?,
        )
    };
    chatwoot_identity::identifier_hash(secret, identifier)
        .map(HashString)
        .map_err(|e| errors::from_core(env.raw(), &e))
}

/// Whether Chatwoot would accept `identifierHash` for `identifier`. Constant time; any
/// malformed hash (uppercase, whitespace, wrong length) is `false`.
#[napi(
    ts_args_type = "secret: string | Uint8Array, identifier: string | Uint8Array | number | bigint, identifierHash: string | Uint8Array"
)]
pub fn verify(
    env: Env,
    secret: Unknown,
    identifier: Unknown,
    identifier_hash: Unknown,
) -> napi::Result<bool> {
    with_check_arguments(env, secret, identifier, identifier_hash, |s, i, c| {
        chatwoot_identity::verify(s, i, c).map_err(|e| errors::from_core(env.raw(), &e))
    })
}

/// Why Chatwoot rejects `identifierHash`: `verified`, and the known mistakes that explain a
/// mismatch (uppercase hex, Base64, swapped key and identifier, another algorithm, ...).
#[napi(
    ts_args_type = "secret: string | Uint8Array, identifier: string | Uint8Array | number | bigint, identifierHash: string | Uint8Array"
)]
pub fn diagnose(
    env: Env,
    secret: Unknown,
    identifier: Unknown,
    identifier_hash: Unknown,
) -> napi::Result<Diagnosis> {
    with_check_arguments(env, secret, identifier, identifier_hash, |s, i, c| {
        chatwoot_identity::diagnose(s, i, c)
            .map(Diagnosis::from)
            .map_err(|e| errors::from_core(env.raw(), &e))
    })
}

/// Converts the (secret, identifier, candidate hash) arguments that `verify` and `diagnose`
/// share, and lends their bytes to `check` for the duration of the call.
fn with_check_arguments<R>(
    env: Env,
    secret: Unknown,
    identifier: Unknown,
    candidate: Unknown,
    check: impl FnOnce(&[u8], &[u8], &[u8]) -> napi::Result<R>,
) -> napi::Result<R> {
    let mut scratch = [Scratch::new(), Scratch::new(), Scratch::new()];
    let [secret_scratch, identifier_scratch, candidate_scratch] = &mut scratch;
    // SAFETY: as in `identifier_hash`: the values are this call's arguments, and the borrowed
    // bytes do not outlive `check`.
    let (secret, identifier, candidate) = unsafe {
        (
            argument::text_or_bytes(env.raw(), secret.raw(), SECRET, secret_scratch)?,
            argument::identifier(env.raw(), identifier.raw(), IDENTIFIER, identifier_scratch)?,
            argument::text_or_bytes(env.raw(), candidate.raw(), CANDIDATE, candidate_scratch)?,
        )
    };
    check(secret.as_ref(), identifier.as_ref(), candidate.as_ref())
}
