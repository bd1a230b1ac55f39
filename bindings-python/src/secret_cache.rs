//! The prepared key of the last secret object a one-off call was given, so that the common use
//! of `identifier_hash`, `verify` and `verify_webhook`, the same settings constant passed on
//! every call, costs what a kept `Signer` or `WebhookVerifier` costs instead of preparing the
//! HMAC key each time.
//!
//! An entry is keyed on the secret object's identity, and only for `str` and `bytes` objects
//! (immutable: the same object always holds the same bytes). It holds a reference to that
//! object, so the object cannot be freed and its address reused while it is the key. One entry
//! per kind: a new secret replaces the last one, whose key states are wiped as they are dropped.

use std::sync::{Arc, Mutex};

use chatwoot_identity::{Error, IdentifierHash, Signer};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// The last secret object and what was prepared for it.
pub(crate) struct LastSecret<T>(Mutex<Option<(Py<PyAny>, T)>>);

impl<T: Clone> LastSecret<T> {
    pub(crate) const fn new() -> Self {
        LastSecret(Mutex::new(None))
    }

    /// What was kept for `secret`, when it is the very object of the last `put`.
    pub(crate) fn get(&self, secret: &Bound<'_, PyAny>) -> Option<T> {
        // Only the thread that holds the lock could be updating it: miss rather than wait.
        let last = self.0.try_lock().ok()?;
        let (kept, prepared) = last.as_ref()?;
        (kept.as_ptr() == secret.as_ptr()).then(|| prepared.clone())
    }

    /// Keeps `prepared` for `secret`, in place of the last entry; nothing for a secret that
    /// could change (a `bytearray`, a subclass).
    pub(crate) fn put(&self, secret: &Bound<'_, PyAny>, prepared: T) {
        if !(secret.is_exact_instance_of::<PyString>() || secret.is_exact_instance_of::<PyBytes>())
        {
            return;
        }
        let entry = (secret.clone().unbind(), prepared);
        // The old entry is dropped after the lock is released (with the GIL held, as a `Py`
        // needs); another thread holding the lock only means this one keeps nothing.
        let replaced = self.0.try_lock().ok().map(|mut last| last.replace(entry));
        drop(replaced);
    }
}

/// `None` until the same secret object comes a second time: code that passes a new secret on
/// each call (one per inbox, read per request) pays only the one-off hash, never a `Signer`
/// it would not use again.
static SIGNER: LastSecret<Option<Arc<Signer>>> = LastSecret::new();

/// The hash of `identifier` under `secret`, whose bytes are `secret_bytes`; the same result and
/// the same errors, in the same order, as `chatwoot_identity::identifier_hash`.
pub(crate) fn identifier_hash(
    secret: &Bound<'_, PyAny>,
    secret_bytes: &[u8],
    identifier: &[u8],
) -> Result<IdentifierHash, Error> {
    match SIGNER.get(secret) {
        Some(Some(signer)) => signer.identifier_hash(identifier),
        Some(None) => {
            let signer = Arc::new(Signer::new(secret_bytes)?);
            SIGNER.put(secret, Some(Arc::clone(&signer)));
            signer.identifier_hash(identifier)
        }
        None => {
            SIGNER.put(secret, None);
            chatwoot_identity::identifier_hash(secret_bytes, identifier)
        }
    }
}
