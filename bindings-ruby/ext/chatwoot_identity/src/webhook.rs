//! Signed webhooks: `ChatwootIdentity::WebhookVerifier`, `VerifiedWebhook` and `SignedWebhook`,
//! and the native halves of `verify_webhook`, `sign_webhook` and `diagnose_webhook`
//! (lib/chatwoot_identity/webhook.rb holds the keyword front, diagnosis.rs the diagnosis).
//! Headers become (name, value) pairs handed to the core whole: the core alone matches names
//! (any case, the CGI `HTTP_X_CHATWOOT_SIGNATURE` form), trims values and applies the
//! acceptance rule; the core's `SignedHeaders` hands either form to its function for it.
//!
//! The body is borrowed, never copied. From [`RELEASE_GVL_FROM`] bytes the hashing runs without
//! the GVL, over a frozen String that shares the body's buffer (`rb_str_new_frozen` makes one
//! without copying a heap buffer), so no other thread can change or free the bytes meanwhile.

use chatwoot_identity::{
    DEFAULT_TOLERANCE_SECONDS, DELIVERY_HEADER, SIGNATURE_HEADER, SignedHeaders, SignedWebhook,
    TIMESTAMP_HEADER, Tolerance, VerifiedWebhook, WebhookHeaders, WebhookVerifier, unix_now,
};
use magnus::{
    Error, Integer, RArray, RHash, RModule, RString, Ruby, Symbol, Value,
    prelude::*,
    r_hash::ForEach,
    rb_sys::{AsRawValue, FromRawValue},
    value::ReprValue,
};

use crate::arguments::{self, Parameter};
use crate::diagnosis::RbWebhookDiagnosis;
use crate::errors::OrRaise;
use crate::without_gvl::without_gvl;

/// From this body size (64 KiB, some 40 µs of SHA-256 and up) the HMAC runs without the GVL;
/// below it, handing the GVL over and taking it back costs a large share of the work.
const RELEASE_GVL_FROM: usize = 64 * 1024;

#[magnus::wrap(
    class = "ChatwootIdentity::WebhookVerifier",
    free_immediately,
    size,
    frozen_shareable
)]
struct RbWebhookVerifier(WebhookVerifier);

#[magnus::wrap(
    class = "ChatwootIdentity::VerifiedWebhook",
    free_immediately,
    size,
    frozen_shareable
)]
struct RbVerifiedWebhook(VerifiedWebhook);

#[magnus::wrap(
    class = "ChatwootIdentity::SignedWebhook",
    free_immediately,
    size,
    frozen_shareable
)]
struct RbSignedWebhook(SignedWebhook);

/// The signed headers as the arguments gave them: the two values, their types checked
/// (`None`: the header is absent), or the request's headers, read only by [`Source::read`]
/// (after the body, so that the first argument at fault is the one named).
enum Source {
    Values(Option<RString>, Option<RString>),
    Headers(Value),
}

impl Source {
    /// `headers:` or `signature:` + `timestamp:`; both is a usage error.
    fn new(ruby: &Ruby, headers: Value, signature: Value, timestamp: Value) -> Result<Self, Error> {
        if !headers.is_nil() {
            if !signature.is_nil() || !timestamp.is_nil() {
                return Err(Error::new(
                    ruby.exception_arg_error(),
                    "pass either headers: (the request's headers) or signature: and timestamp: \
                     (the two header values), not both",
                ));
            }
            return Ok(Source::Headers(headers));
        }
        Ok(Source::Values(
            optional_string(ruby, signature, "signature")?,
            optional_string(ruby, timestamp, "timestamp")?,
        ))
    }

    /// The core's form: the values as `B` (`&[u8]` borrows them, `Vec<u8>` copies them for work
    /// without the GVL), or the core's view of the headers (`from_pairs` copies what it keeps).
    ///
    /// # Safety
    /// While a borrowed `B` is alive no Ruby code may run; no Ruby code may run while the header
    /// pairs are read (see [`header_pairs`]).
    unsafe fn read<'a, B: From<&'a [u8]>>(
        &'a self,
        ruby: &Ruby,
    ) -> Result<SignedHeaders<B>, Error> {
        // SAFETY (both blocks): forwarded to the caller.
        let bytes = |value: &'a Option<RString>| match value {
            Some(value) => B::from(unsafe { value.as_slice() }),
            None => B::from(&[]),
        };
        Ok(match self {
            Source::Values(signature, timestamp) => SignedHeaders::Values {
                signature: bytes(signature),
                timestamp: bytes(timestamp),
            },
            Source::Headers(headers) => {
                let pairs = header_pairs(ruby, *headers)?;
                let pairs = pairs
                    .iter()
                    .map(|(name, value)| unsafe { (name.as_slice(), value.as_slice()) });
                SignedHeaders::Headers(WebhookHeaders::from_pairs(pairs))
            }
        })
    }
}

