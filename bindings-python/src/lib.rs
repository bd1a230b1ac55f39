//! Python bindings for chatwoot-identity: the native module `chatwoot_identity._native`.
//!
//! Only argument conversion and error mapping live here; every rule is the core's.

mod arguments;
mod batch;
mod body;
mod diagnosis;
mod diagnosis_classes;
mod errors;
mod host_value;
mod last_secret;
mod page;
mod signer;
mod utf8;
mod webhook;
mod webhook_headers;
mod webhook_options;
mod webhook_results;
mod widget;

use chatwoot_identity::{Error, ErrorCode, WebhookFindingCode};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::arguments::ArgBytes;
use crate::diagnosis::{PyDiagnosis, PyFinding};
use crate::errors::OrRaise;
use crate::signer::PySigner;

/// The ``identifier_hash`` Chatwoot expects: the lowercase hex HMAC-SHA256 of ``identifier``
/// keyed with the inbox's HMAC ``secret``.
///
/// ``secret`` is ``str`` or ``bytes``-like; ``identifier`` is the same or an ``int`` (hashed as
/// its decimal text). When the same ``str`` or ``bytes`` secret object comes again (a settings
/// constant), the key prepared for it is reused; a ``Signer`` is still a little faster.
#[pyfunction]
fn identifier_hash<'py>(
    secret: &Bound<'py, PyAny>,
    identifier: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyString>> {
    let py = secret.py();
    let secret_bytes = arguments::secret(secret)?;
    let identifier = arguments::identifier(identifier.as_borrowed(), &"identifier")?;
    let hash = last_secret::identifier_hash(secret, secret_bytes.as_ref(), identifier.as_ref())
        .or_raise(py)?;
    Ok(PyString::new(py, hash.as_str()))
}

/// Whether Chatwoot would accept ``identifier_hash`` for ``identifier`` under ``secret``.
///
/// Constant-time. Any malformed candidate is ``False``, never an error.
#[pyfunction]
fn verify(
    secret: &Bound<'_, PyAny>,
    identifier: &Bound<'_, PyAny>,
    identifier_hash: &Bound<'_, PyAny>,
) -> PyResult<bool> {
    with_candidate(
        secret,
        identifier,
        identifier_hash,
        |bytes, identifier, candidate| {
            last_secret::identifier_hash(secret, bytes.as_ref(), identifier.as_ref())
                .map(|expected| expected.matches(candidate.as_ref()))
        },
    )
}

/// Explains why ``identifier_hash`` is, or is not, what Chatwoot expects.
///
/// Recomputes the hash the way each known mistake would (key and message swapped, uppercase,
/// Base64, a trailing newline, another algorithm, ...) and reports each one that matches.
#[pyfunction]
fn diagnose(
    secret: &Bound<'_, PyAny>,
    identifier: &Bound<'_, PyAny>,
    identifier_hash: &Bound<'_, PyAny>,
) -> PyResult<PyDiagnosis> {
    with_candidate(
        secret,
        identifier,
        identifier_hash,
        chatwoot_identity::diagnose,
    )
    .map(PyDiagnosis)
}

/// `check` (the core's `verify` or `diagnose`) of the arguments both take, read in the order
/// they are declared, so either function reports the same first bad argument.
fn with_candidate<'a, T>(
    secret: &'a Bound<'_, PyAny>,
    identifier: &'a Bound<'_, PyAny>,
    identifier_hash: &'a Bound<'_, PyAny>,
    check: impl FnOnce(ArgBytes<'a>, ArgBytes<'a>, ArgBytes<'a>) -> Result<T, Error>,
) -> PyResult<T> {
    check(
        arguments::secret(secret)?,
        arguments::identifier(identifier.as_borrowed(), &"identifier")?,
        arguments::received(identifier_hash, "identifier_hash")?,
    )
    .or_raise(secret.py())
}

/// The compiled core of ``chatwoot_identity``; import the package, not this module.
#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_function(wrap_pyfunction!(identifier_hash, module)?)?;
    module.add_function(wrap_pyfunction!(verify, module)?)?;
    module.add_function(wrap_pyfunction!(diagnose, module)?)?;
    module.add_function(wrap_pyfunction!(widget::widget_script, module)?)?;
    module.add_function(wrap_pyfunction!(widget::reset_script, module)?)?;
    module.add_function(wrap_pyfunction!(widget::set_user_payload, module)?)?;
    module.add_function(wrap_pyfunction!(widget::insert_widget, module)?)?;
    module.add_function(wrap_pyfunction!(page::read_page, module)?)?;
    module.add_function(wrap_pyfunction!(page::check_identity, module)?)?;
    module.add_function(wrap_pyfunction!(page::check_page_anonymous, module)?)?;
    module.add_class::<PySigner>()?;
    module.add_class::<PyDiagnosis>()?;
    module.add_class::<PyFinding>()?;
    module.add_function(wrap_pyfunction!(webhook::verify_webhook, module)?)?;
    module.add_function(wrap_pyfunction!(webhook::sign_webhook, module)?)?;
    module.add_function(wrap_pyfunction!(webhook::diagnose_webhook, module)?)?;
    module.add_class::<webhook::PyWebhookVerifier>()?;
    module.add_class::<webhook_results::PyVerifiedWebhook>()?;
    module.add_class::<webhook_results::PySignedWebhook>()?;
    module.add_class::<webhook_results::PyWebhookDiagnosis>()?;
    module.add_class::<webhook_results::PyWebhookFinding>()?;
    // The core's tables, for the tests that every code has its class in the stub.
    let py = module.py();
    let codes = ErrorCode::ALL.iter().map(|code| code.as_str());
    module.add("_error_codes", PyTuple::new(py, codes)?)?;
    let findings = WebhookFindingCode::ALL.iter().map(|code| code.as_str());
    module.add("_webhook_finding_codes", PyTuple::new(py, findings)?)?;
    errors::register(module)?;
    // Everything above without a leading underscore, the generated classes included.
    let mut public: Vec<String> = module.dict().keys().extract()?;
    public.retain(|name| !name.starts_with('_'));
    public.sort();
    module.add("__all__", public)
}
