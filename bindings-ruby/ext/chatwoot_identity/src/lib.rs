//! The native half of the `chatwoot_identity` gem: converts Ruby arguments, calls the
//! `chatwoot-identity` core, maps its errors. No hashing rule lives here.

mod arguments;
mod batch;
mod diagnosis;
mod errors;
mod functions;
mod signer;
mod testkit;
mod webhook;
mod widget;
mod without_gvl;

use magnus::{Error, Ruby};

// The name makes the symbol `Init_chatwoot_identity`, which Ruby looks for when it requires
// `chatwoot_identity/chatwoot_identity.so` (the file name the gem's build step gives the cdylib).
#[magnus::init(name = "chatwoot_identity")]
fn init(ruby: &Ruby) -> Result<(), Error> {
    let module = ruby.define_module("ChatwootIdentity")?;
    errors::define(ruby, module)?;
    functions::define(module)?;
    signer::define(ruby, module)?;
    diagnosis::define(ruby, module)?;
    widget::define(module)?;
    testkit::define(module)?;
    webhook::define(ruby, module)?;
    Ok(())
}
