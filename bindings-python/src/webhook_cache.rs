//! The prepared secret of the last `verify_webhook` call, so that the common one-off use, the
//! same settings constant passed on every request, costs what a kept `WebhookVerifier` costs
//! instead of preparing the HMAC key (four SHA-256 compressions and two key states) each time.
//!
//! The entry is keyed on the secret object's identity, and only for `str` and `bytes` objects
//! (immutable: the same object always holds the same bytes). It holds a reference to that
//! object, so the object cannot be freed and its address reused while it is the key. One entry
//! only: a second secret replaces the first, whose key states are wiped as they are dropped.

use std::sync::{Arc, Mutex};

use chatwoot_identity::WebhookVerifier;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::webhook_options::AgeCheck;

struct Entry {
    secret: Py<PyAny>,
    age: AgeCheck,
    verifier: Arc<WebhookVerifier>,
}

static LAST: Mutex<Option<Entry>> = Mutex::new(None);

/// The verifier for `secret` with `age`: the cached one when this very object was the last
/// secret with the same options, else a new one (which becomes the cached one).
pub(crate) fn verifier(secret: &Bound<'_, PyAny>, age: AgeCheck) -> PyResult<Arc<WebhookVerifier>> {
    let cacheable =
        secret.is_exact_instance_of::<PyString>() || secret.is_exact_instance_of::<PyBytes>();
    if !cacheable {
        return Ok(Arc::new(age.verifier(secret)?));
    }
    if let Ok(last) = LAST.try_lock() {
        if let Some(entry) = last.as_ref() {
            if entry.secret.as_ptr() == secret.as_ptr() && entry.age == age {
                return Ok(Arc::clone(&entry.verifier));
            }
        }
    }
    let verifier = Arc::new(age.verifier(secret)?);
    let entry = Entry {
        secret: secret.clone().unbind(),
        age,
        verifier: Arc::clone(&verifier),
    };
    // Another thread holding the lock only means this one does not update the entry. The old
    // entry is dropped after the lock is released (with the GIL held, as a `Py` needs).
    let replaced = LAST.try_lock().ok().map(|mut last| last.replace(entry));
    drop(replaced);
    Ok(verifier)
}
