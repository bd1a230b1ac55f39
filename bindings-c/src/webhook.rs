//! Chatwoot's signed webhooks: verify (one-off or with a prepared verifier, from the two signed
//! header values or from the request's header list), sign for tests, and diagnose.
//!
//! Every rule (header names, trimming, the signature and timestamp format, the age check) is
//! the core's; this file only borrows C's buffers, calls the core and copies results out.

use std::ffi::c_char;

use identity::{
    DEFAULT_TOLERANCE_SECONDS, Error, SignedHeaders, SignedWebhook, WebhookFindingCode,
    WebhookHeaders, WebhookVerifier,
};

use crate::code_texts::{CodeTexts, code_texts};
use crate::guard::{guard, guard_status};
use crate::handle::{borrow, free, into_handle};
use crate::slices::{input, optional_input, output};
use crate::status::Failure;
use crate::status_table::chatwoot_identity_status;
use chatwoot_identity_status as Status;

/// The default tolerance of the webhook functions, in seconds: a timestamp up to five minutes
/// from `now`, either way, is accepted.
pub const CHATWOOT_IDENTITY_WEBHOOK_DEFAULT_TOLERANCE: u64 = 300;

/// Size of chatwoot_identity_verified_webhook's `delivery_id`: up to 128 bytes and a NUL
/// (Chatwoot sends a 36-character UUID).
pub const CHATWOOT_IDENTITY_DELIVERY_ID_BUFFER_LEN: usize = 129;

/// Size of a signature buffer: "sha256=", 64 lowercase hex characters and a NUL.
pub const CHATWOOT_IDENTITY_WEBHOOK_SIGNATURE_BUFFER_LEN: usize = 72;

/// Size of a timestamp buffer: up to 20 decimal digits and a NUL.
pub const CHATWOOT_IDENTITY_WEBHOOK_TIMESTAMP_BUFFER_LEN: usize = 21;

/// Size of a generated delivery id buffer: a 36-character UUID and a NUL.
pub const CHATWOOT_IDENTITY_WEBHOOK_UUID_BUFFER_LEN: usize = 37;

const _: () = assert!(CHATWOOT_IDENTITY_WEBHOOK_DEFAULT_TOLERANCE == DEFAULT_TOLERANCE_SECONDS);

/// A webhook that verified: Chatwoot signed this body at `timestamp`, within the tolerance.
#[repr(C)]
pub struct chatwoot_identity_verified_webhook {
    /// When Chatwoot signed the request, in Unix seconds.
    pub timestamp: u64,
    /// `now - timestamp` in seconds; negative when the timestamp is ahead of `now`.
    pub age: i64,
    /// Whether the headers carried X-Chatwoot-Delivery (only the _headers functions read it).
    /// It is not signed; a value longer than 128 bytes is left out (has_delivery_id false).
    pub has_delivery_id: bool,
    /// X-Chatwoot-Delivery, NUL-terminated ("" when absent).
    pub delivery_id: [c_char; CHATWOOT_IDENTITY_DELIVERY_ID_BUFFER_LEN],
    /// The key to remember this request by against replays: the signature's 64 hex characters
    /// and a NUL. Keep it out of logs: it is what a replay would need.
    pub replay_key: [c_char; 65],
}

/// The headers Chatwoot would send with a body, from chatwoot_identity_sign_webhook; each
/// field is NUL-terminated.
#[repr(C)]
pub struct chatwoot_identity_signed_webhook {
    /// X-Chatwoot-Signature: "sha256=" and 64 lowercase hex characters.
    pub signature: [c_char; CHATWOOT_IDENTITY_WEBHOOK_SIGNATURE_BUFFER_LEN],
    /// X-Chatwoot-Timestamp: the Unix seconds in decimal.
    pub timestamp: [c_char; CHATWOOT_IDENTITY_WEBHOOK_TIMESTAMP_BUFFER_LEN],
    /// X-Chatwoot-Delivery: a random UUID (version 4); not signed.
    pub delivery_id: [c_char; CHATWOOT_IDENTITY_WEBHOOK_UUID_BUFFER_LEN],
}

/// A webhook secret prepared once, shared by any number of threads. Opaque: create with
/// chatwoot_identity_webhook_verifier_new, free with chatwoot_identity_webhook_verifier_free.
pub struct chatwoot_identity_webhook_verifier {
    inner: WebhookVerifier,
}

