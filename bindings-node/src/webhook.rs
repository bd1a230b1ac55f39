//! Signed webhooks, the native half. `webhook.js` reads the options objects (the headers in
//! either form, the clock, the tolerance) and builds the results; these functions take what it
//! read as positional arguments, borrow the bytes, call the core and map its errors. Reading a
//! JavaScript object costs a Node-API call per property here, against almost nothing in
//! JavaScript. The acceptance rule, the header names and every core message are the core's.

use std::borrow::Borrow;

use chatwoot_identity::{SignedHeaders, WebhookHeaders, WebhookVerifier as CoreVerifier};
use napi::bindgen_prelude::{Float64ArraySlice, Unknown};
use napi::{Env, JsValue, sys};
use napi_derive::napi;

use crate::argument::{self, ArgBytes, Parameter, SECRET, Scratch, TEXT_OR_BYTES};
use crate::diagnosis::Finding;
use crate::{errors, js};

const BODY: Parameter = Parameter::Named("body");
const SIGNATURE: Parameter = Parameter::Named("options.signature");
const TIMESTAMP: Parameter = Parameter::Named("options.timestamp");
const IDENTITY_HMAC_TOKEN: Parameter = Parameter::Named("options.identityHmacToken");
const HEADER_VALUE: &str =
    "a string, Buffer or Uint8Array, or undefined or null when the header is absent";

/// Room offered first for one header string: names and values are short.
const FIRST_TRY: usize = 128;

/// Room for the body and the two header values when they are strings.
struct Room {
    body: Scratch,
    signature: Scratch,
    timestamp: Scratch,
}

impl Room {
    #[inline]
    fn new() -> Self {
        let (body, signature, timestamp) = (Scratch::new(), Scratch::new(), Scratch::new());
        Room {
            body,
            signature,
            timestamp,
        }
    }

    /// The body, then the signed headers (as [`signed`] reads them), in the order every
    /// webhook call reports their problems.
    ///
    /// # Safety
    /// `env` and the values must come from the current napi call; the bytes must not outlive it.
    unsafe fn read<'call>(
        &'call mut self,
        env: sys::napi_env,
        body: Unknown,
        headers: [Unknown; 3],
    ) -> napi::Result<(ArgBytes<'call>, SignedHeaders<ArgBytes<'call>>)> {
        // SAFETY: forwarded from the caller.
        unsafe {
            let body = argument::bytes(env, body, BODY, &mut self.body)?;
            let signed = signed(env, headers, [&mut self.signature, &mut self.timestamp])?;
            Ok((body, signed))
        }
    }
}

/// The signed headers: `headers`, the flat list of names and values `webhook.js` makes of any
/// header container, or, when it is `undefined`, the two values (`undefined` or `null` for an
/// absent header, which the core reports as missing).
///
/// # Safety
/// `env` and the values must come from the current napi call; the bytes must not outlive it.
unsafe fn signed<'call>(
    env: sys::napi_env,
    [signature, timestamp, headers]: [Unknown; 3],
    [signature_room, timestamp_room]: [&'call mut Scratch; 2],
) -> napi::Result<SignedHeaders<ArgBytes<'call>>> {
    // SAFETY: forwarded from the caller, as in every call below.
    unsafe {
        if js::type_of(env, headers.raw())? != sys::ValueType::napi_undefined {
            return header_list(env, headers.raw()).map(SignedHeaders::Headers);
        }
        Ok(SignedHeaders::Values {
            signature: header_value(env, signature, SIGNATURE, signature_room)?,
            timestamp: header_value(env, timestamp, TIMESTAMP, timestamp_room)?,
        })
    }
}

/// One header value: text or bytes, or nothing (empty) for `undefined` and `null`.
unsafe fn header_value<'call>(
    env: sys::napi_env,
    value: Unknown,
    param: Parameter,
    scratch: &'call mut Scratch,
) -> napi::Result<ArgBytes<'call>> {
    // SAFETY: forwarded from the caller.
    unsafe {
        if js::is_nullish(env, value.raw())? {
            return Ok(ArgBytes::Borrowed(&[]));
        }
        argument::text_or_bytes(env, value.raw(), param, HEADER_VALUE, scratch)
    }
}

/// A flat `[name, value, name, value, ...]` array of strings, as the core's headers: every
/// pair goes to the core, which matches the names and refuses a signed header sent twice.
/// Anything but an array of strings fails as a Node-API call (`webhook.js` passes no other).
unsafe fn header_list(env: sys::napi_env, list: sys::napi_value) -> napi::Result<WebhookHeaders> {
    let (mut text, mut ends) = (Vec::new(), Vec::new());
    // SAFETY: forwarded from the caller; Node-API refuses an element that is not a string
    // (`napi_string_expected`) before writing anything.
    unsafe {
        for index in 0..js::array_length(env, list)? {
            text.reserve(FIRST_TRY);
            js::append_utf8(env, js::element(env, list, index)?, &mut text)?;
            ends.push(text.len());
        }
    }
    let mut start = 0;
    let strings: Vec<&[u8]> = ends
        .iter()
        .map(|&end| &text[std::mem::replace(&mut start, end)..end])
        .collect();
    let pairs = strings.chunks_exact(2).map(|pair| (pair[0], pair[1]));
    Ok(WebhookHeaders::from_pairs(pairs))
}

