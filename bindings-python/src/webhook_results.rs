//! What the webhook functions return: a verified webhook, a signed one (for tests), and a
//! diagnosis. Every `repr()` leaves out the signature and the replay key.

use chatwoot_identity::{
    DELIVERY_HEADER, SIGNATURE_HEADER, SignedWebhook, TIMESTAMP_HEADER, VerifiedWebhook,
    WebhookDiagnosis, WebhookFinding,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::diagnosis_classes::{diagnosis_class, finding_class};

/// A webhook that passed verification: Chatwoot signed this body at ``timestamp``, within the
/// tolerance of ``now``.
#[pyclass(frozen, name = "VerifiedWebhook", module = "chatwoot_identity")]
pub(crate) struct PyVerifiedWebhook {
    webhook: VerifiedWebhook,
}

impl From<VerifiedWebhook> for PyVerifiedWebhook {
    fn from(webhook: VerifiedWebhook) -> Self {
        PyVerifiedWebhook { webhook }
    }
}

#[pymethods]
impl PyVerifiedWebhook {
    /// When Chatwoot signed the request, in Unix seconds.
    #[getter]
    fn timestamp(&self) -> u64 {
        self.webhook.timestamp
    }

    /// ``now - timestamp`` in seconds; negative when the timestamp is ahead of ``now``.
    #[getter]
    fn age(&self) -> i64 {
        self.webhook.age
    }

    /// ``X-Chatwoot-Delivery`` when the headers had it, else ``None``. Not signed: use it to
    /// process each delivery once (Chatwoot retries with the same id), not against replays.
    #[getter]
    fn delivery_id(&self) -> Option<&str> {
        self.webhook.delivery_id.as_deref()
    }

    /// The key to remember this request by against replays (the signature's 64 hex
    /// characters, unique per timestamp and body). Keep it out of logs.
    #[getter]
    fn replay_key(&self) -> &str {
        self.webhook.replay_key()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // The delivery id is whatever the sender wrote: Python's repr quotes and escapes it.
        let delivery_id = match &self.webhook.delivery_id {
            Some(id) => PyString::new(py, id).repr()?.to_string(),
            None => "None".to_owned(),
        };
        Ok(format!(
            "VerifiedWebhook(timestamp={}, age={}, delivery_id={delivery_id}, \
             replay_key=<redacted>)",
            self.webhook.timestamp, self.webhook.age
        ))
    }
}

/// The headers Chatwoot would send with a body, made by ``sign_webhook()`` for tests.
#[pyclass(frozen, name = "SignedWebhook", module = "chatwoot_identity")]
pub(crate) struct PySignedWebhook {
    signed: SignedWebhook,
}

impl From<SignedWebhook> for PySignedWebhook {
    fn from(signed: SignedWebhook) -> Self {
        PySignedWebhook { signed }
    }
}

#[pymethods]
impl PySignedWebhook {
    /// ``X-Chatwoot-Signature``: ``sha256=`` and 64 lowercase hex characters.
    #[getter]
    fn signature(&self) -> &str {
        &self.signed.signature
    }

    /// ``X-Chatwoot-Timestamp``: the Unix seconds in decimal, as sent.
    #[getter]
    fn timestamp(&self) -> &str {
        &self.signed.timestamp
    }

    /// ``X-Chatwoot-Delivery``: a random UUID (version 4).
    #[getter]
    fn delivery_id(&self) -> &str {
        &self.signed.delivery_id
    }

    /// The three headers as a new ``dict`` of name to value, in the order Chatwoot sends them.
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let headers = PyDict::new(py);
        headers.set_item(TIMESTAMP_HEADER, &self.signed.timestamp)?;
        headers.set_item(SIGNATURE_HEADER, &self.signed.signature)?;
        headers.set_item(DELIVERY_HEADER, &self.signed.delivery_id)?;
        Ok(headers)
    }

    fn __repr__(&self) -> String {
        format!(
            "SignedWebhook(timestamp='{}', delivery_id='{}', signature=<redacted>)",
            self.signed.timestamp, self.signed.delivery_id
        )
    }
}

diagnosis_class! {
    /// What ``diagnose_webhook()`` found out about a webhook's signature.
    PyWebhookDiagnosis("WebhookDiagnosis", WebhookDiagnosis) of PyWebhookFinding;
    /// Whether the signature and timestamp verify as they are (the age aside).
    verified;
    /// Every known mistake that explains the signature, in the core's report order.
    findings;
}

finding_class! {
    /// One reason a webhook signature does not verify.
    PyWebhookFinding("WebhookFinding", WebhookFinding);
    /// The stable code shared by every language binding, e.g. ``"body_escapes_changed"``.
    code;
}
