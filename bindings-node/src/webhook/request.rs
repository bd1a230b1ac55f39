//! The arguments the webhook calls share, read in one place so that every entry point checks
//! and names them alike: the `secret`, the raw `body`, and the signed request (the body and
//! the options object with its headers) that verifying and diagnosing both take.

use chatwoot_identity::SignedHeaders;
use napi::bindgen_prelude::Unknown;
use napi::{JsValue, sys};

use super::options::{self, ValueScratch};
use crate::argument::{self, ArgBytes, Parameter, Scratch};

pub(super) const BODY: Parameter = Parameter::Named("body");

/// Stack room for what [`Request::read`] reads: the body and the two header values.
pub(super) struct RequestScratch {
    body: Scratch,
    values: ValueScratch,
}

impl RequestScratch {
    #[inline]
    pub(super) fn new() -> Self {
        RequestScratch {
            body: Scratch::new(),
            values: ValueScratch::new(),
        }
    }
}

/// The signed request that `verifyWebhook`, `WebhookVerifier#verify` and `diagnoseWebhook` all
/// take: the body, then the options object with its headers in one of their two forms. One
/// reader, so the three check and name these arguments alike and in the same order.
pub(super) struct Request<'call> {
    pub(super) body: ArgBytes<'call>,
    /// The options object, for the options a call reads besides the headers.
    pub(super) options: sys::napi_value,
    pub(super) signed: SignedHeaders<ArgBytes<'call>>,
}

impl<'call> Request<'call> {
    /// # Safety
    /// `env` and the values must come from the current napi call; the bytes must not outlive it.
    pub(super) unsafe fn read(
        env: sys::napi_env,
        body: Unknown,
        options: Unknown,
        scratch: &'call mut RequestScratch,
    ) -> napi::Result<Self> {
        // SAFETY: forwarded from the caller.
        unsafe {
            let body = argument::bytes(env, body, BODY, &mut scratch.body)?;
            let options = options.raw();
            options::object(env, options)?;
            let signed = options::signed(env, options, &mut scratch.values)?;
            Ok(Request {
                body,
                options,
                signed,
            })
        }
    }
}
