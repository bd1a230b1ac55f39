//! Node.js binding of `chatwoot-identity`: converts JavaScript arguments, calls the core, maps
//! its errors. No hashing rule and no field list lives here: structured input is read by the
//! core's own serde shapes through `js_value`.
#![deny(unsafe_op_in_unsafe_fn)]

mod argument;
mod batch;
mod diagnosis;
mod errors;
mod items;
mod js;
mod js_value;
mod output;
mod signer;
mod testkit;
mod webhook;
mod widget;

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue};
use napi_derive::napi;

use crate::argument::{IDENTIFIER, IDENTIFIER_HASH, SECRET, Scratch};
use crate::diagnosis::Diagnosis;
pub use crate::items::item_pusher;
use crate::output::HashString;
pub use crate::signer::Signer;
pub use crate::testkit::{check_identity_json, check_page_anonymous_json, read_page_json};
pub use crate::webhook::{
    NativeWebhookVerifier, webhook_argument_types, webhook_diagnose, webhook_sign, webhook_verify,
};
pub use crate::widget::{
    insert_widget, reset_script, set_user_payload_json, widget_config_json, widget_script,
};

/// Characters in one hash: how `index.js` cuts a batch's text, and `webhook.js` the replay key
/// (the signature's hex) off the delivery id, so neither keeps its own copy of the number.
#[napi(js_name = "HASH_LENGTH", skip_typescript)]
pub const HASH_LENGTH: u32 = chatwoot_identity::HASH_HEX_LEN as u32;

/// The `identifier_hash` Chatwoot expects: lowercase hex HMAC-SHA256 of `identifier`, keyed
/// with the inbox's HMAC `secret`. Numbers and bigints are hashed as their decimal text.
#[napi(
    ts_args_type = "secret: string | Uint8Array, identifier: string | Uint8Array | number | bigint",
    ts_return_type = "string"
)]
pub fn identifier_hash(env: Env, secret: Unknown, identifier: Unknown) -> napi::Result<HashString> {
    let (mut secret_scratch, mut identifier_scratch) = (Scratch::new(), Scratch::new());
    let env = env.raw();
    // SAFETY: the values are this call's arguments, and the bytes are dropped before it returns.
    let (secret, identifier) = unsafe {
        (
            argument::bytes(env, secret, SECRET, &mut secret_scratch)?,
            argument::identifier(env, identifier.raw(), IDENTIFIER, &mut identifier_scratch)?,
        )
    };
    chatwoot_identity::identifier_hash(secret, identifier)
        .map(HashString)
        .map_err(|e| errors::from_core(env, &e))
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
    with_check_arguments(env, [secret, identifier, identifier_hash], |s, i, h| {
        chatwoot_identity::verify(s, i, h)
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
    with_check_arguments(env, [secret, identifier, identifier_hash], |s, i, h| {
        chatwoot_identity::diagnose(s, i, h)
    })
    .map(Diagnosis::from)
}

/// The core's error codes, in table order, each with its one-sentence summary; `index.js`
/// exports them as `errorCodes`.
#[napi(js_name = "errorCodeTable", skip_typescript)]
pub fn error_code_table() -> Vec<Vec<&'static str>> {
    chatwoot_identity::ErrorCode::ALL
        .iter()
        .map(|code| vec![code.as_str(), code.summary()])
        .collect()
}

/// Converts the (secret, identifier, identifierHash) arguments that `verify` and `diagnose`
/// share, lends their bytes to the core's `check` for the duration of the call, and maps its
/// error.
fn with_check_arguments<R>(
    env: Env,
    [secret, identifier, identifier_hash]: [Unknown; 3],
    check: impl FnOnce(&[u8], &[u8], &[u8]) -> Result<R, chatwoot_identity::Error>,
) -> napi::Result<R> {
    let mut scratch = [Scratch::new(), Scratch::new(), Scratch::new()];
    let [secret_scratch, identifier_scratch, hash_scratch] = &mut scratch;
    let env = env.raw();
    // SAFETY: as in `identifier_hash`: the values are this call's arguments, and the borrowed
    // bytes do not outlive `check`.
    let (secret, identifier, identifier_hash) = unsafe {
        (
            argument::bytes(env, secret, SECRET, secret_scratch)?,
            argument::identifier(env, identifier.raw(), IDENTIFIER, identifier_scratch)?,
            argument::bytes(env, identifier_hash, IDENTIFIER_HASH, hash_scratch)?,
        )
    };
    check(
        secret.as_ref(),
        identifier.as_ref(),
        identifier_hash.as_ref(),
    )
    .map_err(|e| errors::from_core(env, &e))
}
