//! What the webhook functions return: a verified webhook, a signed one (for tests), and a
//! diagnosis. Every `repr()` leaves out the signature and the replay key.

use chatwoot_identity::{SignedWebhook, VerifiedWebhook, WebhookDiagnosis, WebhookFinding};
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyDict, PyString};

use crate::diagnosis_classes::diagnosis_classes;

/// A webhook that passed verification: Chatwoot signed this body at ``timestamp``, within the
/// tolerance of ``now``.
#[pyclass(frozen, name = "VerifiedWebhook", module = "chatwoot_identity")]
pub(crate) struct PyVerifiedWebhook(pub(crate) VerifiedWebhook);

#[pymethods]
impl PyVerifiedWebhook {
    /// When Chatwoot signed the request, in Unix seconds.
    #[getter]
    fn timestamp(&self) -> u64 {
        self.0.timestamp
    }

    /// ``now - timestamp`` in seconds; negative when the timestamp is ahead of ``now``.
    #[getter]
    fn age(&self) -> i64 {
        self.0.age
    }

    /// ``X-Chatwoot-Delivery`` when the headers had it, else ``None``. Not signed: use it to
    /// process each delivery once (Chatwoot retries with the same id), not against replays.
    #[getter]
    fn delivery_id(&self) -> Option<&str> {
        self.0.delivery_id.as_deref()
    }

    /// The key to remember this request by against replays (the signature's 64 hex
    /// characters, unique per timestamp and body). Keep it out of logs.
    #[getter]
    fn replay_key(&self) -> &str {
        self.0.replay_key()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // The delivery id is whatever the sender wrote: Python's repr quotes and escapes it.
        let delivery_id = match &self.0.delivery_id {
            Some(id) => PyString::new(py, id).repr()?.to_string(),
            None => "None".to_owned(),
        };
        Ok(format!(
            "VerifiedWebhook(timestamp={}, age={}, delivery_id={delivery_id}, \
             replay_key=<redacted>)",
            self.0.timestamp, self.0.age
        ))
    }
}

/// The headers Chatwoot would send with a body, made by ``sign_webhook()`` for tests.
#[pyclass(frozen, name = "SignedWebhook", module = "chatwoot_identity")]
pub(crate) struct PySignedWebhook(pub(crate) SignedWebhook);

#[pymethods]
impl PySignedWebhook {
    /// ``X-Chatwoot-Signature``: ``sha256=`` and 64 lowercase hex characters.
    #[getter]
    fn signature(&self) -> &str {
        &self.0.signature
    }

    /// ``X-Chatwoot-Timestamp``: the Unix seconds in decimal, as sent.
    #[getter]
    fn timestamp(&self) -> &str {
        &self.0.timestamp
    }

    /// ``X-Chatwoot-Delivery``: a random UUID (version 4).
    #[getter]
    fn delivery_id(&self) -> &str {
        &self.0.delivery_id
    }

    /// The three headers as a new ``dict`` of name to value, in the order Chatwoot sends them.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.0.headers().into_py_dict(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "SignedWebhook(timestamp='{}', delivery_id='{}', signature=<redacted>)",
            self.0.timestamp, self.0.delivery_id
        )
    }
}

diagnosis_classes! {
    /// What ``diagnose_webhook()`` found out about a webhook's signature.
    PyWebhookDiagnosis("WebhookDiagnosis", WebhookDiagnosis);
    /// Whether the signature and timestamp verify as they are (the age aside).
    verified;
    /// Every known mistake that explains the signature, in the core's report order.
    findings;
    /// One reason a webhook signature does not verify.
    PyWebhookFinding("WebhookFinding", WebhookFinding);
    /// The stable code shared by every language binding, e.g. ``"body_escapes_changed"``.
    code;
}
