//! What every NIF answers: `{:ok, value}`, `{:error, %ChatwootIdentity.Error{}}` for an error
//! of the core, or `{:argument_error, message}` for a term of the wrong type or shape.

use rustler::{Atom, Encoder, Env, NifException, Term};

rustler::atoms! { ok, error, argument_error, internal_error }

/// Why a call produced no value.
pub enum Failure {
    /// The core refused a value; its code and message reach Elixir unchanged.
    Core(chatwoot_identity::Error),
    /// A term of the wrong type or shape: the message names the parameter, never the value
    /// (it could be a secret passed in the wrong place).
    Argument(String),
    /// What cannot happen (the core's own JSON failing to parse): `{:internal_error, message}`,
    /// raised as a `RuntimeError`, rather than a panic.
    Internal(String),
}

impl From<chatwoot_identity::Error> for Failure {
    fn from(error: chatwoot_identity::Error) -> Self {
        Failure::Core(error)
    }
}

pub type Outcome<T> = Result<T, Failure>;

/// `%ChatwootIdentity.Error{code: :empty_secret, message: "...", wrong_type: false}`; defined
/// in lib/chatwoot_identity/error.ex with these three fields. `wrong_type` is the core's
/// `is_wrong_type()`: Elixir's stand-in for the `TypeError` other hosts raise.
#[derive(NifException)]
#[rustler(encode)]
#[module = "ChatwootIdentity.Error"]
struct ErrorTerm {
    code: Atom,
    message: String,
    wrong_type: bool,
}

pub fn reply<'a, T: Encoder>(env: Env<'a>, outcome: Outcome<T>) -> Term<'a> {
    match outcome {
        Ok(value) => (ok(), value).encode(env),
        Err(Failure::Core(core)) => {
            let exception = ErrorTerm {
                code: crate::codes::atom(env, core.code().as_str()),
                message: core.to_string(),
                wrong_type: core.is_wrong_type(),
            };
            (error(), exception).encode(env)
        }
        Err(Failure::Argument(message)) => (argument_error(), message).encode(env),
        Err(Failure::Internal(message)) => (internal_error(), message).encode(env),
    }
}

/// An `identifier_hash` as the 64-byte binary Elixir receives, written without an
/// intermediate `String`.
pub struct HashText(pub chatwoot_identity::IdentifierHash);

impl Encoder for HashText {
    fn encode<'a>(&self, env: Env<'a>) -> Term<'a> {
        self.0.as_str().encode(env)
    }
}

/// Declares NIFs of the one shape nearly all of them have: every argument a term, the answer
/// [`reply`] of the work, a block that may use `?` on an [`Outcome`]. The first name is the
/// `Env` as the block calls it (`_` when it needs none), since rustler's wrapper hands it to
/// the function under the name spelled here.
macro_rules! nifs {
    ($($(#[$doc:meta])* fn $name:ident($env:pat $(, $argument:ident)*) $work:block)*) => {$(
        $(#[$doc])*
        #[rustler::nif]
        fn $name<'a>(env: rustler::Env<'a> $(, $argument: rustler::Term<'a>)*) -> rustler::Term<'a> {
            let $env = env;
            let work = || -> $crate::reply::Outcome<_> { $work };
            $crate::reply::reply(env, work())
        }
    )*};
}

pub(crate) use nifs;
