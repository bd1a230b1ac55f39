//! The one-off functions: `ChatwootIdentity.identifier_hash/2`, `verify/3`, `diagnose/3`.

use rustler::{Env, Term};

use crate::arguments::{self, IDENTIFIER};
use crate::diagnosis::DiagnosisTerm;
use crate::reply::{HashText, Outcome, reply};

#[rustler::nif]
fn identifier_hash<'a>(env: Env<'a>, secret: Term<'a>, identifier: Term<'a>) -> Term<'a> {
    let hash = || -> Outcome<_> {
        let secret = arguments::secret(secret, "secret")?;
        let identifier = arguments::identifier(identifier, IDENTIFIER)?;
        Ok(chatwoot_identity::identifier_hash(secret, identifier)?)
    };
    reply(env, hash().map(HashText))
}

#[rustler::nif]
fn verify<'a>(
    env: Env<'a>,
    secret: Term<'a>,
    identifier: Term<'a>,
    identifier_hash: Term<'a>,
) -> Term<'a> {
    let verified = || -> Outcome<bool> {
        let secret = arguments::secret(secret, "secret")?;
        let identifier = arguments::identifier(identifier, IDENTIFIER)?;
        let identifier_hash = arguments::identifier_hash(identifier_hash)?;
        Ok(chatwoot_identity::verify(
            secret,
            identifier,
            identifier_hash,
        )?)
    };
    reply(env, verified())
}

#[rustler::nif]
fn diagnose<'a>(
    env: Env<'a>,
    secret: Term<'a>,
    identifier: Term<'a>,
    identifier_hash: Term<'a>,
) -> Term<'a> {
    let diagnosis = || -> Outcome<DiagnosisTerm> {
        let secret = arguments::secret(secret, "secret")?;
        let identifier = arguments::identifier(identifier, IDENTIFIER)?;
        let identifier_hash = arguments::identifier_hash(identifier_hash)?;
        let diagnosis = chatwoot_identity::diagnose(secret, identifier, identifier_hash)?;
        Ok(DiagnosisTerm::new(env, &diagnosis))
    };
    reply(env, diagnosis())
}
