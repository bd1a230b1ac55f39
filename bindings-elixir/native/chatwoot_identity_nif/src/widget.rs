//! The widget functions: `ChatwootIdentity.widget_script/1`, `reset_script/1`,
//! `set_user_payload/2`. The request and the user are the core's shapes, read from the terms by
//! `chatwoot_identity::from_host` (see structured_input.rs); the snippet is the core's, every
//! value in it JSON-encoded and escaped for a script element there. The HMAC secret travels
//! apart from the request, as a binary or a `ChatwootIdentity.Signer`.

use std::borrow::Cow;

use chatwoot_identity::{Signer, WidgetRequest, WidgetUser, from_host};
use rustler::Term;

use crate::arguments::{self, Parameter, is_nil};
use crate::reply::{Failure, Outcome, nifs};
use crate::signer::SignerResource;
use crate::structured_input::TermDeserializer;

nifs! {
    /// `widget_script(hmac_secret, request)`: `request` is every option but `:hmac_secret`, a
    /// keyword list read as a `WidgetRequest`; `hmac_secret` is `nil` when none was given.
    fn widget_script(_, hmac_secret, request) {
        let request: WidgetRequest = from_host("", TermDeserializer::new(request))?;
        let signer = match is_nil(hmac_secret) {
            true => None,
            false => Some(signer(hmac_secret, "hmac_secret")?),
        };
        Ok(request.widget_script(signer.as_deref())?)
    }

    fn reset_script(_, nonce) {
        let nonce = arguments::optional_text(nonce, "nonce")?;
        Ok(chatwoot_identity::reset_script(nonce)?)
    }

    /// The payload as the core's JSON text.
    fn set_user_payload_json(_, hmac_secret, user) {
        let (signer, user) = payload_arguments(hmac_secret, user)?;
        Ok(chatwoot_identity::set_user_payload(&signer, &user)?)
    }

    /// The same payload as an Elixir map with binary keys (what `Jason.decode!/1` of the JSON
    /// text would give), ready for Phoenix's `json/2`: serialized from the core's value straight
    /// into terms, so an integer custom attribute keeps every digit, as in the text.
    fn set_user_payload(env, hmac_secret, user) {
        let (signer, user) = payload_arguments(hmac_secret, user)?;
        let payload = chatwoot_identity::user_payload(&signer, &user)?;
        rustler::serde::to_term(env, payload)
            .map_err(|error| Failure::Internal(format!("the payload has no term: {error}")))
    }
}

fn payload_arguments<'a>(
    hmac_secret: Term<'a>,
    user: Term<'_>,
) -> Outcome<(Cow<'a, Signer>, WidgetUser)> {
    let signer = signer(hmac_secret, "hmac_secret")?;
    Ok((signer, from_host("user", TermDeserializer::new(user))?))
}

/// `hmac_secret`: a binary (a `Signer` is made for this call) or a `ChatwootIdentity.Signer`
/// resource (its prepared key is used as it is, not copied: what an application holds once).
fn signer<'a>(term: Term<'a>, parameter: &'static str) -> Outcome<Cow<'a, Signer>> {
    if let Some(resource) = term.try_get_resource::<SignerResource>() {
        return Ok(Cow::Borrowed(&resource.0));
    }
    if !term.is_binary() {
        return Err(arguments::wrong_type(
            term,
            Parameter::Named(parameter),
            "a binary or a ChatwootIdentity.Signer",
        ));
    }
    Ok(Cow::Owned(Signer::new(arguments::secret(
        term, parameter,
    )?)?))
}
