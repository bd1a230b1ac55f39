//! `ChatwootIdentity.Signer`: an inbox secret prepared once, held by the VM as a resource and
//! shared by any number of processes.

use chatwoot_identity::Signer;
use rustler::{Resource, ResourceArc};

use crate::arguments::{self, IDENTIFIER};
use crate::reply::{HashText, nifs};

/// `Signer` is `Send + Sync`, so processes on every scheduler may use one at once; the VM drops
/// it (which wipes the key states) when no process refers to it any more.
pub struct SignerResource(pub Signer);

#[rustler::resource_impl]
impl Resource for SignerResource {}

nifs! {
    fn signer_new(_, secret) {
        let secret = arguments::secret(secret, "secret")?;
        Ok(ResourceArc::new(SignerResource(Signer::new(secret)?)))
    }

    fn signer_identifier_hash(_, signer, identifier) {
        let signer = arguments::signer(signer)?;
        let identifier = arguments::identifier(identifier, IDENTIFIER)?;
        Ok(HashText(signer.0.identifier_hash(identifier)?))
    }

    fn signer_verify(_, signer, identifier, identifier_hash) {
        let signer = arguments::signer(signer)?;
        let identifier = arguments::identifier(identifier, IDENTIFIER)?;
        let identifier_hash = arguments::identifier_hash(identifier_hash)?;
        Ok(signer.0.verify(identifier, identifier_hash)?)
    }
}
