//! The widget on a page: `WidgetConfig` (the inbox's widget, prepared once), the snippet for a
//! user, the `setUser` payload for an app, and the logout snippet. The core renders and escapes
//! everything; this file only converts arguments.

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, sys};
use napi_derive::napi;

use crate::argument::{self, Param, SECRET, Scratch};
use crate::errors;
use crate::js_fields::{self, Fields};
use crate::{widget_settings, widget_user};

const CONFIG_FIELDS: &[&str] = &["baseUrl", "websiteToken", "hmacSecret", "settings"];
const HMAC_SECRET: Param = Param::Named("options.hmacSecret");

/// The inbox's widget: where Chatwoot runs, the website token, the HMAC secret that signs
/// users, and the widget's settings, checked and prepared once. Share one per inbox; it never
/// reveals the secret.
#[napi]
pub struct WidgetConfig {
    inner: chatwoot_identity::WidgetConfig,
}

#[napi]
impl WidgetConfig {
    /// Checks and prepares `options`; throws with the core's `err.code` (`invalid_base_url`,
    /// `invalid_website_token`, `empty_secret`, `invalid_widget_setting`) or a `TypeError`.
    #[napi(
        constructor,
        ts_args_type = "options: import('./index').WidgetConfigOptions"
    )]
    pub fn new(env: Env, options: Unknown) -> napi::Result<Self> {
        let env = env.raw();
        // SAFETY: the values come from this call and are used only inside it.
        let fields = unsafe { Fields::read(env, options.raw(), "options", CONFIG_FIELDS)? };
        let base_url = required_text(env, &fields, "baseUrl")?;
        let website_token = required_text(env, &fields, "websiteToken")?;
        let mut inner = chatwoot_identity::WidgetConfig::new(&base_url, &website_token)
            .map_err(|e| errors::from_core(env, &e))?;
        if let Some(secret) = fields.get("hmacSecret")? {
            let mut scratch = Scratch::new();
            // SAFETY: as above.
            let secret =
                unsafe { argument::text_or_bytes(env, secret, HMAC_SECRET, &mut scratch)? };
            let signer =
                chatwoot_identity::Signer::new(secret).map_err(|e| errors::from_core(env, &e))?;
            inner = inner.with_signer(signer);
        }
        if let Some(settings) = fields.get("settings")? {
            // SAFETY: as above.
            inner = inner.with_settings(unsafe { widget_settings::read(env, settings)? });
        }
        Ok(WidgetConfig { inner })
    }

    /// The `<script>` element for a page: the loader, the settings and, for a logged-in
    /// `user`, `setUser` with its `identifier_hash`. `nonce` is the page's CSP nonce.
    #[napi(
        ts_args_type = "user?: import('./index').WidgetUser | null, nonce?: string | null",
        ts_return_type = "string"
    )]
    pub fn widget_script(&self, env: Env, user: Unknown, nonce: Unknown) -> napi::Result<String> {
        let env = env.raw();
        // SAFETY: the values come from this call and are used only inside it.
        let user = match unsafe { js_fields::present(env, user.raw())? } {
            Some(user) => Some(unsafe { widget_user::read(env, user)? }),
            None => None,
        };
        // SAFETY: as above.
        let nonce = unsafe { optional_nonce(env, nonce.raw())? };
        chatwoot_identity::widget_script(&self.inner, user.as_ref(), nonce.as_deref())
            .map_err(|e| errors::from_core(env, &e))
    }
}

/// `setUserPayload` before `index.js` parses it: the payload as JSON text.
#[napi(js_name = "setUserPayloadJson", skip_typescript)]
pub fn set_user_payload_json(env: Env, secret: Unknown, user: Unknown) -> napi::Result<String> {
    let env = env.raw();
    let mut scratch = Scratch::new();
    // SAFETY: the values come from this call and are used only inside it.
    let secret = unsafe { argument::text_or_bytes(env, secret.raw(), SECRET, &mut scratch)? };
    let signer = chatwoot_identity::Signer::new(secret).map_err(|e| errors::from_core(env, &e))?;
    // SAFETY: as above.
    let user = unsafe { widget_user::read(env, user.raw())? };
    chatwoot_identity::set_user_payload(&signer, &user).map_err(|e| errors::from_core(env, &e))
}

/// A `<script>` element that logs the user out of the widget (`window.$chatwoot.reset()`);
/// render it on the page after logout. `nonce` is the page's CSP nonce.
#[napi(ts_args_type = "nonce?: string | null", ts_return_type = "string")]
pub fn reset_script(env: Env, nonce: Unknown) -> napi::Result<String> {
    let env = env.raw();
    // SAFETY: the value comes from this call.
    let nonce = unsafe { optional_nonce(env, nonce.raw())? };
    chatwoot_identity::reset_script(nonce.as_deref()).map_err(|e| errors::from_core(env, &e))
}

fn required_text(env: sys::napi_env, fields: &Fields, key: &str) -> napi::Result<String> {
    fields
        .text(key)?
        .ok_or_else(|| errors::wrong_type(env, fields.path(key), "a string"))
}

unsafe fn optional_nonce(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<Option<String>> {
    // SAFETY: forwarded from the caller.
    match unsafe { js_fields::present(env, value)? } {
        Some(value) => unsafe { js_fields::text(env, value, "nonce") }.map(Some),
        None => Ok(None),
    }
}
