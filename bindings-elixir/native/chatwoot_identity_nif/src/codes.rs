//! The core's code lists as atoms, so the Elixir side never keeps a copy of them.

use chatwoot_identity::{ErrorCode, FindingCode, WebhookFindingCode};
use rustler::{Atom, Env};

/// The atom for one of the core's snake_case codes. They are short ASCII words (the core tests
/// it), always within the VM's atom limits.
pub fn atom(env: Env<'_>, code: &str) -> Atom {
    Atom::from_str(env, code).expect("the core's codes are short ASCII words")
}

/// One of the core's code lists (its `ALL`, named by its `as_str`) as atoms, in the core's order.
fn atoms<Code: Copy>(env: Env<'_>, codes: &[Code], name: fn(Code) -> &'static str) -> Vec<Atom> {
    codes.iter().map(|&code| atom(env, name(code))).collect()
}

/// `ChatwootIdentity.error_codes/0`: every `ErrorCode`, in the core's order.
#[rustler::nif]
fn error_codes(env: Env<'_>) -> Vec<Atom> {
    atoms(env, ErrorCode::ALL, ErrorCode::as_str)
}

/// `ChatwootIdentity.finding_codes/0`: every `FindingCode`, in report order.
#[rustler::nif]
fn finding_codes(env: Env<'_>) -> Vec<Atom> {
    atoms(env, FindingCode::ALL, FindingCode::as_str)
}

/// `ChatwootIdentity.webhook_finding_codes/0`: every `WebhookFindingCode`, in report order.
#[rustler::nif]
fn webhook_finding_codes(env: Env<'_>) -> Vec<Atom> {
    atoms(env, WebhookFindingCode::ALL, WebhookFindingCode::as_str)
}
