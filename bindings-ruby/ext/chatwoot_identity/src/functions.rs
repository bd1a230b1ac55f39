//! The one-off module functions: `ChatwootIdentity.identifier_hash`, `.verify`, `.diagnose`.

use magnus::{Error, RModule, RString, Ruby, Value, function};

use crate::arguments::{self, Parameter};
use crate::diagnosis::RbDiagnosis;
use crate::errors;

pub fn define(module: RModule) -> Result<(), Error> {
    module.define_module_function("identifier_hash", function!(identifier_hash, 2))?;
    module.define_module_function("verify", function!(verify, 3))?;
    module.define_module_function("diagnose", function!(diagnose, 3))?;
    Ok(())
}

const IDENTIFIER: Parameter = Parameter::Named("identifier");

fn identifier_hash(ruby: &Ruby, secret: Value, identifier: Value) -> Result<RString, Error> {
    let secret = arguments::secret(ruby, secret)?;
    let identifier = arguments::identifier(ruby, identifier, IDENTIFIER)?;
    // SAFETY: both borrows end with this call; no Ruby code runs during it.
    let hash = unsafe { chatwoot_identity::identifier_hash(secret.as_slice(), identifier.bytes()) }
        .map_err(|error| errors::to_ruby(ruby, error))?;
    Ok(ruby.str_new(hash.as_str()))
}

fn verify(ruby: &Ruby, secret: Value, identifier: Value, candidate: Value) -> Result<bool, Error> {
    let secret = arguments::secret(ruby, secret)?;
    let identifier = arguments::identifier(ruby, identifier, IDENTIFIER)?;
    let candidate = arguments::candidate(ruby, candidate)?;
    // SAFETY: the borrows end with this call; no Ruby code runs during it.
    unsafe {
        chatwoot_identity::verify(secret.as_slice(), identifier.bytes(), candidate.as_slice())
    }
    .map_err(|error| errors::to_ruby(ruby, error))
}

fn diagnose(
    ruby: &Ruby,
    secret: Value,
    identifier: Value,
    candidate: Value,
) -> Result<RbDiagnosis, Error> {
    let secret = arguments::secret(ruby, secret)?;
    let identifier = arguments::identifier(ruby, identifier, IDENTIFIER)?;
    let candidate = arguments::candidate(ruby, candidate)?;
    // SAFETY: the borrows end with this call; no Ruby code runs during it.
    unsafe {
        chatwoot_identity::diagnose(secret.as_slice(), identifier.bytes(), candidate.as_slice())
    }
    .map(RbDiagnosis::from)
    .map_err(|error| errors::to_ruby(ruby, error))
}