/// `text` and a NUL, then zeros, as a C field of `N` bytes; the caller sized `N` for the
/// longest value.
fn c_text<const N: usize>(text: &[u8]) -> [c_char; N] {
    let mut field = [0 as c_char; N];
    for (slot, &byte) in field.iter_mut().zip(text) {
        *slot = byte as c_char;
    }
    field
}

/// Checks an output struct pointer before any work; it is written whole, once, on success
/// (never read, nor referenced while it may hold garbage).
fn out_ptr<T>(ptr: *mut T) -> Result<*mut T, Status> {
    if ptr.is_null() {
        Err(Status::CHATWOOT_IDENTITY_NULL_ARGUMENT)
    } else {
        Ok(ptr)
    }
}

/// The verifier for one call: the core's, with the caller's tolerance.
fn new_verifier(secret: &[u8], tolerance: u64, check_age: bool) -> Result<WebhookVerifier, Error> {
    let verifier = WebhookVerifier::new(secret)?.with_tolerance(tolerance);
    Ok(if check_age {
        verifier
    } else {
        verifier.without_age_check()
    })
}

/// A `(pointer, length)` byte input as C passes it.
type Bytes = (*const u8, usize);

/// Where a verify function's verifier comes from: the caller's secret and tolerance, prepared
/// for this call, or a prepared chatwoot_identity_webhook_verifier.
enum Key {
    Secret(Bytes, u64, bool),
    Verifier(*const chatwoot_identity_webhook_verifier),
}

/// The signed headers in either of C's forms: the two values, X-Chatwoot-Signature and
/// X-Chatwoot-Timestamp (NULL with length 0 for one that is absent), or the request's header
/// list as parallel arrays (`names`, `name_lens`, `values`, `value_lens`, `count`).
enum Signed {
    Values(Bytes, Bytes),
    Headers(
        *const *const u8,
        *const usize,
        *const *const u8,
        *const usize,
        usize,
    ),
}

impl Signed {
    /// The headers as the core reads them.
    ///
    /// # Safety
    /// Each pointer is as the header requires; the arrays hold `count` entries (NULL when
    /// `count` is 0).
    unsafe fn read<'a>(self) -> Result<SignedHeaders<&'a [u8]>, Status> {
        // SAFETY: forwarded from this function's contract.
        Ok(unsafe {
            match self {
                Signed::Values((signature, signature_len), (timestamp, timestamp_len)) => {
                    SignedHeaders::Values {
                        signature: input(signature, signature_len)?,
                        timestamp: input(timestamp, timestamp_len)?,
                    }
                }
                Signed::Headers(names, name_lens, values, value_lens, count) => {
                    let (names, name_lens) = (input(names, count)?, input(name_lens, count)?);
                    let (values, value_lens) = (input(values, count)?, input(value_lens, count)?);
                    let mut pairs: Vec<(&[u8], &[u8])> = Vec::with_capacity(count);
                    for i in 0..count {
                        let name = input(names[i], name_lens[i])?;
                        pairs.push((name, input(values[i], value_lens[i])?));
                    }
                    SignedHeaders::Headers(WebhookHeaders::from_pairs(pairs))
                }
            }
        })
    }
}

/// What the four verify functions share: every pointer checked, then the verifier prepared
/// (when the key is a secret), so a NULL pointer is reported before an empty secret; the
/// verified webhook written to `*out`.
///
/// # Safety
/// As the extern functions' contracts.
unsafe fn verify_into(
    key: Key,
    (body, body_len): Bytes,
    signed: Signed,
    now: u64,
    out: *mut chatwoot_identity_verified_webhook,
) -> Result<(), Failure> {
    // SAFETY: forwarded from the caller.
    let (body, signed, out) = unsafe { (input(body, body_len)?, signed.read()?, out_ptr(out)?) };
    let prepared;
    let verifier = match key {
        // SAFETY: forwarded from the caller.
        Key::Verifier(verifier) => unsafe { &borrow(verifier)?.inner },
        Key::Secret((secret, secret_len), tolerance, check_age) => {
            // SAFETY: forwarded from the caller.
            let secret = unsafe { input(secret, secret_len)? };
            prepared = new_verifier(secret, tolerance, check_age)?;
            &prepared
        }
    };
    let webhook = signed.verify(verifier, body, now)?;
    let delivery = webhook
        .delivery_id
        .as_deref()
        .filter(|id| id.len() < CHATWOOT_IDENTITY_DELIVERY_ID_BUFFER_LEN);
    let value = chatwoot_identity_verified_webhook {
        timestamp: webhook.timestamp,
        age: webhook.age,
        has_delivery_id: delivery.is_some(),
        delivery_id: c_text(delivery.unwrap_or("").as_bytes()),
        replay_key: c_text(webhook.replay_key().as_bytes()),
    };
    // SAFETY: non-NULL, and writable by the caller's contract.
    unsafe { out.write(value) };
    Ok(())
}

