//! The widget module functions: `ChatwootIdentity.widget_script`, `.reset_script` and
//! `.set_user_payload_json` (`.set_user_payload` parses the latter, in lib/). The snippet is the
//! core's: every value in it was JSON-encoded and escaped for a script element there.

use chatwoot_identity::{WidgetConfig, reset_script, set_user_payload, widget_script};
use magnus::{
    Error, RHash, RModule, RString, Ruby, Value, function,
    prelude::*,
    scan_args::{get_kwargs, scan_args},
};

use crate::errors;
use crate::widget_arguments::{self as convert};

pub fn define(module: RModule) -> Result<(), Error> {
    module.define_module_function("widget_script", function!(widget_script_rb, -1))?;
    module.define_module_function("reset_script", function!(reset_script_rb, -1))?;
    module.define_module_function("set_user_payload_json", function!(set_user_payload_json, 2))?;
    Ok(())
}

type Required = (Value, Value);
type Optional = (Option<Value>, Option<Value>, Option<Value>, Option<Value>);

/// `widget_script(base_url:, website_token:, hmac_secret: nil, user: nil, nonce: nil,
/// settings: {})`.
fn widget_script_rb(ruby: &Ruby, args: &[Value]) -> Result<RString, Error> {
    let keywords = keywords(args)?;
    let keywords = get_kwargs::<_, Required, Optional, ()>(
        keywords,
        &["base_url", "website_token"],
        &["hmac_secret", "user", "nonce", "settings"],
    )?;
    let (base_url, website_token) = keywords.required;
    // An explicit `nil` is the same as leaving the keyword out (`user: current_user`).
    let given = |value: Option<Value>| value.filter(|value| !value.is_nil());
    let (secret, user, nonce, settings) = keywords.optional;
    let (secret, user, nonce, settings) =
        (given(secret), given(user), given(nonce), given(settings));

    let base_url = convert::text(ruby, base_url, "base_url")?;
    let website_token = convert::text(ruby, website_token, "website_token")?;
    let core = |error| errors::to_ruby(ruby, error);
    let mut config = WidgetConfig::new(&base_url, &website_token).map_err(core)?;
    if let Some(settings) = settings {
        config = config.with_settings(convert::settings(ruby, settings)?);
    }
    if let Some(secret) = secret {
        config = config.with_signer(convert::signer(ruby, secret, "hmac_secret")?);
    }
    let user = user.map(|user| convert::user(ruby, user)).transpose()?;
    let nonce = nonce_argument(ruby, nonce)?;
    let html = widget_script(&config, user.as_ref(), nonce.as_deref()).map_err(core)?;
    Ok(ruby.str_new(&html))
}

/// `reset_script(nonce: nil)`.
fn reset_script_rb(ruby: &Ruby, args: &[Value]) -> Result<RString, Error> {
    let keywords = keywords(args)?;
    let keywords = get_kwargs::<_, (), (Option<Value>,), ()>(keywords, &[], &["nonce"])?;
    let nonce = nonce_argument(ruby, keywords.optional.0)?;
    let html = reset_script(nonce.as_deref()).map_err(|error| errors::to_ruby(ruby, error))?;
    Ok(ruby.str_new(&html))
}

/// `set_user_payload_json(secret_or_signer, user)`: the payload as JSON text.
fn set_user_payload_json(ruby: &Ruby, secret: Value, user: Value) -> Result<RString, Error> {
    let signer = convert::signer(ruby, secret, "secret")?;
    let user = convert::user(ruby, user)?;
    let json = set_user_payload(&signer, &user).map_err(|error| errors::to_ruby(ruby, error))?;
    Ok(ruby.str_new(&json))
}

/// Keyword arguments only; none at all is an empty Hash, so `get_kwargs` reports what is missing.
fn keywords(args: &[Value]) -> Result<RHash, Error> {
    let args = scan_args::<(), (), (), (), RHash, ()>(args)?;
    Ok(args.keywords)
}

fn nonce_argument(ruby: &Ruby, nonce: Option<Value>) -> Result<Option<String>, Error> {
    match nonce {
        Some(nonce) => convert::optional_text(ruby, nonce, "nonce"),
        None => Ok(None),
    }
}