/// The clock `webhook.js` checked (Unix seconds, a fraction dropped), or the core's.
fn now(now: Option<f64>) -> u64 {
    now.map_or_else(chatwoot_identity::unix_now, |seconds| seconds as u64)
}

/// The core's verifier of `secret`: `tolerance` is `undefined` for the core's default, `null`
/// for no age check, or the seconds `webhook.js` checked.
///
/// # Safety
/// `env` and `tolerance` must come from the current napi call.
unsafe fn verifier(
    env: sys::napi_env,
    secret: &[u8],
    tolerance: Unknown,
) -> napi::Result<CoreVerifier> {
    let verifier = CoreVerifier::new(secret).map_err(|e| errors::from_core(env, &e))?;
    // SAFETY: forwarded from the caller.
    Ok(match unsafe { js::type_of(env, tolerance.raw())? } {
        sys::ValueType::napi_undefined => verifier,
        sys::ValueType::napi_null => verifier.without_age_check(),
        // SAFETY: a number of this call.
        _ => verifier.with_tolerance(unsafe { js::number(env, tolerance.raw())? } as u64),
    })
}

/// The body and the signed headers verified by `verifier` (made once they are read, so that a
/// wrong body is reported before an empty secret). What `webhook.js` turns into the result
/// object: the replay key (64 hex characters) then the delivery id, as one string; `out` gets
/// the timestamp, the age, and 1 when there is a delivery id (else 0).
///
/// # Safety
/// `env` and the values must come from the current napi call.
unsafe fn check<V: Borrow<CoreVerifier>>(
    env: sys::napi_env,
    verifier: impl FnOnce() -> napi::Result<V>,
    [body, signature, timestamp, headers]: [Unknown; 4],
    now: Option<f64>,
    mut out: Float64ArraySlice,
) -> napi::Result<String> {
    let mut room = Room::new();
    // SAFETY: forwarded from the caller; the bytes are dropped before it returns.
    let webhook = unsafe {
        let (body, signed) = room.read(env, body, [signature, timestamp, headers])?;
        signed.verify(verifier()?.borrow(), body, self::now(now))
    };
    let webhook = webhook.map_err(|e| errors::from_core(env, &e))?;
    let delivery_id = webhook.delivery_id.as_deref();
    // SAFETY: no JavaScript runs while this writes; `webhook.js` passes a Float64Array of 3.
    if let [timestamp, age, has_delivery_id, ..] = unsafe { out.as_mut() } {
        *timestamp = webhook.timestamp as f64;
        *age = webhook.age as f64;
        *has_delivery_id = f64::from(u8::from(delivery_id.is_some()));
    }
    Ok([webhook.replay_key(), delivery_id.unwrap_or("")].concat())
}

/// `verifyWebhook`'s native half: a verifier made for this call, then `check`.
#[allow(
    clippy::too_many_arguments,
    reason = "one JavaScript value each, as webhook.js passes them"
)]
#[napi(js_name = "webhookVerify", skip_typescript)]
pub fn webhook_verify(
    env: Env,
    secret: Unknown,
    tolerance: Unknown,
    body: Unknown,
    signature: Unknown,
    timestamp: Unknown,
    headers: Unknown,
    now: Option<f64>,
    out: Float64ArraySlice,
) -> napi::Result<String> {
    let (env, mut secret_room) = (env.raw(), Scratch::new());
    // SAFETY: the values are this call's arguments, and the bytes are dropped before it returns.
    unsafe {
        let secret = argument::bytes(env, secret, SECRET, &mut secret_room)?;
        let verifier = || verifier(env, secret.as_ref(), tolerance);
        check(
            env,
            verifier,
            [body, signature, timestamp, headers],
            now,
            out,
        )
    }
}

/// A webhook secret prepared once with its tolerance; `webhook.js`'s `WebhookVerifier`
/// subclasses it with the public constructor and `verify`. It holds no JavaScript property:
/// the secret lives in the core's zeroized state.
#[napi]
pub struct NativeWebhookVerifier {
    inner: CoreVerifier,
}

#[napi]
impl NativeWebhookVerifier {
    /// `tolerance` as for `webhookVerify`.
    #[napi(constructor)]
    pub fn new(env: Env, secret: Unknown, tolerance: Unknown) -> napi::Result<Self> {
        let (env, mut room) = (env.raw(), Scratch::new());
        // SAFETY: the values are this call's arguments, and the bytes are dropped before it returns.
        let inner = unsafe {
            let secret = argument::bytes(env, secret, SECRET, &mut room)?;
            verifier(env, secret.as_ref(), tolerance)?
        };
        Ok(NativeWebhookVerifier { inner })
    }

