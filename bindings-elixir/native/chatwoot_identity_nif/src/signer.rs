//! `ChatwootIdentity.Signer`: an inbox secret prepared once, held by the VM as a resource and
//! shared by any number of processes.

use chatwoot_identity::Signer;
use rustler::{Env, Resource, ResourceArc, Term};

use crate::arguments::{self, IDENTIFIER};
use crate::reply::{HashText, Outcome, reply};

/// `Signer` is `Send + Sync`, so processes on every scheduler may use one at once; the VM drops
/// it (which wipes the key states) when no process refers to it any more.
pub struct SignerResource(pub Signer);

#[rustler::resource_impl]
impl Resource for SignerResource {}

#[rustler::nif]
fn signer_new<'a>(env: Env<'a>, secret: Term<'a>) -> Term<'a> {
    let signer = || -> Outcome<_> {
        let secret = arguments::secret(secret, "secret")?;
        Ok(ResourceArc::new(SignerResource(Signer::new(secret)?)))
    };
    reply(env, signer())
}

#[rustler::nif]
fn signer_identifier_hash<'a>(env: Env<'a>, signer: Term<'a>, identifier: Term<'a>) -> Term<'a> {
    let hash = || -> Outcome<_> {
        let signer = arguments::signer(signer)?;
        let identifier = arguments::identifier(identifier, IDENTIFIER)?;
        Ok(signer.0.identifier_hash(identifier)?)
    };
    reply(env, hash().map(HashText))
}

#[rustler::nif]
fn signer_verify<'a>(
    env: Env<'a>,
    signer: Term<'a>,
    identifier: Term<'a>,
    identifier_hash: Term<'a>,
) -> Term<'a> {
    let verified = || -> Outcome<bool> {
        let signer = arguments::signer(signer)?;
        let identifier = arguments::identifier(identifier, IDENTIFIER)?;
        let identifier_hash = arguments::identifier_hash(identifier_hash)?;
        Ok(signer.0.verify(identifier, identifier_hash)?)
    };
    reply(env, verified())
}
