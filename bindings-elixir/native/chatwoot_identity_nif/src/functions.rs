//! The one-off functions: `ChatwootIdentity.identifier_hash/2`, `verify/3`, `diagnose/3`.

use rustler::{Env, Term};

use crate::arguments::{self, IDENTIFIER, Identifier};
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
    let verified = Checked::read(secret, identifier, identifier_hash).and_then(|checked| {
        Ok(chatwoot_identity::verify(
            checked.secret,
            checked.identifier,
            checked.identifier_hash,
        )?)
    });
    reply(env, verified)
}

#[rustler::nif]
fn diagnose<'a>(
    env: Env<'a>,
    secret: Term<'a>,
    identifier: Term<'a>,
    identifier_hash: Term<'a>,
) -> Term<'a> {
    let diagnosis = Checked::read(secret, identifier, identifier_hash).and_then(|checked| {
        let diagnosis = chatwoot_identity::diagnose(
            checked.secret,
            checked.identifier,
            checked.identifier_hash,
        )?;
        Ok(DiagnosisTerm::new(env, &diagnosis))
    });
    reply(env, diagnosis)
}

/// The arguments of `verify/3` and `diagnose/3`, which take the same three and read them in
/// the same order, so a wrong one is named alike by both.
struct Checked<'a> {
    secret: &'a [u8],
    identifier: Identifier<'a>,
    identifier_hash: &'a [u8],
}

impl<'a> Checked<'a> {
    fn read(
        secret: Term<'a>,
        identifier: Term<'a>,
        identifier_hash: Term<'a>,
    ) -> Outcome<Checked<'a>> {
        Ok(Checked {
            secret: arguments::secret(secret, "secret")?,
            identifier: arguments::identifier(identifier, IDENTIFIER)?,
            identifier_hash: arguments::identifier_hash(identifier_hash)?,
        })
    }
}