/// A String or nil: a header value (nil: absent) or `identity_hmac_token:` (nil: none).
fn optional_string(
    ruby: &Ruby,
    value: Value,
    name: &'static str,
) -> Result<Option<RString>, Error> {
    match value.is_nil() {
        true => Ok(None),
        false => RString::from_value(value)
            .map(Some)
            .ok_or_else(|| arguments::wrong_type(ruby, value, name, "a String or nil")),
    }
}

/// The request's header fields as (name, value) Strings, every one of them, for the core.
///
/// A Hash (a plain header Hash, a Rack env, `ActionDispatch::Http::Headers#env`): each entry
/// with a String or Symbol key and a String value (an Array value: one pair per String in it).
/// Other entries (a Rack env's `rack.input`, `rack.version`, ...) are not header fields and are
/// left out. An Array: `[name, value]` pairs, anything else in it is a `TypeError`.
///
/// The Strings stay reachable from `headers`, which the caller holds, and no Ruby code runs
/// between collecting them and the core reading them.
fn header_pairs(ruby: &Ruby, headers: Value) -> Result<Vec<(RString, RString)>, Error> {
    let mut pairs = Vec::new();
    if let Some(hash) = RHash::from_value(headers) {
        pairs.reserve(hash.len());
        hash.foreach(|name: Value, value: Value| {
            if let Some(name) = header_name(name) {
                if let Some(value) = RString::from_value(value) {
                    pairs.push((name, value));
                } else if let Some(values) = RArray::from_value(value) {
                    for index in 0..values.len() {
                        if let Some(value) = RString::from_value(values.entry(index as isize)?) {
                            pairs.push((name, value));
                        }
                    }
                }
            }
            Ok(ForEach::Continue)
        })?;
        return Ok(pairs);
    }
    let Some(array) = RArray::from_value(headers) else {
        return Err(arguments::wrong_type(
            ruby,
            headers,
            Parameter::Named("headers"),
            "a Hash (a Rack env or header Hash), ActionDispatch::Http::Headers, or an Array of \
             [name, value] pairs",
        ));
    };
    pairs.reserve(array.len());
    for index in 0..array.len() {
        let element: Value = array.entry(index as isize)?;
        let pair = RArray::from_value(element)
            .filter(|pair| pair.len() == 2)
            .and_then(|pair| {
                let name = header_name(pair.entry(0).ok()?)?;
                let value = RString::from_value(pair.entry(1).ok()?)?;
                Some((name, value))
            });
        match pair {
            Some(pair) => pairs.push(pair),
            None => {
                return Err(arguments::wrong_type(
                    ruby,
                    element,
                    format_args!("headers[{index}]"),
                    "a [name, value] pair of Strings",
                ));
            }
        }
    }
    Ok(pairs)
}

/// A header name: a String, or a Symbol's name (`{"X-Chatwoot-Signature": ...}`).
fn header_name(name: Value) -> Option<RString> {
    if let Some(name) = RString::from_value(name) {
        return Some(name);
    }
    // The Symbol's own frozen String (what Symbol#name returns), which the Symbol keeps alive;
    // no Ruby code runs to get it.
    let symbol = Symbol::from_value(name)?;
    // SAFETY: `symbol` is a Symbol, and rb_sym2str returns a String for any Symbol.
    RString::from_value(unsafe { Value::from_raw(rb_sys::rb_sym2str(symbol.as_raw())) })
}

fn body(ruby: &Ruby, value: Value) -> Result<RString, Error> {
    RString::from_value(value).ok_or_else(|| {
        arguments::wrong_type(ruby, value, "body", "a String (the raw request body)")
    })
}

/// Unix seconds: `now` (nil: the system clock) or the `timestamp` to sign at.
fn seconds(ruby: &Ruby, value: Value, name: &'static str) -> Result<u64, Error> {
    if value.is_nil() {
        return Ok(unix_now());
    }
    non_negative(ruby, value, name, "Unix time in seconds, 0 or more")
}

fn non_negative(ruby: &Ruby, value: Value, name: &'static str, what: &str) -> Result<u64, Error> {
    let integer = Integer::from_value(value)
        .ok_or_else(|| arguments::wrong_type(ruby, value, name, "an Integer"))?;
    integer.to_u64().map_err(|_| {
        Error::new(
            ruby.exception_range_error(),
            format!("{name} must be {what}, up to 2**64-1"),
        )
    })
}

