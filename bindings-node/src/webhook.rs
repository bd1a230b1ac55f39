//! Signed webhooks: `verifyWebhook`, `WebhookVerifier`, `signWebhook` and `diagnoseWebhook`.
//! The acceptance rule, the header names and every message are the core's; this file reads
//! the JavaScript arguments (through `request`: bodies borrowed from their buffers) and builds
//! the results.

mod headers;
mod options;
mod request;

use chatwoot_identity::{SignedWebhook, Tolerance, VerifiedWebhook};
use napi::bindgen_prelude::{ToNapiValue, Unknown};
use napi::{Env, JsValue, sys};
use napi_derive::napi;

use self::request::{BODY, Request, RequestScratch};
use crate::argument::{self, SECRET, Scratch};
use crate::diagnosis::Finding;
use crate::{errors, js, output};

/// Verifies a webhook from Chatwoot: its raw body (a `Buffer` or the exact text) and either the
/// request's `headers` or the `signature` and `timestamp` header values. Throws `Error` with
/// the core's `code` (`signature_mismatch`, `stale_timestamp`, ...) when it does not verify.
#[napi(
    ts_args_type = "secret: string | Uint8Array, body: string | Uint8Array, options: import('./index').VerifyWebhookOptions",
    ts_return_type = "import('./index').VerifiedWebhook"
)]
pub fn verify_webhook(
    env: Env,
    secret: Unknown,
    body: Unknown,
    options: Unknown,
) -> napi::Result<Verified> {
    let env = env.raw();
    let (mut secret_scratch, mut request_scratch) = (Scratch::new(), RequestScratch::new());
    // SAFETY: the values are this call's arguments, and the bytes are dropped before it returns.
    let (secret, request, now, tolerance) = unsafe {
        let secret = argument::bytes(env, secret, SECRET, &mut secret_scratch)?;
        let request = Request::read(env, body, options, &mut request_scratch)?;
        let now = options::now(env, request.options)?;
        let tolerance = options::tolerance(env, request.options)?;
        (secret, request, now, tolerance)
    };
    let verifier = options::verifier(env, secret.as_ref(), tolerance)?;
    check(env, &verifier, request, now)
}

/// `request` verified by the core's rule, or its error thrown.
fn check(
    env: sys::napi_env,
    verifier: &chatwoot_identity::WebhookVerifier,
    request: Request,
    now: u64,
) -> napi::Result<Verified> {
    request
        .signed
        .verify(verifier, request.body, now)
        .map(Verified)
        .map_err(|e| errors::from_core(env, &e))
}

/// A webhook secret prepared once, with its tolerance: cheaper per request than
/// `verifyWebhook`, and safe to share. It never reveals the secret.
#[napi]
pub struct WebhookVerifier {
    inner: chatwoot_identity::WebhookVerifier,
}

#[napi]
impl WebhookVerifier {
    /// Prepares the webhook's `secret` (Chatwoot: the webhook's, agent bot's or API inbox's
    /// secret, not the inbox's identity-validation token). `tolerance` is in seconds (default
    /// 300); `checkAge: false` turns the age check off. Throws `empty_secret` when it is empty.
    #[napi(
        constructor,
        ts_args_type = "secret: string | Uint8Array, options?: import('./index').WebhookVerifierOptions"
    )]
    pub fn new(env: Env, secret: Unknown, options: Unknown) -> napi::Result<Self> {
        let env = env.raw();
        let mut scratch = Scratch::new();
        // SAFETY: the values come from this call and their bytes are used only inside it.
        let secret = unsafe { argument::bytes(env, secret, SECRET, &mut scratch)? };
        // SAFETY: as above.
        let tolerance = unsafe { options::tolerance(env, options.raw())? };
        let inner = options::verifier(env, secret.as_ref(), tolerance)?;
        Ok(WebhookVerifier { inner })
    }

    /// Verifies one webhook: the raw body, and either the request's `headers` or the
    /// `signature` and `timestamp` values; `now` (Unix seconds) defaults to the clock.
    #[napi(
        ts_args_type = "body: string | Uint8Array, options: import('./index').WebhookRequestOptions",
        ts_return_type = "import('./index').VerifiedWebhook"
    )]
    pub fn verify(&self, env: Env, body: Unknown, options: Unknown) -> napi::Result<Verified> {
        let env = env.raw();
        let mut scratch = RequestScratch::new();
        // SAFETY: as in `new`.
        let (request, now) = unsafe {
            let request = Request::read(env, body, options, &mut scratch)?;
            let now = options::now(env, request.options)?;
            (request, now)
        };
        check(env, &self.inner, request, now)
    }

    /// The tolerance in seconds, or `null` when the age is not checked.
    #[napi(getter)]
    pub fn tolerance(&self) -> Option<f64> {
        match self.inner.tolerance() {
            Tolerance::Seconds(seconds) => Some(seconds as f64),
            _ => None,
        }
    }

    /// Whether the timestamp's age is checked.
    #[napi(getter)]
    pub fn check_age(&self) -> bool {
        matches!(self.inner.tolerance(), Tolerance::Seconds(_))
    }
}

