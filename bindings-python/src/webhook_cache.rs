//! The prepared secret of the last `verify_webhook` call (see `secret_cache`): preparing a
//! webhook key is what a `WebhookVerifier` costs anyway, so it is kept from the first call.

use std::sync::Arc;

use chatwoot_identity::WebhookVerifier;
use pyo3::prelude::*;

use crate::secret_cache::LastSecret;
use crate::webhook_options::AgeCheck;

static LAST: LastSecret<(AgeCheck, Arc<WebhookVerifier>)> = LastSecret::new();

/// The verifier for `secret` with `age`: the kept one when this very object was the last
/// secret with the same options, else a new one (which is kept).
pub(crate) fn verifier(secret: &Bound<'_, PyAny>, age: AgeCheck) -> PyResult<Arc<WebhookVerifier>> {
    if let Some((kept_age, verifier)) = LAST.get(secret) {
        if kept_age == age {
            return Ok(verifier);
        }
    }
    let verifier = Arc::new(age.verifier(secret)?);
    LAST.put(secret, (age, Arc::clone(&verifier)));
    Ok(verifier)
}
