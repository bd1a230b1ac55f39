//! The one-off module functions: `ChatwootIdentity.identifier_hash`, `.verify`, `.diagnose`.

use magnus::{Error, RModule, RString, Ruby, Value};

use crate::arguments::{self, Parameter};
use crate::diagnosis::RbDiagnosis;
use crate::errors::OrRaise;

pub fn define(module: RModule) -> Result<(), Error> {
    define!(module, define_module_function, function!:
        "identifier_hash"/2 => identifier_hash,
        "verify"/3 => verify,
        "diagnose"/3 => diagnose,
    );
    Ok(())
}

const IDENTIFIER: Parameter = Parameter::Named("identifier");

fn identifier_hash(ruby: &Ruby, secret: Value, identifier: Value) -> Result<RString, Error> {
    let secret = arguments::secret(ruby, secret)?;
    let identifier = arguments::identifier(ruby, identifier, IDENTIFIER)?;
    // SAFETY: both borrows end with this call; no Ruby code runs during it.
    let hash = unsafe { chatwoot_identity::identifier_hash(secret.as_slice(), identifier.bytes()) }
        .or_raise(ruby)?;
    Ok(ruby.str_new(hash.as_str()))
}

fn verify(ruby: &Ruby, secret: Value, identifier: Value, hash: Value) -> Result<bool, Error> {
    let secret = arguments::secret(ruby, secret)?;
    let identifier = arguments::identifier(ruby, identifier, IDENTIFIER)?;
    let hash = arguments::identifier_hash(ruby, hash)?;
    // SAFETY: the borrows end with this call; no Ruby code runs during it.
    unsafe { chatwoot_identity::verify(secret.as_slice(), identifier.bytes(), hash.as_slice()) }
        .or_raise(ruby)
}

fn diagnose(
    ruby: &Ruby,
    secret: Value,
    identifier: Value,
    hash: Value,
) -> Result<RbDiagnosis, Error> {
    let secret = arguments::secret(ruby, secret)?;
    let identifier = arguments::identifier(ruby, identifier, IDENTIFIER)?;
    let hash = arguments::identifier_hash(ruby, hash)?;
    // SAFETY: the borrows end with this call; no Ruby code runs during it.
    unsafe { chatwoot_identity::diagnose(secret.as_slice(), identifier.bytes(), hash.as_slice()) }
        .map(RbDiagnosis)
        .or_raise(ruby)
}