/// What the two diagnose functions share: the core's diagnosis of the headers in `signed` as
/// `*verified` and the mask of its findings.
///
/// # Safety
/// As the extern functions' contracts.
unsafe fn diagnose_into(
    (secret, secret_len): Bytes,
    (body, body_len): Bytes,
    signed: Signed,
    (token, token_len): Bytes,
    (verified, findings): (*mut bool, *mut u32),
) -> Result<(), Failure> {
    // SAFETY: forwarded from the caller.
    let (secret, body, signed, token, verified, findings) = unsafe {
        (
            input(secret, secret_len)?,
            input(body, body_len)?,
            signed.read()?,
            optional_input(token, token_len)?,
            output(verified)?,
            output(findings)?,
        )
    };
    let diagnosis = signed.diagnose(secret, body, token)?;
    *verified = diagnosis.verified;
    *findings = diagnosis.mask();
    Ok(())
}

/// Verifies one webhook from its raw body and the values of its two signed headers,
/// X-Chatwoot-Signature and X-Chatwoot-Timestamp (NULL with length 0 for a header that is
/// absent), at `now` (Unix seconds, e.g. `time(NULL)`). `tolerance` is the largest
/// `|now - timestamp|` accepted, in seconds (CHATWOOT_IDENTITY_WEBHOOK_DEFAULT_TOLERANCE is
/// Chatwoot's advice; 0 accepts only the second of `now`); `check_age` false skips the age
/// check altogether (only for stored requests: a captured request then verifies forever). The
/// body is read in place, never copied. On success `*out` gets the verified webhook
/// (`has_delivery_id` false: the two values carry none).
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET, _MISSING_SIGNATURE, _MALFORMED_SIGNATURE,
/// _MISSING_TIMESTAMP, _MALFORMED_TIMESTAMP, _SIGNATURE_MISMATCH, _STALE_TIMESTAMP,
/// _FUTURE_TIMESTAMP or _NULL_ARGUMENT on failure; `*out` is then untouched.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_verify_webhook(
    secret: *const u8,
    secret_len: usize,
    body: *const u8,
    body_len: usize,
    signature: *const u8,
    signature_len: usize,
    timestamp: *const u8,
    timestamp_len: usize,
    now: u64,
    tolerance: u64,
    check_age: bool,
    out: *mut chatwoot_identity_verified_webhook,
) -> chatwoot_identity_status {
    let signed = Signed::Values((signature, signature_len), (timestamp, timestamp_len));
    let key = Key::Secret((secret, secret_len), tolerance, check_age);
    // SAFETY: forwarded from this function's contract.
    guard_status(|| unsafe { verify_into(key, (body, body_len), signed, now, out) })
}

/// As chatwoot_identity_verify_webhook, from the request's header list: `count` headers as
/// parallel arrays, `names[i]` (`name_lens[i]` bytes) and `values[i]` (`value_lens[i]`
/// bytes), in any order, with any other headers among them. The library picks out the
/// Chatwoot headers (names ignore ASCII case; the CGI form HTTP_X_CHATWOOT_SIGNATURE counts);
/// a signed header sent twice is malformed. `*out` carries X-Chatwoot-Delivery when present.
///
/// # Safety
/// Pointers as the header's conventions require; `names`, `name_lens`, `values` and
/// `value_lens` each hold `count` entries (NULL when `count` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_verify_webhook_headers(
    secret: *const u8,
    secret_len: usize,
    body: *const u8,
    body_len: usize,
    names: *const *const u8,
    name_lens: *const usize,
    values: *const *const u8,
    value_lens: *const usize,
    count: usize,
    now: u64,
    tolerance: u64,
    check_age: bool,
    out: *mut chatwoot_identity_verified_webhook,
) -> chatwoot_identity_status {
    let signed = Signed::Headers(names, name_lens, values, value_lens, count);
    let key = Key::Secret((secret, secret_len), tolerance, check_age);
    // SAFETY: forwarded from this function's contract.
    guard_status(|| unsafe { verify_into(key, (body, body_len), signed, now, out) })
}

