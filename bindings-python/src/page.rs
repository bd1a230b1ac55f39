//! The test kit: which identity a rendered page (or a set-user payload) will send, checked by
//! the core's `read_page` / `check_page_*` / `check_payload_identity`. This module only moves
//! the arguments in and the core's answer out (as plain `dict`s); the Python side
//! (`chatwoot_identity.testing`) turns a failed check into an `AssertionError`.

use chatwoot_identity::{Error, PageCheck, from_host};
use pyo3::prelude::*;
use pythonize::pythonize;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::arguments::{self, ArgBytes};
use crate::errors::to_py_err;
use crate::host_value::HostValue;

/// What chatwoot-identity's snippets on ``html`` will do: ``snippets``, ``resets``,
/// ``escaped_snippets``, ``base_url``, ``website_token`` and ``user`` (``identifier``,
/// ``identifier_hash``, ``attributes``; ``None`` for an anonymous visitor), as a ``dict``.
#[pyfunction]
pub(crate) fn read_page<'py>(py: Python<'py>, html: &str) -> PyResult<Bound<'py, PyAny>> {
    to_python(py, &chatwoot_identity::read_page(html))
}

/// The core's check that ``html`` identifies ``identifier`` with a hash that verifies under
/// ``hmac_secret`` and has each of ``fields``: ``{"passed", "problems": [{"code", "message"}],
/// "widget", "message"}``.
#[pyfunction]
#[pyo3(name = "_check_page_identity", signature = (html, hmac_secret, identifier, fields = None))]
pub(crate) fn check_page_identity<'py>(
    html: &str,
    hmac_secret: &Bound<'py, PyAny>,
    identifier: &str,
    fields: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    identity_check(
        chatwoot_identity::check_page_identity,
        html,
        hmac_secret,
        identifier,
        fields,
    )
}

/// The core's check that ``html`` identifies nobody (a visitor's widget or ``reset_script``).
#[pyfunction]
#[pyo3(name = "_check_page_anonymous")]
pub(crate) fn check_page_anonymous<'py>(
    py: Python<'py>,
    html: &str,
) -> PyResult<Bound<'py, PyAny>> {
    check_to_python(py, &chatwoot_identity::check_page_anonymous(html))
}

/// The core's check of a set-user payload given as JSON text.
#[pyfunction]
#[pyo3(name = "_check_payload_identity", signature = (payload, hmac_secret, identifier, fields = None))]
pub(crate) fn check_payload_identity<'py>(
    payload: &str,
    hmac_secret: &Bound<'py, PyAny>,
    identifier: &str,
    fields: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    identity_check(
        chatwoot_identity::check_payload_identity,
        payload,
        hmac_secret,
        identifier,
        fields,
    )
}

/// One of the core's identity checks, of a page's HTML or of a payload's JSON text: both take
/// the same secret, identifier and fields, and answer with the same `PageCheck`.
type IdentityCheck<'a> =
    fn(&str, ArgBytes<'a>, &str, &Map<String, Value>) -> Result<PageCheck, Error>;

/// Reads the arguments the two identity checks share, runs `check` on `text`, and hands its
/// answer back as a `dict`.
fn identity_check<'a, 'py>(
    check: IdentityCheck<'a>,
    text: &str,
    hmac_secret: &'a Bound<'py, PyAny>,
    identifier: &str,
    fields: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = hmac_secret.py();
    let secret = arguments::hmac_secret(hmac_secret)?;
    let fields = read_fields(fields)?;
    let check = check(text, secret, identifier, &fields).map_err(|error| to_py_err(py, error))?;
    check_to_python(py, &check)
}

fn read_fields(fields: Option<&Bound<'_, PyAny>>) -> PyResult<Map<String, Value>> {
    match fields {
        None => Ok(Map::new()),
        Some(fields) => {
            from_host("fields", HostValue(fields)).map_err(|error| to_py_err(fields.py(), error))
        }
    }
}

fn check_to_python<'py>(py: Python<'py>, check: &PageCheck) -> PyResult<Bound<'py, PyAny>> {
    let answer = to_python(py, check)?;
    answer.set_item("message", check.message())?;
    Ok(answer)
}

fn to_python<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize(py, value).map_err(PyErr::from)
}
