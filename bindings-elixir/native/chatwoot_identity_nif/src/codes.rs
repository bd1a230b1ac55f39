//! The core's code lists as atoms, so the Elixir side never keeps a copy of them.

use chatwoot_identity::{ErrorCode, FindingCode};
use rustler::{Atom, Env};

/// The atom for one of the core's snake_case codes. They are short ASCII words (the core tests
/// it), always within the VM's atom limits.
pub fn atom(env: Env<'_>, code: &str) -> Atom {
    Atom::from_str(env, code).expect("the core's codes are short ASCII words")
}

/// `ChatwootIdentity.error_codes/0`: every `ErrorCode`, in the core's order.
#[rustler::nif]
fn error_codes(env: Env<'_>) -> Vec<Atom> {
    ErrorCode::ALL
        .iter()
        .map(|code| atom(env, code.as_str()))
        .collect()
}

/// `ChatwootIdentity.finding_codes/0`: every `FindingCode`, in report order.
#[rustler::nif]
fn finding_codes(env: Env<'_>) -> Vec<Atom> {
    FindingCode::ALL
        .iter()
        .map(|code| atom(env, code.as_str()))
        .collect()
}