/// Prepares a webhook secret with its tolerance (see chatwoot_identity_verify_webhook) and
/// stores a new verifier in `*out` (left untouched on failure).
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET or CHATWOOT_IDENTITY_NULL_ARGUMENT on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_webhook_verifier_new(
    secret: *const u8,
    secret_len: usize,
    tolerance: u64,
    check_age: bool,
    out: *mut *mut chatwoot_identity_webhook_verifier,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (secret, out) = unsafe { (input(secret, secret_len)?, output(out)?) };
        let inner = new_verifier(secret, tolerance, check_age)?;
        *out = into_handle(chatwoot_identity_webhook_verifier { inner });
        Ok(())
    })
}

/// Frees a verifier and wipes its key material. NULL is harmless; freeing twice is not.
///
/// # Safety
/// `verifier` is NULL or a pointer from chatwoot_identity_webhook_verifier_new not freed
/// before, and no other thread is using it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_webhook_verifier_free(
    verifier: *mut chatwoot_identity_webhook_verifier,
) {
    // SAFETY: forwarded from this function's contract; dropping the core verifier zeroizes
    // its HMAC states.
    guard(|| unsafe { free(verifier) })
}

/// As chatwoot_identity_verify_webhook, with the verifier's prepared secret and tolerance.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_webhook_verifier_verify(
    verifier: *const chatwoot_identity_webhook_verifier,
    body: *const u8,
    body_len: usize,
    signature: *const u8,
    signature_len: usize,
    timestamp: *const u8,
    timestamp_len: usize,
    now: u64,
    out: *mut chatwoot_identity_verified_webhook,
) -> chatwoot_identity_status {
    let signed = Signed::Values((signature, signature_len), (timestamp, timestamp_len));
    // SAFETY: forwarded from this function's contract.
    guard_status(|| unsafe {
        verify_into(Key::Verifier(verifier), (body, body_len), signed, now, out)
    })
}

/// As chatwoot_identity_verify_webhook_headers, with the verifier's prepared secret and
/// tolerance.
///
/// # Safety
/// As chatwoot_identity_verify_webhook_headers.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_webhook_verifier_verify_headers(
    verifier: *const chatwoot_identity_webhook_verifier,
    body: *const u8,
    body_len: usize,
    names: *const *const u8,
    name_lens: *const usize,
    values: *const *const u8,
    value_lens: *const usize,
    count: usize,
    now: u64,
    out: *mut chatwoot_identity_verified_webhook,
) -> chatwoot_identity_status {
    let signed = Signed::Headers(names, name_lens, values, value_lens, count);
    // SAFETY: forwarded from this function's contract.
    guard_status(|| unsafe {
        verify_into(Key::Verifier(verifier), (body, body_len), signed, now, out)
    })
}

/// Signs `body` as Chatwoot would at `timestamp` (Unix seconds), for tests of a receiver:
/// `*out` gets the three headers, with a random delivery id.
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET, CHATWOOT_IDENTITY_MALFORMED_TIMESTAMP (a `timestamp`
/// of more than 18 digits, which no verifier reads) or CHATWOOT_IDENTITY_NULL_ARGUMENT on
/// failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_sign_webhook(
    secret: *const u8,
    secret_len: usize,
    body: *const u8,
    body_len: usize,
    timestamp: u64,
    out: *mut chatwoot_identity_signed_webhook,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (secret, body, out) = unsafe {
            (
                input(secret, secret_len)?,
                input(body, body_len)?,
                out_ptr(out)?,
            )
        };
        let signed: SignedWebhook = identity::sign_webhook(secret, body, timestamp)?;
        let value = chatwoot_identity_signed_webhook {
            signature: c_text(signed.signature.as_bytes()),
            timestamp: c_text(signed.timestamp.as_bytes()),
            delivery_id: c_text(signed.delivery_id.as_bytes()),
        };
        // SAFETY: `out` is non-NULL and writable by this function's contract.
        unsafe { out.write(value) };
        Ok(())
    })
}

