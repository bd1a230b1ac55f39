//! The widget on a page: the snippet for a request, the `setUser` payload for an app, and the
//! logout snippet. The core reads the request's shape and renders and escapes everything; this
//! file hands it the JavaScript values and the HMAC secret.

use chatwoot_identity::{WidgetRequest, WidgetUser, from_host};
use napi::bindgen_prelude::{FromNapiRef, JavaScriptClassExt, Unknown};
use napi::{Env, JsValue as _, sys};
use napi_derive::napi;
use serde::de::DeserializeOwned;

use crate::argument::{self, Param, Scratch};
use crate::errors;
use crate::js_value::JsValue;
use crate::signer::Signer;

/// The key of the widget options that holds the secret, read apart from the request.
const HMAC_SECRET: &str = "hmacSecret";

/// The `<script>` element for a page: the loader, the settings and, for a logged-in `user`,
/// `setUser` with its `identifier_hash`. `hmacSecret` (a secret or a `Signer`) is needed only
/// to sign a user; `nonce` is the page's CSP nonce.
#[napi(
    ts_args_type = "options: import('./index').WidgetScriptOptions",
    ts_return_type = "string"
)]
pub fn widget_script(env: Env, options: Unknown) -> napi::Result<String> {
    let env = env.raw();
    // SAFETY: the value comes from this call and is read only inside it.
    let request: WidgetRequest = unsafe { read(env, "", options.raw(), Some(HMAC_SECRET))? };
    // The request was read, so `options` is a plain object.
    let mut secret = std::ptr::null_mut();
    // SAFETY: as above.
    errors::check(unsafe {
        sys::napi_get_named_property(env, options.raw(), c"hmacSecret".as_ptr(), &mut secret)
    })?;
    // SAFETY: as above.
    let signer = unsafe { signer(env, secret, Param::Named(HMAC_SECRET))? };
    request
        .widget_script(signer.as_ref())
        .map_err(|e| errors::from_core(env, &e))
}

/// `setUserPayload` before `index.js` parses it: the payload as JSON text.
#[napi(js_name = "setUserPayloadJson", skip_typescript)]
pub fn set_user_payload_json(
    env: Env,
    hmac_secret: Unknown,
    user: Unknown,
) -> napi::Result<String> {
    let env = env.raw();
    // SAFETY: the values come from this call and are read only inside it.
    let user: WidgetUser = unsafe { read(env, "user", user.raw(), None)? };
    let signer = unsafe { signer(env, hmac_secret.raw(), Param::Named(HMAC_SECRET))? }
        .ok_or_else(|| errors::wrong_type(env, HMAC_SECRET, SECRET_OR_SIGNER))?;
    chatwoot_identity::set_user_payload(&signer, &user).map_err(|e| errors::from_core(env, &e))
}

/// A `<script>` element that logs the user out of the widget (`window.$chatwoot.reset()`);
/// render it on the page after logout. `nonce` is the page's CSP nonce.
#[napi(ts_args_type = "nonce?: string | null", ts_return_type = "string")]
pub fn reset_script(env: Env, nonce: Unknown) -> napi::Result<String> {
    let env = env.raw();
    // SAFETY: the value comes from this call.
    let nonce: Option<String> = unsafe { read(env, "nonce", nonce.raw(), None)? };
    chatwoot_identity::reset_script(nonce.as_deref()).map_err(|e| errors::from_core(env, &e))
}

/// A core shape read from a JavaScript value; `root` names it in error paths.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
unsafe fn read<T: DeserializeOwned>(
    env: sys::napi_env,
    root: &str,
    value: sys::napi_value,
    skip: Option<&'static str>,
) -> napi::Result<T> {
    // SAFETY: forwarded from the caller.
    from_host(root, unsafe { JsValue::new(env, value, skip) })
        .map_err(|e| errors::from_core(env, &e))
}

const SECRET_OR_SIGNER: &str = "a string, Buffer, Uint8Array or Signer";

/// An HMAC secret given as a `Signer` (prepared once) or as a secret; `None` when absent.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
unsafe fn signer(
    env: sys::napi_env,
    value: sys::napi_value,
    param: Param,
) -> napi::Result<Option<chatwoot_identity::Signer>> {
    // SAFETY: forwarded from the caller.
    let unknown = unsafe { Unknown::from_raw_unchecked(env, value) };
    match unknown.get_type()? {
        napi::ValueType::Undefined | napi::ValueType::Null => return Ok(None),
        napi::ValueType::Object if Signer::instance_of(&Env::from_raw(env), &unknown)? => {
            // SAFETY: as above; a `Signer` lent for this call only.
            let prepared = unsafe { Signer::from_napi_ref(env, value) }
                .map_err(|_| errors::wrong_type(env, param, SECRET_OR_SIGNER))?;
            return Ok(Some(prepared.core().clone()));
        }
        _ => {}
    }
    let mut scratch = Scratch::new();
    // SAFETY: as above.
    let secret =
        unsafe { argument::text_or_bytes(env, value, param, SECRET_OR_SIGNER, &mut scratch)? };
    chatwoot_identity::Signer::new(secret)
        .map(Some)
        .map_err(|e| errors::from_core(env, &e))
}
