//! The webhook functions: `ChatwootIdentity.verify_webhook/3`, `ChatwootIdentity.WebhookVerifier`,
//! `sign_webhook/3` and `diagnose_webhook/4`. Every rule is the core's: the headers reach it as
//! the (name, value) pairs Elixir gave, all of them, in order (`WebhookHeaders::from_pairs` picks
//! Chatwoot's out, ignoring case); nothing here knows a header name or trims a value. Verify and
//! diagnose take the signed headers in either form as lib/chatwoot_identity/webhook.ex tags them,
//! `{:headers, headers}` or `{:values, signature, timestamp}`, read into the core's
//! `SignedHeaders`, which hands each form to the core's function for it.
//!
//! A body is read from its binary where it is, never copied. Hashing a big one would hold up a
//! normal scheduler, so each function has a dirty-CPU twin (`*_dirty`): the normal one answers
//! `:dirty` for a body from [`HASHING`]`.dirty_from` bytes, and the Elixir side then calls
//! the twin, as the batch does.

use std::borrow::Cow;
use std::fmt;

use chatwoot_identity::{
    SignedHeaders, SignedWebhook, VerifiedWebhook, WebhookHeaders, WebhookVerifier, unix_now,
};
use rustler::types::{ListIterator, MapIterator};
use rustler::{Atom, Binary, NifStruct, Resource, ResourceArc, Term};

use crate::arguments::{self, Parameter, is_nil, struct_name, wrong_type};
use crate::diagnosis::WebhookDiagnosisTerm;
use crate::dirty::{Budget, nif_with_dirty_twin};
use crate::reply::{Failure, Outcome, nifs};

rustler::atoms! { prepare, headers, values }

/// In bytes to hash. From 128 KB, about 0.1 ms of SHA-256 here (a tenth of the millisecond a
/// NIF may hold a normal scheduler, with room for a machine without SHA instructions), a call
/// runs on a dirty CPU scheduler; a 64 KB webhook stays on the caller's. A normal scheduler
/// hashes about 1 MB in its timeslice.
const HASHING: Budget = Budget {
    dirty_from: 128 * 1024,
    per_timeslice: 1024 * 1024,
};

/// About how many HMACs over the body `diagnose_webhook` computes (a few dozen known mistakes).
const DIAGNOSE_PASSES: usize = 48;

/// `ChatwootIdentity.WebhookVerifier`: a webhook secret prepared once with its tolerance. The
/// core's verifier is `Send + Sync` and wipes its key states when the VM drops the resource.
pub struct WebhookVerifierResource(WebhookVerifier);

#[rustler::resource_impl]
impl Resource for WebhookVerifierResource {}

nifs! {
    fn webhook_verifier_new(_, secret, tolerance, check_age) {
        let verifier = prepare_verifier(secret, tolerance, check_age)?;
        Ok(ResourceArc::new(WebhookVerifierResource(verifier)))
    }
}

nif_with_dirty_twin! {
    fn webhook_verify / webhook_verify_dirty(_, verifier, body, signed, now),
    costing body_len(body), of HASHING => {
        let verifier = webhook_verifier(verifier)?;
        let body = body_bytes(body)?;
        let signed = signed_headers(signed)?;
        let now = now_seconds(now)?;
        Ok(VerifiedTerm::from(signed.verify(&verifier, body, now)?))
    }
}

nif_with_dirty_twin! {
    fn sign_webhook / sign_webhook_dirty(_, secret, body, timestamp),
    costing body_len(body), of HASHING => {
        let secret = arguments::secret(secret, "secret")?;
        let body = body_bytes(body)?;
        let timestamp = match is_nil(timestamp) {
            true => unix_now(),
            false => seconds(timestamp, "timestamp", "Unix seconds (an integer) or nil")?,
        };
        Ok(SignedTerm::from(chatwoot_identity::sign_webhook(secret, body, timestamp)?))
    }
}

