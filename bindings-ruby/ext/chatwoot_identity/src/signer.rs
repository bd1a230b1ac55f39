//! `ChatwootIdentity::Signer`: an inbox secret prepared once, shared by any number of threads.

use chatwoot_identity::Signer;
use magnus::{Error, RArray, RModule, RString, Ruby, Value, prelude::*};

use crate::arguments::{self, Parameter};
use crate::batch;
use crate::errors::OrRaise;

// `Signer` is `Send + Sync`, so Ruby threads may share one; dropping it wipes the key states.
#[magnus::wrap(
    class = "ChatwootIdentity::Signer",
    free_immediately,
    size,
    frozen_shareable
)]
pub struct RbSigner(pub Signer);

const IDENTIFIER: Parameter = Parameter::Named("identifier");

impl RbSigner {
    fn new(ruby: &Ruby, secret: Value) -> Result<Self, Error> {
        let secret = arguments::secret(ruby, secret)?;
        // SAFETY: the borrow ends with this call; no Ruby code runs during it.
        unsafe { Signer::new(secret.as_slice()) }
            .map(RbSigner)
            .or_raise(ruby)
    }

    fn identifier_hash(ruby: &Ruby, rb_self: &Self, identifier: Value) -> Result<RString, Error> {
        let identifier = arguments::identifier(ruby, identifier, IDENTIFIER)?;
        // SAFETY: the borrow ends with this call; no Ruby code runs during it.
        let hash = unsafe { rb_self.0.identifier_hash(identifier.bytes()) }.or_raise(ruby)?;
        Ok(ruby.str_new(hash.as_str()))
    }

    fn verify(ruby: &Ruby, rb_self: &Self, identifier: Value, hash: Value) -> Result<bool, Error> {
        let identifier = arguments::identifier(ruby, identifier, IDENTIFIER)?;
        let hash = arguments::identifier_hash(ruby, hash)?;
        // SAFETY: the borrows end with this call; no Ruby code runs during it.
        unsafe { rb_self.0.verify(identifier.bytes(), hash.as_slice()) }.or_raise(ruby)
    }

    fn identifier_hashes(ruby: &Ruby, rb_self: &Self, identifiers: Value) -> Result<RArray, Error> {
        batch::identifier_hashes(ruby, &rb_self.0, identifiers)
    }
}

pub fn define(ruby: &Ruby, module: RModule) -> Result<(), Error> {
    let class = crate::wrapped_class(ruby, module, "Signer")?;
    define!(class, define_singleton_method, function!: "new"/1 => RbSigner::new);
    define!(class, define_method, method!:
        "identifier_hash"/1 => RbSigner::identifier_hash,
        "verify"/2 => RbSigner::verify,
        "identifier_hashes"/1 => RbSigner::identifier_hashes,
    );
    Ok(())
}
