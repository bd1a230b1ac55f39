//! The widget on a page: `widget_script`, `reset_script` and `set_user_payload`.
//!
//! Arguments are converted into the core's `WidgetConfig`/`WidgetSettings`; validation,
//! escaping and the script text are all the core's.

use chatwoot_identity::{WidgetConfig, WidgetSettings};
use pyo3::PyClass;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3::{intern, sync::PyOnceLock};

use crate::arguments::{optional_flag, optional_text, text};
use crate::errors::{to_py_err, wrong_type};
use crate::signer::PySigner;
use crate::widget_user::PyWidgetUser;

/// The complete ``<script>`` element a server-rendered page includes: Chatwoot's loader, the
/// widget settings and, when ``user`` is given, ``window.$chatwoot.setUser`` with its
/// ``identifier_hash`` (signed by ``signer``) once the widget is ready.
///
/// Every value is JSON-encoded and escaped for an HTML script element, so no user data can end
/// the element or run code. Pass the request's CSP ``nonce`` when your Content-Security-Policy
/// allows scripts by nonce. Settings are keyword arguments named as in Chatwoot's
/// ``window.chatwootSettings`` (snake_case; ``widget_type`` is its ``type``); ``None`` leaves
/// the widget's default.
#[pyfunction]
#[pyo3(signature = (
    base_url,
    website_token,
    *,
    user = None,
    signer = None,
    nonce = None,
    locale = None,
    use_browser_language = None,
    position = None,
    widget_type = None,
    launcher_title = None,
    hide_message_bubble = None,
    show_unread_messages_dialog = None,
    show_popout_button = None,
    dark_mode = None,
    base_domain = None,
))]
#[allow(
    clippy::too_many_arguments,
    reason = "one keyword argument per documented widget setting"
)]
pub(crate) fn widget_script<'py>(
    py: Python<'py>,
    base_url: &Bound<'py, PyAny>,
    website_token: &Bound<'py, PyAny>,
    user: Option<&Bound<'py, PyAny>>,
    signer: Option<&Bound<'py, PyAny>>,
    nonce: Option<&Bound<'py, PyAny>>,
    locale: Option<&Bound<'py, PyAny>>,
    use_browser_language: Option<&Bound<'py, PyAny>>,
    position: Option<&Bound<'py, PyAny>>,
    widget_type: Option<&Bound<'py, PyAny>>,
    launcher_title: Option<&Bound<'py, PyAny>>,
    hide_message_bubble: Option<&Bound<'py, PyAny>>,
    show_unread_messages_dialog: Option<&Bound<'py, PyAny>>,
    show_popout_button: Option<&Bound<'py, PyAny>>,
    dark_mode: Option<&Bound<'py, PyAny>>,
    base_domain: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyString>> {
    let core_error = |error| to_py_err(py, error);
    let mut settings = WidgetSettings::default();
    settings.locale = optional_text(locale, "locale")?;
    settings.use_browser_language = optional_flag(use_browser_language, "use_browser_language")?;
    settings.position = choice(py, position, "position")?;
    settings.widget_type = choice(py, widget_type, "widget_type")?;
    settings.launcher_title = optional_text(launcher_title, "launcher_title")?;
    settings.hide_message_bubble = optional_flag(hide_message_bubble, "hide_message_bubble")?;
    settings.show_unread_messages_dialog =
        optional_flag(show_unread_messages_dialog, "show_unread_messages_dialog")?;
    settings.show_popout_button = optional_flag(show_popout_button, "show_popout_button")?;
    settings.dark_mode = choice(py, dark_mode, "dark_mode")?;
    settings.base_domain = optional_text(base_domain, "base_domain")?;
    let user = optional_instance::<PyWidgetUser>(user, "user", "a chatwoot_identity.WidgetUser")?;
    let signer = optional_instance::<PySigner>(signer, "signer", "a chatwoot_identity.Signer")?;
    let nonce = optional_text(nonce, "nonce")?;

    let base_url = text(base_url, "base_url")?;
    let website_token = text(website_token, "website_token")?;
    let mut config = WidgetConfig::new(&base_url, &website_token)
        .map_err(core_error)?
        .with_settings(settings);
    if let Some(signer) = signer {
        // A clone of the prepared key states (no re-hashing of the secret).
        config = config.with_signer(signer.get().signer().clone());
    }
    let user = user.map(|user| user.get().user());
    let script =
        chatwoot_identity::widget_script(&config, user, nonce.as_deref()).map_err(core_error)?;
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
    let nonce = optional_text(nonce, "nonce")?;
    let script = chatwoot_identity::reset_script(nonce.as_deref()).map_err(|e| to_py_err(py, e))?;
    Ok(PyString::new(py, &script))
}

/// The ``dict`` a server hands to a single-page or React Native app: the user's fields with
/// ``identifier`` (always a ``str``) and ``identifier_hash`` filled in. A web app calls
/// ``window.$chatwoot.setUser(payload.identifier, payload)``.
#[pyfunction]
pub(crate) fn set_user_payload<'py>(
    py: Python<'py>,
    signer: &Bound<'py, PyAny>,
    user: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let signer = instance::<PySigner>(signer, "signer", "a chatwoot_identity.Signer")?;
    let user = instance::<PyWidgetUser>(user, "user", "a chatwoot_identity.WidgetUser")?;
    let json = chatwoot_identity::set_user_payload(signer.get().signer(), user.get().user())
        .map_err(|error| to_py_err(py, error))?;
    json_loads(py)?.call1((json,))
}

/// An enumerated setting (`position="left"`), parsed by the core's `FromStr`, whose error
/// names the allowed values.
fn choice<T: std::str::FromStr<Err = chatwoot_identity::Error>>(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    param: &str,
) -> PyResult<Option<T>> {
    optional_text(value, param)?
        .map(|text| text.parse().map_err(|error| to_py_err(py, error)))
        .transpose()
}

/// An argument that must be an instance of one of this module's (frozen) classes.
fn instance<'a, 'py, T: PyClass>(
    argument: &'a Bound<'py, PyAny>,
    param: &str,
    expected: &str,
) -> PyResult<&'a Bound<'py, T>> {
    argument
        .cast::<T>()
        .map_err(|_| wrong_type(argument, param, expected))
}

fn optional_instance<'a, 'py, T: PyClass>(
    argument: Option<&'a Bound<'py, PyAny>>,
    param: &str,
    expected: &str,
) -> PyResult<Option<&'a Bound<'py, T>>> {
    argument
        .filter(|value| !value.is_none())
        .map(|value| instance(value, param, expected))
        .transpose()
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