/// `check_age:` is the explicit opt-out of the age check, so only `true` or `false`.
fn boolean(ruby: &Ruby, value: Value, name: &'static str) -> Result<bool, Error> {
    if value.as_raw() == ruby.qtrue().as_raw() {
        Ok(true)
    } else if value.as_raw() == ruby.qfalse().as_raw() {
        Ok(false)
    } else {
        Err(arguments::wrong_type(ruby, value, name, "true or false"))
    }
}

/// A large body, hashed without the GVL: over a frozen String sharing its buffer, which no
/// thread can modify, and which this frame keeps alive.
fn verify_large(
    verifier: &WebhookVerifier,
    body: RString,
    signed: &SignedHeaders<Vec<u8>>,
    now: u64,
) -> Result<VerifiedWebhook, chatwoot_identity::Error> {
    let frozen = RString::new_frozen(body);
    // SAFETY: a frozen String's bytes never change; `frozen` stays on this stack (where the GC
    // finds it) until the work is done; a body this large is never embedded in the object, so
    // compaction cannot move the bytes.
    let bytes = unsafe { frozen.as_slice() };
    let verified = without_gvl(|| signed.verify(verifier, bytes, now));
    std::hint::black_box(&frozen);
    verified
}

impl RbWebhookVerifier {
    /// `WebhookVerifier.new`.
    fn prepare(
        ruby: &Ruby,
        secret: Value,
        tolerance: Value,
        check_age: Value,
    ) -> Result<Self, Error> {
        let secret = arguments::secret(ruby, secret)?;
        let tolerance = non_negative(
            ruby,
            tolerance,
            "tolerance",
            "a number of seconds, 0 or more",
        )?;
        let check_age = boolean(ruby, check_age, "check_age")?;
        // SAFETY: the borrow ends with this call; no Ruby code runs during it.
        let verifier = unsafe { WebhookVerifier::new(secret.as_slice()) }.or_raise(ruby)?;
        Ok(RbWebhookVerifier(match check_age {
            true => verifier.with_tolerance(tolerance),
            false => verifier.without_age_check(),
        }))
    }

    /// `WebhookVerifier#verify`.
    fn verify_with(
        ruby: &Ruby,
        rb_self: &Self,
        body: Value,
        headers: Value,
        signature: Value,
        timestamp: Value,
        now: Value,
    ) -> Result<RbVerifiedWebhook, Error> {
        let source = Source::new(ruby, headers, signature, timestamp)?;
        let body = self::body(ruby, body)?;
        let now = seconds(ruby, now, "now")?;
        let verified = if body.len() < RELEASE_GVL_FROM {
            // SAFETY: the borrows end with the core's call; no Ruby code runs meanwhile.
            unsafe {
                let signed = source.read::<&[u8]>(ruby)?;
                signed.verify(&rb_self.0, body.as_slice(), now)
            }
        } else {
            // SAFETY: the values are copied (they are read without the GVL); no Ruby code runs
            // while the pairs are read.
            let signed = unsafe { source.read::<Vec<u8>>(ruby)? };
            verify_large(&rb_self.0, body, &signed, now)
        };
        verified.map(RbVerifiedWebhook).or_raise(ruby)
    }

    /// Seconds either way, or nil when the age is not checked.
    fn tolerance(&self) -> Option<u64> {
        match self.0.tolerance() {
            Tolerance::Seconds(seconds) => Some(seconds),
            _ => None,
        }
    }

    fn sign_with(
        ruby: &Ruby,
        rb_self: &Self,
        body: Value,
        timestamp: Value,
    ) -> Result<RbSignedWebhook, Error> {
        let body = self::body(ruby, body)?;
        let timestamp = seconds(ruby, timestamp, "timestamp")?;
        // SAFETY: the borrow ends with this call; no Ruby code runs during it.
        let signed = unsafe { rb_self.0.sign(body.as_slice(), timestamp) };
        signed.map(RbSignedWebhook).or_raise(ruby)
    }
}

/// `ChatwootIdentity.verify_webhook`: `WebhookVerifier.new(...).verify(...)` in one native
/// call, reading the arguments in that order, without allocating the Ruby object (160 ns of a
/// 1.1 µs call with a 1 KB body).
#[allow(clippy::too_many_arguments)]
fn verify_webhook_with(
    ruby: &Ruby,
    secret: Value,
    body: Value,
    headers: Value,
    signature: Value,
    timestamp: Value,
    now: Value,
    tolerance: Value,
    check_age: Value,
) -> Result<RbVerifiedWebhook, Error> {
    let verifier = RbWebhookVerifier::prepare(ruby, secret, tolerance, check_age)?;
    RbWebhookVerifier::verify_with(ruby, &verifier, body, headers, signature, timestamp, now)
}

