//! The native half of the Elixir package `chatwoot_identity`: converts terms, calls the
//! `chatwoot-identity` core, maps its errors. No hashing rule lives here.
//!
//! No function here raises. A wrong argument comes back as `{:argument_error, message}` and the
//! Elixir module (`ChatwootIdentity.Native`'s callers) raises the `ArgumentError`: an exception
//! raised inside a NIF carries the call's arguments in its stacktrace, and so into crash
//! reports and logs, and one of those arguments is usually the secret.

mod arguments;
mod batch;
mod codes;
mod diagnosis;
mod dirty;
mod functions;
mod reply;
mod signer;
mod structured_input;
mod testkit;
mod webhook;
mod widget;

rustler::init!("Elixir.ChatwootIdentity.Native");
