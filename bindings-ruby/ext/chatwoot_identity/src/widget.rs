//! The widget's native half. lib/chatwoot_identity.rb checks that a user or settings Hash is
//! plain data and hands it over as JSON text; the core reads its own shapes from that text
//! (`chatwoot_identity::from_json`, which names the path of anything that does not fit), so no
//! field, key or setting is named here. The HMAC secret never goes into the JSON.

use std::borrow::Cow;

use chatwoot_identity::{Signer, WidgetRequest, from_json, reset_script, set_user_payload};
use magnus::{Error, RModule, RString, Ruby, TryConvert, Value, prelude::*};

use crate::arguments::{self, Parameter};
use crate::errors::OrRaise;
use crate::signer::RbSigner;

/// Private module functions, called by the Ruby methods of the same purpose.
pub fn define(module: RModule) -> Result<(), Error> {
    define!(module, define_module_function, function!:
        "widget_script_from_json"/2 => widget_script_from_json,
        "set_user_payload_from_json"/2 => set_user_payload_from_json,
        "reset_script_for"/1 => reset_script_for,
    );
    // The nesting limit every host's structured input has; `structured_input.rb` refuses
    // deeper Hashes by the same number before it builds their JSON.
    let input = module.define_module("StructuredInput")?;
    input.const_set("MAX_DEPTH", chatwoot_identity::MAX_DEPTH)?;
    Ok(())
}

/// `{base_url, website_token, settings?, user?, nonce?}` as JSON; `hmac_secret` is nil, a
/// String or a `Signer`.
fn widget_script_from_json(
    ruby: &Ruby,
    hmac_secret: Value,
    request: String,
) -> Result<RString, Error> {
    let request: WidgetRequest = from_json("", &request).or_raise(ruby)?;
    let signer = match hmac_secret.is_nil() {
        true => None,
        false => Some(signer(ruby, hmac_secret)?),
    };
    let html = request.widget_script(signer.as_deref()).or_raise(ruby)?;
    Ok(ruby.str_new(&html))
}

/// The `setUser` payload as JSON text, for a user given as JSON.
fn set_user_payload_from_json(
    ruby: &Ruby,
    hmac_secret: Value,
    user: String,
) -> Result<RString, Error> {
    let signer = signer(ruby, hmac_secret)?;
    let user = from_json("user", &user).or_raise(ruby)?;
    let json = set_user_payload(&signer, &user).or_raise(ruby)?;
    Ok(ruby.str_new(&json))
}

/// `reset_script(nonce: nil)`; lib/ has checked that `nonce` is nil or a String.
fn reset_script_for(ruby: &Ruby, nonce: Option<String>) -> Result<RString, Error> {
    Ok(ruby.str_new(&reset_script(nonce.as_deref()).or_raise(ruby)?))
}

/// `hmac_secret`: a String (prepared for this call) or a `ChatwootIdentity::Signer` (its
/// prepared key is used as it is: what a Rails app holds once per process).
fn signer(ruby: &Ruby, value: Value) -> Result<Cow<'static, Signer>, Error> {
    if let Some(secret) = RString::from_value(value) {
        // SAFETY: the borrow ends with this call; no Ruby code runs during it.
        return unsafe { Signer::new(secret.as_slice()) }
            .map(Cow::Owned)
            .or_raise(ruby);
    }
    <&RbSigner>::try_convert(value)
        .map(|signer| Cow::Borrowed(&signer.0))
        .map_err(|_| {
            arguments::wrong_type(
                ruby,
                value,
                Parameter::Named("hmac_secret"),
                "a String or a ChatwootIdentity::Signer",
            )
        })
}