fn sign_webhook_at(
    ruby: &Ruby,
    secret: Value,
    body: Value,
    timestamp: Value,
) -> Result<RbSignedWebhook, Error> {
    let secret = arguments::secret(ruby, secret)?;
    let body = self::body(ruby, body)?;
    let timestamp = seconds(ruby, timestamp, "timestamp")?;
    // SAFETY: the borrows end with this call; no Ruby code runs during it.
    unsafe { chatwoot_identity::sign_webhook(secret.as_slice(), body.as_slice(), timestamp) }
        .map(RbSignedWebhook)
        .or_raise(ruby)
}

fn diagnose_webhook_with(
    ruby: &Ruby,
    secret: Value,
    body: Value,
    headers: Value,
    signature: Value,
    timestamp: Value,
    identity_hmac_token: Value,
) -> Result<RbWebhookDiagnosis, Error> {
    let secret = arguments::secret(ruby, secret)?;
    let body = self::body(ruby, body)?;
    let source = Source::new(ruby, headers, signature, timestamp)?;
    let token = optional_string(ruby, identity_hmac_token, "identity_hmac_token")?;
    // SAFETY: every borrow ends with the core's call; no Ruby code runs from here on.
    let diagnosis = unsafe {
        let token = token.as_ref().map(|token| token.as_slice());
        let signed = source.read::<&[u8]>(ruby)?;
        signed.diagnose(secret.as_slice(), body.as_slice(), token)
    };
    diagnosis.map(RbWebhookDiagnosis).or_raise(ruby)
}

impl RbVerifiedWebhook {
    fn timestamp(&self) -> u64 {
        self.0.timestamp
    }

    fn age(&self) -> i64 {
        self.0.age
    }

    fn delivery_id(&self) -> Option<String> {
        self.0.delivery_id.clone()
    }

    fn replay_key(&self) -> &str {
        self.0.replay_key()
    }
}

impl RbSignedWebhook {
    fn signature(&self) -> &str {
        &self.0.signature
    }

    fn timestamp(&self) -> &str {
        &self.0.timestamp
    }

    fn delivery_id(&self) -> &str {
        &self.0.delivery_id
    }

    /// `{"X-Chatwoot-Timestamp" => ..., "X-Chatwoot-Signature" => ..., "X-Chatwoot-Delivery" => ...}`.
    fn headers(ruby: &Ruby, rb_self: &Self) -> Result<RHash, Error> {
        let hash = ruby.hash_new();
        for (name, value) in rb_self.0.headers() {
            hash.aset(name, value)?;
        }
        Ok(hash)
    }
}

pub fn define(ruby: &Ruby, module: RModule) -> Result<(), Error> {
    module.const_set("DEFAULT_TOLERANCE_SECONDS", DEFAULT_TOLERANCE_SECONDS)?;
    module.const_set("SIGNATURE_HEADER", SIGNATURE_HEADER)?;
    module.const_set("TIMESTAMP_HEADER", TIMESTAMP_HEADER)?;
    module.const_set("DELIVERY_HEADER", DELIVERY_HEADER)?;
    define!(module, define_module_function, function!:
        "verify_webhook_with"/8 => verify_webhook_with,
        "sign_webhook_at"/3 => sign_webhook_at,
        "diagnose_webhook_with"/6 => diagnose_webhook_with,
    );

    let class = crate::wrapped_class(ruby, module, "WebhookVerifier")?;
    define!(class, define_singleton_method, function!:
        "prepare"/3 => RbWebhookVerifier::prepare,
    );
    define!(class, define_method, method!:
        "verify_with"/5 => RbWebhookVerifier::verify_with,
        "sign_with"/2 => RbWebhookVerifier::sign_with,
        "tolerance"/0 => RbWebhookVerifier::tolerance,
    );

    let verified = crate::wrapped_class(ruby, module, "VerifiedWebhook")?;
    define!(verified, define_method, method!:
        "timestamp"/0 => RbVerifiedWebhook::timestamp,
        "age"/0 => RbVerifiedWebhook::age,
        "delivery_id"/0 => RbVerifiedWebhook::delivery_id,
        "replay_key"/0 => RbVerifiedWebhook::replay_key,
    );

    let signed = crate::wrapped_class(ruby, module, "SignedWebhook")?;
    define!(signed, define_method, method!:
        "signature"/0 => RbSignedWebhook::signature,
        "timestamp"/0 => RbSignedWebhook::timestamp,
        "delivery_id"/0 => RbSignedWebhook::delivery_id,
        "headers"/0 => RbSignedWebhook::headers,
    );
    Ok(())
}