/// Signs `body` as Chatwoot would at `timestamp` (Unix seconds, default now), for tests of a
/// receiver: the header values and `headers`, an object to send (a random delivery id).
#[napi(
    ts_args_type = "secret: string | Uint8Array, body: string | Uint8Array, timestamp?: number",
    ts_return_type = "import('./index').SignedWebhook"
)]
pub fn sign_webhook(
    env: Env,
    secret: Unknown,
    body: Unknown,
    timestamp: Unknown,
) -> napi::Result<Signature> {
    let env = env.raw();
    let (mut secret_scratch, mut body_scratch) = (Scratch::new(), Scratch::new());
    // SAFETY: as in `verify_webhook`.
    let (secret, body, timestamp) = unsafe {
        (
            argument::bytes(env, secret, SECRET, &mut secret_scratch)?,
            argument::bytes(env, body, BODY, &mut body_scratch)?,
            options::seconds(env, timestamp.raw(), "timestamp", options::ANY_SECONDS)?,
        )
    };
    chatwoot_identity::sign_webhook(secret, body, timestamp)
        .map(Signature)
        .map_err(|e| errors::from_core(env, &e))
}

/// Why a webhook does not verify: `verified`, and the known mistakes that reproduce its
/// signature (the body re-serialized, the identity token as the key, ...). `options` holds
/// the headers as for `verifyWebhook`, and `identityHmacToken` to try the inbox's token. For
/// debugging: it costs a few dozen HMACs of the body.
#[napi(
    ts_args_type = "secret: string | Uint8Array, body: string | Uint8Array, options: import('./index').DiagnoseWebhookOptions"
)]
pub fn diagnose_webhook(
    env: Env,
    secret: Unknown,
    body: Unknown,
    options: Unknown,
) -> napi::Result<WebhookDiagnosis> {
    let env = env.raw();
    let (mut secret_scratch, mut request_scratch, mut token_scratch) =
        (Scratch::new(), RequestScratch::new(), Scratch::new());
    // SAFETY: as in `verify_webhook`.
    let (secret, request, token) = unsafe {
        let secret = argument::bytes(env, secret, SECRET, &mut secret_scratch)?;
        let request = Request::read(env, body, options, &mut request_scratch)?;
        let token = options::identity_hmac_token(env, request.options, &mut token_scratch)?;
        (secret, request, token)
    };
    let token = token.as_ref().map(AsRef::as_ref);
    request
        .signed
        .diagnose(secret, request.body, token)
        .map(WebhookDiagnosis::from)
        .map_err(|e| errors::from_core(env, &e))
}

/// The result of `diagnoseWebhook`.
#[napi(object)]
pub struct WebhookDiagnosis {
    /// Whether the signature and timestamp verify as they are (the age left aside).
    pub verified: bool,
    /// The known mistakes that explain the signature, in a fixed order.
    pub findings: Vec<Finding>,
}

impl From<chatwoot_identity::WebhookDiagnosis> for WebhookDiagnosis {
    fn from(diagnosis: chatwoot_identity::WebhookDiagnosis) -> Self {
        WebhookDiagnosis {
            verified: diagnosis.verified,
            findings: Finding::all(&diagnosis.findings, |f| (f.code.as_str(), f.message)),
        }
    }
}

/// A verified webhook, returned as `{ timestamp, age, deliveryId, replayKey }`.
pub struct Verified(VerifiedWebhook);

impl ToNapiValue for Verified {
    unsafe fn to_napi_value(env: sys::napi_env, verified: Self) -> napi::Result<sys::napi_value> {
        let webhook = verified.0;
        // SAFETY: napi-rs calls this with the live environment of the current call; the
        // replay key is hex, so ASCII.
        unsafe {
            let delivery_id = match &webhook.delivery_id {
                Some(id) => js::create_string(env, id)?,
                None => js::null(env)?,
            };
            js::object(
                env,
                [
                    (
                        c"timestamp",
                        js::create_number(env, webhook.timestamp as f64)?,
                    ),
                    (c"age", js::create_number(env, webhook.age as f64)?),
                    (c"deliveryId", delivery_id),
                    (
                        c"replayKey",
                        output::ascii(env, webhook.replay_key().as_bytes())?,
                    ),
                ],
            )
        }
    }
}

/// A signed webhook, returned as `{ signature, timestamp, deliveryId, headers }`.
pub struct Signature(SignedWebhook);

impl ToNapiValue for Signature {
    unsafe fn to_napi_value(env: sys::napi_env, signed: Self) -> napi::Result<sys::napi_value> {
        let signed = signed.0;
        // SAFETY: as for `Verified`.
        unsafe {
            let mut headers = std::ptr::null_mut();
            errors::check(sys::napi_create_object(env, &mut headers))?;
            for (name, value) in signed.headers() {
                let (name, value) = (
                    output::ascii(env, name.as_bytes())?,
                    js::create_string(env, value)?,
                );
                errors::check(sys::napi_set_property(env, headers, name, value))?;
            }
            js::object(
                env,
                [
                    (c"signature", js::create_string(env, &signed.signature)?),
                    (c"timestamp", js::create_string(env, &signed.timestamp)?),
                    (c"deliveryId", js::create_string(env, &signed.delivery_id)?),
                    (c"headers", headers),
                ],
            )
        }
    }
}