    /// `WebhookVerifier#verify`'s native half: as `webhookVerify`, with this verifier.
    #[allow(
        clippy::too_many_arguments,
        reason = "one JavaScript value each, as webhook.js passes them"
    )]
    #[napi(
        js_name = "verifyRequest",
        ts_args_type = "body: unknown, signature: unknown, timestamp: unknown, headers: unknown, now: number | undefined, out: Float64Array"
    )]
    pub fn verify_request(
        &self,
        env: Env,
        body: Unknown,
        signature: Unknown,
        timestamp: Unknown,
        headers: Unknown,
        now: Option<f64>,
        out: Float64ArraySlice,
    ) -> napi::Result<String> {
        // SAFETY: the values are this call's arguments.
        let verifier = || Ok(&self.inner);
        unsafe {
            check(
                env.raw(),
                verifier,
                [body, signature, timestamp, headers],
                now,
                out,
            )
        }
    }

    /// The tolerance in seconds, or `null` when the age is not checked.
    #[napi(getter)]
    pub fn tolerance(&self) -> Option<f64> {
        match self.inner.tolerance() {
            chatwoot_identity::Tolerance::Seconds(seconds) => Some(seconds as f64),
            _ => None,
        }
    }

    /// Whether the timestamp's age is checked.
    #[napi(getter)]
    pub fn check_age(&self) -> bool {
        matches!(
            self.inner.tolerance(),
            chatwoot_identity::Tolerance::Seconds(_)
        )
    }
}

/// `diagnoseWebhook`'s native half: the arguments as for `webhookVerify`, and the inbox's
/// identity token (`undefined` or `null` when not given).
#[napi(js_name = "webhookDiagnose", skip_typescript)]
pub fn webhook_diagnose(
    env: Env,
    secret: Unknown,
    body: Unknown,
    signature: Unknown,
    timestamp: Unknown,
    headers: Unknown,
    identity_hmac_token: Unknown,
) -> napi::Result<WebhookDiagnosis> {
    let env = env.raw();
    let (mut room, mut secret_room, mut token_room) = (Room::new(), Scratch::new(), Scratch::new());
    // SAFETY: the values are this call's arguments, and the bytes are dropped before it returns.
    unsafe {
        let secret = argument::bytes(env, secret, SECRET, &mut secret_room)?;
        let (body, signed) = room.read(env, body, [signature, timestamp, headers])?;
        let token = match js::is_nullish(env, identity_hmac_token.raw())? {
            true => None,
            false => Some(argument::text_or_bytes(
                env,
                identity_hmac_token.raw(),
                IDENTITY_HMAC_TOKEN,
                TEXT_OR_BYTES,
                &mut token_room,
            )?),
        };
        signed.diagnose(secret, body, token.as_ref().map(AsRef::as_ref))
    }
    .map(WebhookDiagnosis::from)
    .map_err(|e| errors::from_core(env, &e))
}

/// Checks the types of the arguments that come before the options, and of the header values
/// read before a problem: `webhook.js` calls this when reading the options failed, so that a
/// wrong secret or body is reported first, as the arguments come. `""` stands for an argument
/// the call has not.
#[napi(js_name = "webhookArgumentTypes", skip_typescript)]
pub fn webhook_argument_types(
    env: Env,
    secret: Unknown,
    body: Unknown,
    signature: Unknown,
    timestamp: Unknown,
) -> napi::Result<()> {
    let env = env.raw();
    let (mut room, mut secret_room) = (Room::new(), Scratch::new());
    // SAFETY: the values are this call's arguments, and the bytes are dropped before it returns.
    unsafe {
        argument::bytes(env, secret, SECRET, &mut secret_room)?;
        argument::bytes(env, body, BODY, &mut room.body)?;
        header_value(env, signature, SIGNATURE, &mut room.signature)?;
        header_value(env, timestamp, TIMESTAMP, &mut room.timestamp)?;
    }
    Ok(())
}

/// `signWebhook`'s native half, at the `timestamp` `webhook.js` checked (`undefined`: now):
/// the signature, the timestamp, the delivery id, then the three headers' names and values.
#[napi(js_name = "webhookSign", skip_typescript)]
pub fn webhook_sign(
    env: Env,
    secret: Unknown,
    body: Unknown,
    timestamp: Option<f64>,
) -> napi::Result<Vec<String>> {
    let env = env.raw();
    let (mut secret_room, mut body_room) = (Scratch::new(), Scratch::new());
    // SAFETY: the values are this call's arguments, and the bytes are dropped before it returns.
    let signed = unsafe {
        let secret = argument::bytes(env, secret, SECRET, &mut secret_room)?;
        let body = argument::bytes(env, body, BODY, &mut body_room)?;
        chatwoot_identity::sign_webhook(secret, body, now(timestamp))
    }
    .map_err(|e| errors::from_core(env, &e))?;
    let headers = signed
        .headers()
        .into_iter()
        .flat_map(|(name, value)| [name, value]);
    let fields = [&signed.signature, &signed.timestamp, &signed.delivery_id];
    Ok(fields
        .into_iter()
        .map(String::as_str)
        .chain(headers)
        .map(str::to_owned)
        .collect())
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
