//! The test kit: the core reads a rendered page (or a set-user payload) and checks the identity
//! it will send. These functions return the core's `PageCheck` as JSON text, which `testing.js`
//! parses and turns into `assert.AssertionError`; no HTML is read here or there.

use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use serde_json::{Map, Value};

use crate::argument::{self, Parameter, Scratch};
use crate::errors;

const HMAC_SECRET: Parameter = Parameter::Named("hmacSecret");

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("the core's page checks serialize to JSON")
}

/// `fields` from `testing.js`: a JSON object of payload keys (`email`, `custom_attributes`).
fn fields(env: Env, fields_json: &str) -> napi::Result<Map<String, Value>> {
    serde_json::from_str(fields_json).map_err(|_| {
        errors::wrong_type(env.raw(), Parameter::Named("fields"), "a plain JSON object")
    })
}

/// `read_page(html)`: every widget and reset snippet the core rendered into `html`.
#[napi(js_name = "readPageJson", skip_typescript)]
pub fn read_page_json(html: String) -> String {
    to_json(&chatwoot_identity::read_page(&html))
}

/// `check_page_identity(html, secret, identifier, fields)` as JSON text, or with `payload`
/// `check_payload_identity` of a set-user payload's JSON: `fields` and then the HMAC secret
/// read alike for both, lent to the core, and its `PageCheck` returned.
#[napi(js_name = "checkIdentityJson", skip_typescript)]
pub fn check_identity_json(
    env: Env,
    payload: bool,
    text: String,
    hmac_secret: Unknown,
    identifier: String,
    fields_json: String,
) -> napi::Result<String> {
    let fields = fields(env, &fields_json)?;
    let (env, mut scratch) = (env.raw(), Scratch::new());
    // SAFETY: a value of this call; its bytes are used only inside it.
    let secret = unsafe { argument::bytes(env, hmac_secret, HMAC_SECRET, &mut scratch)? };
    let checked = match payload {
        true => chatwoot_identity::check_payload_identity(&text, secret, &identifier, &fields),
        false => chatwoot_identity::check_page_identity(&text, secret, &identifier, &fields),
    };
    checked
        .map(|page_check| to_json(&page_check))
        .map_err(|e| errors::from_core(env, &e))
}

/// `check_page_anonymous(html)` as JSON text.
#[napi(js_name = "checkPageAnonymousJson", skip_typescript)]
pub fn check_page_anonymous_json(html: String) -> String {
    to_json(&chatwoot_identity::check_page_anonymous(&html))
}
