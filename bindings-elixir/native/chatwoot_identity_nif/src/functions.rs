//! The one-off functions: `ChatwootIdentity.identifier_hash/2`, `verify/3`, `diagnose/3`.

use rustler::Term;

use crate::arguments::{self, IDENTIFIER, Identifier};
use crate::diagnosis::DiagnosisTerm;
use crate::reply::{HashText, Outcome, nifs};

nifs! {
    fn identifier_hash(_, secret, identifier) {
        let secret = arguments::secret(secret, "secret")?;
        let identifier = arguments::identifier(identifier, IDENTIFIER)?;
        Ok(HashText(chatwoot_identity::identifier_hash(secret, identifier)?))
    }

    fn verify(_, secret, identifier, identifier_hash) {
        let (secret, identifier, candidate) = candidate(secret, identifier, identifier_hash)?;
        Ok(chatwoot_identity::verify(secret, identifier, candidate)?)
    }

    fn diagnose(env, secret, identifier, identifier_hash) {
        let (secret, identifier, candidate) = candidate(secret, identifier, identifier_hash)?;
        let diagnosis = chatwoot_identity::diagnose(secret, identifier, candidate)?;
        Ok(DiagnosisTerm::new(env, &diagnosis))
    }
}

/// The arguments of `verify/3` and `diagnose/3`, which take the same three and read them in
/// the same order, so a wrong one is named alike by both.
fn candidate<'a>(
    secret: Term<'a>,
    identifier: Term<'a>,
    identifier_hash: Term<'a>,
) -> Outcome<(&'a [u8], Identifier<'a>, &'a [u8])> {
    Ok((
        arguments::secret(secret, "secret")?,
        arguments::identifier(identifier, IDENTIFIER)?,
        arguments::identifier_hash(identifier_hash)?,
    ))
}
