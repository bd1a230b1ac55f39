//! The test kit: which identity a rendered page (or a set-user payload) will send, checked by
//! the core's `read_page` / `check_page_*` / `check_payload_identity`. This module only moves
//! the arguments in and the core's answer out (as plain `dict`s); the Python side
//! (`chatwoot_identity.testing`) turns a failed check into an `AssertionError`.

use chatwoot_identity::PageCheck;
use pyo3::prelude::*;
use pythonize::pythonize;

use crate::arguments;
use crate::errors::OrRaise;
use crate::host_value::read_optional;

/// What chatwoot-identity's snippets on ``html`` will do: ``snippets``, ``resets``,
/// ``escaped_snippets``, ``base_url``, ``website_token`` and ``user`` (``identifier``,
/// ``identifier_hash``, ``attributes``; ``None`` for an anonymous visitor), as a ``dict``.
#[pyfunction]
pub(crate) fn read_page<'py>(html: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let widget = chatwoot_identity::read_page(&arguments::text(html, "html")?);
    Ok(pythonize(html.py(), &widget)?)
}

/// The core's check that ``text``, a page's HTML (or with ``payload=True`` a set-user
/// payload's JSON text), identifies ``identifier`` with a hash that verifies under
/// ``hmac_secret`` and has each of ``fields``: ``{"passed", "problems": [{"code", "message"}],
/// "widget", "message"}``.
#[pyfunction]
#[pyo3(name = "_check_identity", signature = (text, hmac_secret, identifier, fields = None, *, payload = false))]
pub(crate) fn check_identity<'py>(
    text: &Bound<'py, PyAny>,
    hmac_secret: &Bound<'py, PyAny>,
    identifier: &Bound<'py, PyAny>,
    fields: Option<&Bound<'py, PyAny>>,
    payload: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = hmac_secret.py();
    let text = arguments::text(text, if payload { "payload" } else { "html" })?;
    let identifier = arguments::text(identifier, "identifier")?;
    let (text, identifier) = (text.as_ref(), identifier.as_ref());
    let secret = arguments::hmac_secret(hmac_secret)?;
    let fields = read_optional("fields", fields)?.unwrap_or_default();
    let check = if payload {
        chatwoot_identity::check_payload_identity(text, secret, identifier, &fields)
    } else {
        chatwoot_identity::check_page_identity(text, secret, identifier, &fields)
    };
    check_to_python(py, &check.or_raise(py)?)
}

/// The core's check that ``html`` identifies nobody (a visitor's widget or ``reset_script``).
#[pyfunction]
#[pyo3(name = "_check_page_anonymous")]
pub(crate) fn check_page_anonymous<'py>(html: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let check = chatwoot_identity::check_page_anonymous(&arguments::text(html, "html")?);
    check_to_python(html.py(), &check)
}

fn check_to_python<'py>(py: Python<'py>, check: &PageCheck) -> PyResult<Bound<'py, PyAny>> {
    let answer = pythonize(py, check)?;
    answer.set_item("message", check.message())?;
    Ok(answer)
}