// The signature's arguments are read first, then the secret, the body and the token.
nif_with_dirty_twin! {
    fn diagnose_webhook / diagnose_webhook_dirty(env, secret, body, signed, identity_hmac_token),
    costing body_len(body) * DIAGNOSE_PASSES, of HASHING => {
        let signed = signed_headers(signed)?;
        let secret = arguments::secret(secret, "secret")?;
        let body = body_bytes(body)?;
        let token = match is_nil(identity_hmac_token) {
            true => None,
            false => Some(arguments::secret(identity_hmac_token, "identity_hmac_token")?),
        };
        let diagnosis = signed.diagnose(secret, body, token)?;
        Ok(WebhookDiagnosisTerm::new(env, &diagnosis))
    }
}

/// The size of the body, to choose the scheduler; 0 for a term of another type, which the call
/// itself then refuses.
fn body_len(body: Term<'_>) -> usize {
    Binary::from_term(body).map_or(0, |binary| binary.len())
}

/// The signed headers, as webhook.ex tagged them: the values' bytes, borrowed (`nil` standing
/// for an absent header, as `""` does), or the core's view of the headers.
fn signed_headers(term: Term<'_>) -> Outcome<SignedHeaders<&[u8]>> {
    if let Ok((tag, list)) = term.decode::<(Atom, Term)>()
        && tag == headers()
    {
        let pairs = header_pairs(list)?;
        return Ok(SignedHeaders::Headers(WebhookHeaders::from_pairs(pairs)));
    }
    if let Ok((tag, signature, timestamp)) = term.decode::<(Atom, Term, Term)>()
        && tag == values()
    {
        return Ok(SignedHeaders::Values {
            signature: header_value(signature, "signature")?,
            timestamp: header_value(timestamp, "timestamp")?,
        });
    }
    Err(wrong_type(
        term,
        Parameter::Named("signed"),
        "{:headers, headers} or {:values, signature, timestamp}",
    ))
}

/// A `WebhookVerifier` resource, or `{:prepare, secret, tolerance, check_age}` for a one-off
/// call (`verify_webhook/3`), prepared for this call only.
fn webhook_verifier<'a>(term: Term<'a>) -> Outcome<Cow<'a, WebhookVerifier>> {
    if let Some(resource) = term.try_get_resource::<WebhookVerifierResource>() {
        return Ok(Cow::Borrowed(&resource.0));
    }
    if let Ok((tag, secret, tolerance, check_age)) = term.decode::<(Atom, Term, Term, Term)>()
        && tag == prepare()
    {
        return prepare_verifier(secret, tolerance, check_age).map(Cow::Owned);
    }
    Err(wrong_type(
        term,
        Parameter::Named("verifier"),
        "a ChatwootIdentity.WebhookVerifier",
    ))
}

/// The core's default tolerance in seconds, which `:tolerance` falls back to, so the Elixir side
/// does not keep its own copy of the number.
#[rustler::nif]
fn default_webhook_tolerance() -> u64 {
    chatwoot_identity::DEFAULT_TOLERANCE_SECONDS
}

/// Every argument's type first, then the core's own check of the secret.
fn prepare_verifier(
    secret: Term<'_>,
    tolerance: Term<'_>,
    check_age: Term<'_>,
) -> Outcome<WebhookVerifier> {
    let secret = arguments::secret(secret, "secret")?;
    let tolerance = seconds(tolerance, "tolerance", "an integer of seconds")?;
    let check_age = check_age
        .decode::<bool>()
        .map_err(|_| wrong_type(check_age, Parameter::Named("check_age"), "a boolean"))?;
    let verifier = WebhookVerifier::new(secret)?.with_tolerance(tolerance);
    Ok(match check_age {
        true => verifier,
        false => verifier.without_age_check(),
    })
}

/// The raw request body: a binary, borrowed where it is.
fn body_bytes(term: Term<'_>) -> Outcome<&[u8]> {
    arguments::binary(term, "body", "a binary (the raw request body)")
}

/// A header's value as received, `nil` standing for an absent header.
fn header_value<'a>(term: Term<'a>, parameter: &'static str) -> Outcome<&'a [u8]> {
    match is_nil(term) {
        true => Ok(b""),
        false => arguments::binary(term, parameter, "a binary or nil"),
    }
}

/// `nil` for the clock, or Unix seconds.
fn now_seconds(term: Term<'_>) -> Outcome<u64> {
    match is_nil(term) {
        true => Ok(unix_now()),
        false => seconds(term, "now", "Unix seconds (an integer) or nil"),
    }
}