/// Explains why a webhook's signature does or does not verify with `secret`: `*verified` is
/// whether it verifies (the age aside), `*findings` a mask of every known mistake that explains
/// it (bit `i` is webhook finding `i`; see chatwoot_identity_webhook_finding_code).
/// `signature` and `timestamp` are the header values as received (NULL with length 0 when
/// absent); `identity_hmac_token` is the inbox's identity-validation hmac_token to try as the
/// key, NULL with length 0 for none. Each known mistake costs one HMAC over the body: for a
/// person looking at a failed request, not for every request from the internet.
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET or CHATWOOT_IDENTITY_NULL_ARGUMENT on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_diagnose_webhook(
    secret: *const u8,
    secret_len: usize,
    body: *const u8,
    body_len: usize,
    signature: *const u8,
    signature_len: usize,
    timestamp: *const u8,
    timestamp_len: usize,
    identity_hmac_token: *const u8,
    identity_hmac_token_len: usize,
    verified: *mut bool,
    findings: *mut u32,
) -> chatwoot_identity_status {
    let signed = Signed::Values((signature, signature_len), (timestamp, timestamp_len));
    let (secret, body, token) = (
        (secret, secret_len),
        (body, body_len),
        (identity_hmac_token, identity_hmac_token_len),
    );
    // SAFETY: forwarded from this function's contract.
    guard_status(|| unsafe { diagnose_into(secret, body, signed, token, (verified, findings)) })
}

/// As chatwoot_identity_diagnose_webhook, from the request's header list (as
/// chatwoot_identity_verify_webhook_headers takes it). A signed header sent twice is
/// diagnosed as absent.
///
/// # Safety
/// As chatwoot_identity_verify_webhook_headers.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_diagnose_webhook_headers(
    secret: *const u8,
    secret_len: usize,
    body: *const u8,
    body_len: usize,
    names: *const *const u8,
    name_lens: *const usize,
    values: *const *const u8,
    value_lens: *const usize,
    count: usize,
    identity_hmac_token: *const u8,
    identity_hmac_token_len: usize,
    verified: *mut bool,
    findings: *mut u32,
) -> chatwoot_identity_status {
    let signed = Signed::Headers(names, name_lens, values, value_lens, count);
    let (secret, body, token) = (
        (secret, secret_len),
        (body, body_len),
        (identity_hmac_token, identity_hmac_token_len),
    );
    // SAFETY: forwarded from this function's contract.
    guard_status(|| unsafe { diagnose_into(secret, body, signed, token, (verified, findings)) })
}

/// The webhook findings, numbered by their bit index.
static FINDINGS: CodeTexts = code_texts!(WebhookFindingCode);

/// How many webhook finding codes exist: bits 0 to count - 1 of a webhook findings mask are
/// meaningful.
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_webhook_finding_count() -> u32 {
    guard(|| WebhookFindingCode::ALL.len() as u32)
}

/// The stable snake_case code of webhook finding bit `index` (e.g. "body_escapes_changed"), or
/// NULL when `index` >= chatwoot_identity_webhook_finding_count().
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_webhook_finding_code(index: u32) -> *const c_char {
    guard(|| FINDINGS.code(index))
}

/// The explanation of webhook finding bit `index`, one sentence that never contains a secret,
/// or NULL when `index` >= chatwoot_identity_webhook_finding_count().
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_webhook_finding_message(index: u32) -> *const c_char {
    guard(|| FINDINGS.summary(index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_hold_the_longest_values() {
        assert!(u64::MAX.to_string().len() < CHATWOOT_IDENTITY_WEBHOOK_TIMESTAMP_BUFFER_LEN);
        assert_eq!(CHATWOOT_IDENTITY_WEBHOOK_SIGNATURE_BUFFER_LEN, 7 + 64 + 1);
        let signed = identity::sign_webhook("s", b"", 999_999_999_999_999_999).unwrap();
        assert_eq!(
            signed.delivery_id.len() + 1,
            CHATWOOT_IDENTITY_WEBHOOK_UUID_BUFFER_LEN
        );
    }
}
