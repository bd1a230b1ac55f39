//! Signed webhooks: `verify_webhook`, `WebhookVerifier`, `sign_webhook`, `diagnose_webhook`.
//! Every rule is the core's; this file only passes the arguments on.

use chatwoot_identity::{SignedHeaders, WebhookVerifier};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::arguments::{self, ArgBytes};
use crate::body::{Body, body};
use crate::errors::OrRaise;
use crate::last_secret::LastSecret;
use crate::webhook_options::{self, AgeCheck};
use crate::webhook_results::{PySignedWebhook, PyVerifiedWebhook, PyWebhookDiagnosis};

/// Verifies one webhook; for a stream of them keep a ``WebhookVerifier``.
///
/// ``body`` is the raw request body (``bytes``, any bytes-like object, or ``str``, hashed as
/// UTF-8). Pass the request's headers as ``headers`` (``request.headers``, ``request.META``, a
/// ``dict``, Starlette's or werkzeug's ``Headers``, or (name, value) pairs), or the two header
/// values as ``signature`` and ``timestamp`` (``None``: absent), not both. ``now`` defaults to
/// the system clock; ``tolerance`` is in seconds either way (0: only the current second);
/// ``check_age=False`` turns the age check off. Returns a ``VerifiedWebhook``; raises the
/// error class of the code otherwise (``SignatureMismatchError``, ``StaleTimestampError``, ...).
///
/// The key prepared for the last ``str`` or ``bytes`` secret object is kept, so passing the same
/// settings constant on every request costs what a ``WebhookVerifier`` does.
#[pyfunction]
#[pyo3(
    signature = (secret, body, *, headers=None, signature=None, timestamp=None, now=None, tolerance=None, check_age=None),
    text_signature = "(secret, body, *, headers=None, signature=None, timestamp=None, now=None, tolerance=300, check_age=True)"
)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn verify_webhook(
    secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    signature: Option<&Bound<'_, PyAny>>,
    timestamp: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
    tolerance: Option<&Bound<'_, PyAny>>,
    check_age: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyVerifiedWebhook> {
    static LAST: LastSecret<AgeCheck, WebhookVerifier> = LastSecret::new();
    let age = AgeCheck::read(tolerance, check_age)?;
    let verifier = match LAST.hit(secret, &age) {
        Some(verifier) => verifier,
        None => LAST.keep(secret, age, age.verifier(secret)?),
    };
    SignedRequest::read(body, headers, signature, timestamp)?.verify(&verifier, now)
}

/// The body and the signed header values of one request. Every entry point that checks a
/// signature (``verify_webhook``, ``WebhookVerifier.verify``, ``diagnose_webhook``) reads them
/// here, so all of them take the same forms and report the same errors in the same order. Each
/// hands the body to the core's `SignedHeaders` inside `Body::with_bytes`, so a large immutable
/// body is hashed without the GIL.
struct SignedRequest<'a> {
    py: Python<'a>,
    body: Body<'a>,
    signed: SignedHeaders<ArgBytes<'a>>,
}

impl<'a> SignedRequest<'a> {
    fn read(
        body: &'a Bound<'_, PyAny>,
        headers: Option<&'a Bound<'_, PyAny>>,
        signature: Option<&'a Bound<'_, PyAny>>,
        timestamp: Option<&'a Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(SignedRequest {
            py: body.py(),
            body: self::body(body)?,
            signed: webhook_options::signed_headers(headers, signature, timestamp)?,
        })
    }

    /// The checks of ``verify_webhook`` and ``WebhookVerifier.verify`` once the verifier and
    /// the request are read; both read `now` after the request.
    fn verify(
        &self,
        verifier: &WebhookVerifier,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyVerifiedWebhook> {
        let now = webhook_options::now(now)?;
        let SignedRequest { py, body, signed } = self;
        body.with_bytes(*py, |bytes| signed.verify(verifier, bytes, now))
            .map(PyVerifiedWebhook)
            .or_raise(*py)
    }
}

/// The headers Chatwoot would send with ``body`` at ``timestamp`` (Unix seconds, default now),
/// for tests of a receiver: a ``SignedWebhook`` whose ``headers`` is a ``dict`` to send.
#[pyfunction]
#[pyo3(signature = (secret, body, timestamp=None))]
pub(crate) fn sign_webhook(
    secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    timestamp: Option<&Bound<'_, PyAny>>,
) -> PyResult<PySignedWebhook> {
    let py = secret.py();
    let secret = arguments::secret(secret)?;
    let body = self::body(body)?;
    let timestamp = match timestamp {
        Some(value) => webhook_options::seconds(value, "timestamp")?,
        None => chatwoot_identity::unix_now(),
    };
    body.with_bytes(py, |bytes| {
        chatwoot_identity::sign_webhook(&secret, bytes, timestamp)
    })
    .map(PySignedWebhook)
    .or_raise(py)
}

