//! The widget on a page: `widget_script`, `reset_script` and `set_user_payload`.
//!
//! `user` and `settings` are read generically into the core's `WidgetRequest` (see
//! `host_value`); validation, signing, escaping and the script text are all the core's.

use std::borrow::Cow;

use chatwoot_identity::{Signer, WidgetRequest};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

use crate::arguments;
use crate::errors::OrRaise;
use crate::host_value::{read, read_optional};
use crate::signer::PySigner;

/// The complete ``<script>`` element a server-rendered page includes: Chatwoot's loader,
/// ``window.chatwootSettings`` from ``settings`` and, when ``user`` is given,
/// ``window.$chatwoot.setUser`` with its ``identifier_hash`` (signed with ``hmac_secret``, a
/// secret or a ``Signer``) once the widget is ready.
///
/// Every value is JSON-encoded and escaped for an HTML script element, so no user data can end
/// the element or run code. Pass the request's CSP ``nonce`` when your Content-Security-Policy
/// allows scripts by nonce. ``debug=True`` (for development) makes the snippet explain a hash
/// Chatwoot refuses in the browser's console.
#[pyfunction]
#[pyo3(
    signature = (base_url, website_token, *, hmac_secret = None, user = None, settings = None, nonce = None, debug = None),
    text_signature = "(base_url, website_token, *, hmac_secret=None, user=None, settings=None, nonce=None, debug=False)"
)]
pub(crate) fn widget_script<'py>(
    base_url: &Bound<'py, PyAny>,
    website_token: &Bound<'py, PyAny>,
    hmac_secret: Option<&Bound<'py, PyAny>>,
    user: Option<&Bound<'py, PyAny>>,
    settings: Option<&Bound<'py, PyAny>>,
    nonce: Option<&Bound<'py, PyAny>>,
    debug: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyString>> {
    let py = base_url.py();
    let mut request = WidgetRequest::default();
    request.base_url = read("base_url", base_url)?;
    request.website_token = read("website_token", website_token)?;
    request.settings = read_optional("settings", settings)?.unwrap_or_default();
    request.user = read_optional("user", user)?;
    request.nonce = read_optional("nonce", nonce)?;
    request.debug = read_optional("debug", debug)?.unwrap_or(false);
    let signer = hmac_secret.map(signer_of).transpose()?;
    let script = request.widget_script(signer.as_deref()).or_raise(py)?;
    Ok(PyString::new(py, &script))
}

/// A ``<script>`` element that logs the user out of the widget (``window.$chatwoot.reset()``);
/// render it on the page after logout.
#[pyfunction]
#[pyo3(signature = (nonce = None))]
pub(crate) fn reset_script<'py>(
    py: Python<'py>,
    nonce: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyString>> {
    let nonce: Option<String> = read_optional("nonce", nonce)?;
    let script = chatwoot_identity::reset_script(nonce.as_deref()).or_raise(py)?;
    Ok(PyString::new(py, &script))
}

/// ``html`` with ``snippet`` inserted just before its last ``</body>``, or ``None`` when the
/// page must be left as it is: it has no ``</body>`` (a fragment) or already holds a widget
/// (ours or Chatwoot's own snippet). The rule of every package's automatic injection.
#[pyfunction]
pub(crate) fn insert_widget(
    html: &Bound<'_, PyAny>,
    snippet: &Bound<'_, PyAny>,
) -> PyResult<Option<String>> {
    let (html, snippet) = (
        arguments::text(html, "html")?,
        arguments::text(snippet, "snippet")?,
    );
    Ok(chatwoot_identity::insert_widget(&html, &snippet))
}

/// The ``dict`` a server hands to a single-page or React Native app: the user's fields with
/// ``identifier`` (always a ``str``) and ``identifier_hash`` filled in. A web app calls
/// ``window.$chatwoot.setUser(payload.identifier, payload)``.
#[pyfunction]
pub(crate) fn set_user_payload<'py>(
    hmac_secret: &Bound<'py, PyAny>,
    user: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = user.py();
    let signer = signer_of(hmac_secret)?;
    let json = chatwoot_identity::set_user_payload(&signer, &read("user", user)?).or_raise(py)?;
    json_loads(py)?.call1((json,))
}

/// A prepared `Signer` as it is (no re-hashing of the secret), or a secret prepared now.
fn signer_of<'a>(hmac_secret: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, Signer>> {
    if let Ok(signer) = hmac_secret.cast::<PySigner>() {
        return Ok(Cow::Borrowed(&signer.get().0));
    }
    let secret = arguments::hmac_secret(hmac_secret)?;
    Signer::new(secret)
        .map(Cow::Owned)
        .or_raise(hmac_secret.py())
}

/// `json.loads`, looked up once per interpreter.
fn json_loads(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS
        .get_or_try_init(py, || {
            Ok::<_, PyErr>(py.import(intern!(py, "json"))?.getattr("loads")?.unbind())
        })
        .map(|loads| loads.bind(py))
}
