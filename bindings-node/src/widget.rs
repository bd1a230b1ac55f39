//! The widget on a page: the snippet for a request, the `setUser` payload for an app, and the
//! logout snippet. The core reads the request's shape and renders and escapes everything; this
//! file hands it the JavaScript values and the HMAC secret.

use chatwoot_identity::{Error, WidgetRequest, WidgetUser, from_host};
use napi::bindgen_prelude::{FromNapiRef, JavaScriptClassExt, JsObjectValue, Object, Unknown};
use napi::{Env, JsValue as _, ValueType, sys};
use napi_derive::napi;
use serde::de::DeserializeOwned;

use crate::argument::{self, Parameter, Scratch};
use crate::errors;
use crate::js_value::JsValue;
use crate::signer::Signer;

/// The keys of the widget options that hold the secret, read apart from the request: its
/// camelCase name and, as for every other option, its snake_case one.
const HMAC_SECRET: &str = "hmacSecret";
const HMAC_SECRET_SNAKE: &str = "hmac_secret";
const HMAC_SECRET_KEYS: &[&str] = &[HMAC_SECRET, HMAC_SECRET_SNAKE];

/// The `<script>` element for a page: the loader, the settings and, for a logged-in `user`,
/// `setUser` with its `identifier_hash`. `hmacSecret` (a secret or a `Signer`) is needed only
/// to sign a user; `nonce` is the page's CSP nonce.
#[napi(
    ts_args_type = "options: import('./index').WidgetScriptOptions",
    ts_return_type = "string"
)]
pub fn widget_script(env: Env, options: Unknown) -> napi::Result<String> {
    render_request(env, options, WidgetRequest::widget_script)
}

/// `widgetConfig` before `index.js` parses it: the loader's config for the request as JSON text
/// (what `widgetScript` embeds), for `chatwoot-identity/react` to apply in the browser.
#[napi(js_name = "widgetConfigJson", skip_typescript)]
pub fn widget_config_json(env: Env, options: Unknown) -> napi::Result<String> {
    render_request(env, options, WidgetRequest::loader_config)
}

/// `setUserPayload` before `index.js` parses it: the payload as JSON text.
#[napi(js_name = "setUserPayloadJson", skip_typescript)]
pub fn set_user_payload_json(
    env: Env,
    hmac_secret: Unknown,
    user: Unknown,
) -> napi::Result<String> {
    let env = env.raw();
    let user: WidgetUser = read(env, "user", user, &[])?;
    let signer = signer(env, hmac_secret)?
        .ok_or_else(|| errors::wrong_type(env, HMAC_SECRET, SECRET_OR_SIGNER))?;
    chatwoot_identity::set_user_payload(&signer, &user).map_err(|e| errors::from_core(env, &e))
}

/// A `<script>` element that logs the user out of the widget (`window.$chatwoot.reset()`);
/// render it on the page after logout. `nonce` is the page's CSP nonce.
#[napi(ts_args_type = "nonce?: string | null", ts_return_type = "string")]
pub fn reset_script(env: Env, nonce: Unknown) -> napi::Result<String> {
    let env = env.raw();
    let nonce: Option<String> = read(env, "nonce", nonce, &[])?;
    chatwoot_identity::reset_script(nonce.as_deref()).map_err(|e| errors::from_core(env, &e))
}

/// What `widgetScript` and `widgetConfigJson` share: the widget request in `options` and the
/// signer of its `hmacSecret` (`None` when absent), read alike for both and handed to the
/// core's `render` (the snippet, or the loader's config).
fn render_request(
    env: Env,
    options: Unknown,
    render: impl FnOnce(&WidgetRequest, Option<&chatwoot_identity::Signer>) -> Result<String, Error>,
) -> napi::Result<String> {
    let env = env.raw();
    let request: WidgetRequest = read(env, "", options, HMAC_SECRET_KEYS)?;
    // SAFETY: the request was read from `options`, so it is a plain object.
    let options = unsafe { options.cast::<Object>() }?;
    let camel: Unknown = options.get_named_property_unchecked(HMAC_SECRET)?;
    let snake: Unknown = options.get_named_property_unchecked(HMAC_SECRET_SNAKE)?;
    let secret = match (camel.get_type()?, snake.get_type()?) {
        (_, ValueType::Undefined) => camel,
        (ValueType::Undefined, _) => snake,
        _ => {
            let problem = "and options.hmac_secret name the same secret: give one of them";
            return Err(errors::invalid_value(env, "options.hmacSecret", problem));
        }
    };
    let signer = signer(env, secret)?;
    render(&request, signer.as_ref()).map_err(|e| errors::from_core(env, &e))
}

/// A core shape read from a JavaScript value; `root` names it in error paths.
fn read<T: DeserializeOwned>(
    env: sys::napi_env,
    root: &str,
    value: Unknown,
    skip: &'static [&'static str],
) -> napi::Result<T> {
    from_host(root, JsValue::new(value, skip)).map_err(|e| errors::from_core(env, &e))
}

const SECRET_OR_SIGNER: &str = "a string, Buffer, Uint8Array or Signer";

/// An HMAC secret given as a `Signer` (prepared once) or as a secret; `None` when absent.
fn signer(env: sys::napi_env, value: Unknown) -> napi::Result<Option<chatwoot_identity::Signer>> {
    let param = Parameter::Named(HMAC_SECRET);
    match value.get_type()? {
        ValueType::Undefined | ValueType::Null => return Ok(None),
        ValueType::Object if Signer::instance_of(&Env::from_raw(env), &value)? => {
            // SAFETY: a `Signer` of this call, lent for the call only.
            let prepared = unsafe { Signer::from_napi_ref(env, value.raw()) }
                .map_err(|_| errors::wrong_type(env, param, SECRET_OR_SIGNER))?;
            return Ok(Some(prepared.core().clone()));
        }
        _ => {}
    }
    let mut scratch = Scratch::new();
    // SAFETY: a value of this call; its bytes are used only inside it.
    let secret = unsafe {
        argument::text_or_bytes(env, value.raw(), param, SECRET_OR_SIGNER, &mut scratch)?
    };
    chatwoot_identity::Signer::new(secret)
        .map(Some)
        .map_err(|e| errors::from_core(env, &e))
}

/// `html` with the widget `snippet` inserted just before its last `</body>`, or `null` when the
/// page must be left as it is: no `</body>` (a fragment), or a widget already on it, ours or
/// Chatwoot's own pasted snippet. The rule is the core's; the Express auto-injection decides
/// only which responses are pages.
#[napi]
pub fn insert_widget(html: String, snippet: String) -> Option<String> {
    chatwoot_identity::insert_widget(&html, &snippet)
}