/// Explains why a webhook's signature does, or does not, verify with ``secret``: recomputes it
/// the way each known mistake would (the body alone, a re-serialized body, uppercase hex, the
/// identity ``hmac_token`` as key when given, ...). Takes ``headers`` or ``signature`` and
/// ``timestamp`` as ``verify_webhook`` does. A few dozen HMACs of the body: for debugging, not
/// for every rejected request from the internet.
#[pyfunction]
#[pyo3(signature = (secret, body, *, headers=None, signature=None, timestamp=None, identity_hmac_token=None))]
pub(crate) fn diagnose_webhook(
    secret: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    signature: Option<&Bound<'_, PyAny>>,
    timestamp: Option<&Bound<'_, PyAny>>,
    identity_hmac_token: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyWebhookDiagnosis> {
    let py = secret.py();
    let secret = arguments::secret(secret)?;
    let SignedRequest { body, signed, .. } =
        SignedRequest::read(body, headers, signature, timestamp)?;
    let token = identity_hmac_token
        .map(|token| arguments::text_or_bytes_argument(token, "identity_hmac_token"))
        .transpose()?;
    let token = token.as_ref().map(AsRef::as_ref);
    body.with_bytes(py, |bytes| signed.diagnose(&secret, bytes, token))
        .map(PyWebhookDiagnosis)
        .or_raise(py)
}

/// A webhook's secret, prepared once for verifying any number of its requests.
///
/// Build one per webhook (for example at import time from your settings) and share it: it is
/// immutable and safe to use from many threads. ``tolerance`` (seconds, default 300) bounds
/// ``|now - timestamp|``; ``check_age=False`` turns the age check off (only for stored
/// requests). ``repr()`` never shows the secret and pickling raises ``TypeError``.
#[pyclass(frozen, name = "WebhookVerifier", module = "chatwoot_identity")]
pub(crate) struct PyWebhookVerifier {
    verifier: WebhookVerifier,
    /// The tolerance in seconds, as given (also when ``check_age`` is ``False``).
    #[pyo3(get)]
    tolerance: u64,
    /// Whether the age of a request is checked.
    #[pyo3(get)]
    check_age: bool,
}

#[pymethods]
impl PyWebhookVerifier {
    #[new]
    #[pyo3(
        signature = (secret, *, tolerance=None, check_age=None),
        text_signature = "(secret, *, tolerance=300, check_age=True)"
    )]
    fn new(
        secret: &Bound<'_, PyAny>,
        tolerance: Option<&Bound<'_, PyAny>>,
        check_age: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let age = AgeCheck::read(tolerance, check_age)?;
        Ok(PyWebhookVerifier {
            verifier: age.verifier(secret)?,
            tolerance: age.tolerance,
            check_age: age.check_age,
        })
    }

    /// Verifies one request: ``body`` and ``headers`` (or ``signature`` and ``timestamp``) as
    /// for ``verify_webhook``; ``now`` defaults to the system clock.
    #[pyo3(signature = (body, *, headers=None, signature=None, timestamp=None, now=None))]
    fn verify(
        &self,
        body: &Bound<'_, PyAny>,
        headers: Option<&Bound<'_, PyAny>>,
        signature: Option<&Bound<'_, PyAny>>,
        timestamp: Option<&Bound<'_, PyAny>>,
        now: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyVerifiedWebhook> {
        SignedRequest::read(body, headers, signature, timestamp)?.verify(&self.verifier, now)
    }

    fn __repr__(&self) -> String {
        if self.check_age {
            format!(
                "<chatwoot_identity.WebhookVerifier secret=<redacted> tolerance={}>",
                self.tolerance
            )
        } else {
            "<chatwoot_identity.WebhookVerifier secret=<redacted> check_age=False>".to_owned()
        }
    }

    /// Refuses: a pickle would write the webhook secret out.
    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "cannot pickle a chatwoot_identity.WebhookVerifier: it would write the webhook \
             secret out; pickle where the secret comes from and build a new one after loading",
        ))
    }

    /// Immutable, so a copy is the same object.
    fn __copy__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    /// Immutable, so a deep copy is the same object.
    fn __deepcopy__<'py>(slf: Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf
    }
}
