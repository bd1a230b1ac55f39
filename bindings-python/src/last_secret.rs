//! The prepared key of the last secret a one-off call was given (`identifier_hash`, `verify`,
//! `verify_webhook`), so that the common use, the same settings constant passed on every call,
//! costs what a kept `Signer` or `WebhookVerifier` costs instead of preparing the HMAC key
//! (four SHA-256 compressions and two key states) each time.
//!
//! An entry is keyed on the secret object's identity, and only for `str` and `bytes` objects
//! (immutable: the same object always holds the same bytes). It holds a reference to that
//! object, so the object cannot be freed and its address reused while it is the key. One entry
//! per function: a second secret replaces the first, whose key states are wiped as they drop.

use std::sync::{Arc, Mutex};

use chatwoot_identity::{Error, IdentifierHash, Signer};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

struct Entry<O, V> {
    secret: Py<PyAny>,
    options: O,
    value: Arc<V>,
}

/// The last secret of one function, with the options it was prepared with (`()` for none).
pub(crate) struct LastSecret<O, V> {
    last: Mutex<Option<Entry<O, V>>>,
}

impl<O: PartialEq, V> LastSecret<O, V> {
    pub(crate) const fn new() -> Self {
        LastSecret {
            last: Mutex::new(None),
        }
    }

    /// The prepared value when this very object was the last secret, with the same options.
    /// Another thread holding the lock only means this one prepares its own.
    pub(crate) fn hit(&self, secret: &Bound<'_, PyAny>, options: &O) -> Option<Arc<V>> {
        let last = self.last.try_lock().ok()?;
        let entry = last.as_ref()?;
        (entry.secret.as_ptr() == secret.as_ptr() && entry.options == *options)
            .then(|| Arc::clone(&entry.value))
    }

    /// `value`, prepared from `secret` with `options`, kept as the last one when `secret` is
    /// a `str` or `bytes`.
    pub(crate) fn keep(&self, secret: &Bound<'_, PyAny>, options: O, value: V) -> Arc<V> {
        let value = Arc::new(value);
        if secret.is_exact_instance_of::<PyString>() || secret.is_exact_instance_of::<PyBytes>() {
            let entry = Entry {
                secret: secret.clone().unbind(),
                options,
                value: Arc::clone(&value),
            };
            // The old entry is dropped after the lock is released (with the GIL held, as a
            // `Py` needs).
            let replaced = self
                .last
                .try_lock()
                .ok()
                .map(|mut last| last.replace(entry));
            drop(replaced);
        }
        value
    }
}

/// The hash of `identifier` under `secret` (whose bytes are `secret_bytes`) for the one-off
/// `identifier_hash` and `verify`: the same result and the same errors, in the same order, as
/// the core's one-off function. A `Signer` is kept only once the same secret object comes a
/// second time in a row, so code that passes a new secret on each call (one per inbox, read
/// per request) pays the one-off hash and never prepares a `Signer` it would not use again.
pub(crate) fn identifier_hash(
    secret: &Bound<'_, PyAny>,
    secret_bytes: &[u8],
    identifier: &[u8],
) -> Result<IdentifierHash, Error> {
    static LAST: LastSecret<(), Option<Signer>> = LastSecret::new();
    match LAST.hit(secret, &()).as_deref() {
        Some(Some(signer)) => signer.identifier_hash(identifier),
        Some(None) => {
            let kept = LAST.keep(secret, (), Some(Signer::new(secret_bytes)?));
            let signer = Option::as_ref(&kept).expect("kept with its Signer");
            signer.identifier_hash(identifier)
        }
        None => {
            LAST.keep(secret, (), None);
            chatwoot_identity::identifier_hash(secret_bytes, identifier)
        }
    }
}
