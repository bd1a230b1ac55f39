//! The native half of the `chatwoot_identity` gem: converts Ruby arguments, calls the
//! `chatwoot-identity` core, maps its errors. No hashing rule lives here.

/// Defines functions on a Ruby module or class in one line each, `"name"/arity => function`:
/// `define!(module, define_module_function, function!: ...)`, or `define_method` with `method!`.
macro_rules! define {
    ($target:expr, $define:ident, $wrap:ident!: $($name:literal / $arity:tt => $function:path),* $(,)?) => {
        $($target.$define($name, magnus::$wrap!($function, $arity))?;)*
    };
}

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

use magnus::{Error, RClass, RModule, Ruby, prelude::*};

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

/// A class under `ChatwootIdentity` whose instances wrap a core value. Only this extension's
/// functions make them (`Signer.new`, `WebhookVerifier.new`, what `diagnose` returns, ...): an
/// instance Ruby allocated itself would hold no value, so the default allocator is removed.
fn wrapped_class(ruby: &Ruby, module: RModule, name: &str) -> Result<RClass, Error> {
    let class = module.define_class(name, ruby.class_object())?;
    class.undef_default_alloc_func();
    Ok(class)
}
