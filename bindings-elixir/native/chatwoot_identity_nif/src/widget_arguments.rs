//! Elixir maps to the core's serde types (`WidgetUser`, `WidgetSettings`), and a secret or a
//! `ChatwootIdentity.Signer` to a `Signer`.
//!
//! Nothing here knows a field: rustler's serde support reads the map into JSON values, the
//! core's own `Deserialize` impls (with their unknown-field checks) read those, and
//! `serde_path_to_error` names the field at fault (`user.custom_attributes.plan`). rustler
//! reads map keys only when they are binaries, so the Elixir side turns atom keys into
//! binaries first (`ChatwootIdentity.Widget`).

use chatwoot_identity::Signer;
use rustler::Term;
use serde::de::DeserializeOwned;

use crate::arguments::{self, Parameter};
use crate::reply::{Failure, Outcome};
use crate::signer::SignerResource;

/// A map as one of the core's serde types; shape and type errors become an argument error
/// naming the path.
pub fn from_map<T: DeserializeOwned>(term: Term<'_>, parameter: &'static str) -> Outcome<T> {
    if !term.is_map() {
        return Err(arguments::wrong_type(
            term,
            Parameter::Named(parameter),
            "a map",
        ));
    }
    let value: serde_json::Value = rustler::serde::from_term(term).map_err(|error| {
        let reason = match error {
            rustler::serde::Error::DeserializationError(reason) => reason,
            other => format!("{other:?}"),
        };
        Failure::Argument(format!(
            "{parameter} must hold only text (UTF-8 binaries), integers of up to 64 bits, \
             floats, booleans, nil, atoms, lists and maps with atom or binary keys ({reason})"
        ))
    })?;
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let at = if path == "." {
            parameter.to_owned()
        } else {
            format!("{parameter}.{path}")
        };
        Failure::Argument(format!("{at}: {}", error.inner()))
    })
}

/// `hmac_secret:`: a binary (a `Signer` is made for this call) or a `ChatwootIdentity.Signer`
/// resource (its prepared key is reused, what an application holds once).
pub fn signer(term: Term<'_>, parameter: &'static str) -> Outcome<Signer> {
    if let Some(resource) = term.try_get_resource::<SignerResource>() {
        return Ok(resource.0.clone());
    }
    if !term.is_binary() {
        return Err(arguments::wrong_type(
            term,
            Parameter::Named(parameter),
            "a binary or a ChatwootIdentity.Signer",
        ));
    }
    Ok(Signer::new(arguments::secret(term, parameter)?)?)
}
