//! The widget functions: `ChatwootIdentity.widget_script/1`, `reset_script/1`,
//! `set_user_payload/2`. The snippet is the core's: every value in it was JSON-encoded and
//! escaped for a script element there.

use chatwoot_identity::{WidgetConfig, WidgetUser};
use rustler::{Env, Term};

use crate::arguments::{self, is_nil};
use crate::reply::{Failure, Outcome, reply};
use crate::widget_arguments::{self, from_map};

/// `widget_script(base_url, website_token, hmac_secret, user, nonce, settings)`, each optional
/// one `nil` when absent.
#[rustler::nif]
fn widget_script<'a>(
    env: Env<'a>,
    base_url: Term<'a>,
    website_token: Term<'a>,
    hmac_secret: Term<'a>,
    user: Term<'a>,
    nonce: Term<'a>,
    settings: Term<'a>,
) -> Term<'a> {
    let html = || -> Outcome<String> {
        let base_url = arguments::text(base_url, "base_url")?;
        let website_token = arguments::text(website_token, "website_token")?;
        let mut config = WidgetConfig::new(base_url, website_token)?;
        if !is_nil(settings) {
            config = config.with_settings(from_map(settings, "settings")?);
        }
        if !is_nil(hmac_secret) {
            config = config.with_signer(widget_arguments::signer(hmac_secret, "hmac_secret")?);
        }
        let user = optional_user(user)?;
        let nonce = arguments::optional_text(nonce, "nonce")?;
        Ok(chatwoot_identity::widget_script(
            &config,
            user.as_ref(),
            nonce,
        )?)
    };
    reply(env, html())
}

#[rustler::nif]
fn reset_script<'a>(env: Env<'a>, nonce: Term<'a>) -> Term<'a> {
    let html = || -> Outcome<String> {
        let nonce = arguments::optional_text(nonce, "nonce")?;
        Ok(chatwoot_identity::reset_script(nonce)?)
    };
    reply(env, html())
}

/// The payload as the core's JSON text.
#[rustler::nif]
fn set_user_payload_json<'a>(env: Env<'a>, secret: Term<'a>, user: Term<'a>) -> Term<'a> {
    reply(env, payload_json(secret, user))
}

/// The same payload as an Elixir map with binary keys (what `Jason.decode!/1` of the JSON text
/// would give), ready for Phoenix's `json/2`.
#[rustler::nif]
fn set_user_payload<'a>(env: Env<'a>, secret: Term<'a>, user: Term<'a>) -> Term<'a> {
    let payload = payload_json(secret, user).and_then(|json| {
        let value: serde_json::Value = serde_json::from_str(&json).map_err(|error| {
            Failure::Internal(format!("the core's payload is not JSON: {error}"))
        })?;
        rustler::serde::to_term(env, value)
            .map_err(|error| Failure::Internal(format!("the payload has no term: {error}")))
    });
    reply(env, payload)
}

fn payload_json(secret: Term<'_>, user: Term<'_>) -> Outcome<String> {
    let signer = widget_arguments::signer(secret, "secret")?;
    let user: WidgetUser = from_map(user, "user")?;
    Ok(chatwoot_identity::set_user_payload(&signer, &user)?)
}

fn optional_user(user: Term<'_>) -> Outcome<Option<WidgetUser>> {
    if is_nil(user) {
        return Ok(None);
    }
    from_map(user, "user").map(Some)
}