/// Whole seconds, from 0 to 2**64-1.
fn seconds(term: Term<'_>, parameter: &'static str, expected: &str) -> Outcome<u64> {
    if let Ok(seconds) = term.decode::<u64>() {
        return Ok(seconds);
    }
    if term.is_integer() {
        return Err(Failure::Argument(format!(
            "{parameter} is out of range: whole seconds from 0 to 2**64-1"
        )));
    }
    Err(wrong_type(term, Parameter::Named(parameter), expected))
}

/// Every (name, value) pair of the request's headers, as Elixir holds them: a list of
/// `{name, value}` tuples (Plug's `conn.req_headers`) or a map of name to value (or to a list of
/// values, one pair each). Borrowed, never copied.
fn header_pairs<'a>(term: Term<'a>) -> Outcome<Vec<(&'a [u8], &'a [u8])>> {
    if term.is_map() && struct_name(term).is_none() {
        let mut pairs = Vec::new();
        for (name, value) in MapIterator::new(term).expect("the term is a map") {
            let name = header_part(name, "headers' names")?;
            match value.is_list() {
                true => {
                    let values = proper_list(value, "a list of values in headers")?;
                    for value in values {
                        pairs.push((name, header_part(value, "headers' values")?));
                    }
                }
                false => pairs.push((name, header_part(value, "headers' values")?)),
            }
        }
        return Ok(pairs);
    }
    if !term.is_list() {
        return Err(wrong_type(
            term,
            Parameter::Named("headers"),
            "a list of {name, value} tuples (conn.req_headers) or a map",
        ));
    }
    proper_list(term, "headers")?
        .enumerate()
        .map(|(index, pair)| {
            let (name, value) = pair.decode::<(Term, Term)>().map_err(|_| {
                wrong_type(pair, format!("headers[{index}]"), "a {name, value} tuple")
            })?;
            Ok((
                header_part(name, format_args!("headers[{index}]'s name"))?,
                header_part(value, format_args!("headers[{index}]'s value"))?,
            ))
        })
        .collect()
}

fn proper_list<'a>(term: Term<'a>, what: &str) -> Outcome<ListIterator<'a>> {
    term.list_length()
        .and_then(|_| term.into_list_iterator())
        .map_err(|_| Failure::Argument(format!("{what} must be a proper list")))
}

/// A header name or value: a binary (a value's bytes are signed exactly as received).
fn header_part<'a>(term: Term<'a>, parameter: impl fmt::Display) -> Outcome<&'a [u8]> {
    arguments::binary(term, parameter, "a binary")
}

/// `%ChatwootIdentity.VerifiedWebhook{}`.
#[derive(NifStruct)]
#[rustler(encode)]
#[module = "ChatwootIdentity.VerifiedWebhook"]
struct VerifiedTerm {
    timestamp: u64,
    age: i64,
    delivery_id: Option<String>,
    replay_key: String,
}

impl From<VerifiedWebhook> for VerifiedTerm {
    fn from(webhook: VerifiedWebhook) -> Self {
        VerifiedTerm {
            timestamp: webhook.timestamp,
            age: webhook.age,
            replay_key: webhook.replay_key().to_owned(),
            delivery_id: webhook.delivery_id,
        }
    }
}

/// `%ChatwootIdentity.SignedWebhook{}`. The header names are lowercase, as Plug and Mint hold
/// them (`Plug.Conn.put_req_header/3` refuses others); a receiver matches any case.
#[derive(NifStruct)]
#[rustler(encode)]
#[module = "ChatwootIdentity.SignedWebhook"]
struct SignedTerm {
    signature: String,
    timestamp: String,
    delivery_id: String,
    headers: Vec<(String, String)>,
}

impl From<SignedWebhook> for SignedTerm {
    fn from(signed: SignedWebhook) -> Self {
        let headers = signed
            .headers()
            .iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), (*value).to_owned()))
            .collect();
        SignedTerm {
            signature: signed.signature,
            timestamp: signed.timestamp,
            delivery_id: signed.delivery_id,
            headers,
        }
    }
}
