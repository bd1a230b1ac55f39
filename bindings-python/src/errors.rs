//! The exception classes, and the one table that maps the core's error codes onto them.

use chatwoot_identity::{Error, ErrorCode};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::{PyTypeInfo, create_exception, intern};

create_exception!(
    chatwoot_identity,
    IdentityError,
    PyValueError,
    "A value chatwoot_identity cannot hash; `.code` is the stable error code shared by every \
     language binding. Messages name the parameter at fault and never contain the secret."
);
create_exception!(
    chatwoot_identity,
    EmptySecretError,
    IdentityError,
    "The secret was empty (code \"empty_secret\"); usually a missing environment variable."
);
create_exception!(
    chatwoot_identity,
    EmptyIdentifierError,
    IdentityError,
    "An identifier was empty (code \"empty_identifier\")."
);

// Widget codes (issue 7): one class per code, named after it.
create_exception!(
    chatwoot_identity,
    MissingSecretError,
    IdentityError,
    "A widget user was given without a Signer to sign it with (code \"missing_secret\")."
);
create_exception!(
    chatwoot_identity,
    InvalidBaseUrlError,
    IdentityError,
    "base_url is not an absolute http(s) URL without credentials (code \"invalid_base_url\")."
);
create_exception!(
    chatwoot_identity,
    InvalidWebsiteTokenError,
    IdentityError,
    "website_token is not a Chatwoot website token (code \"invalid_website_token\")."
);
create_exception!(
    chatwoot_identity,
    InvalidNonceError,
    IdentityError,
    "nonce is not a CSP nonce (code \"invalid_nonce\")."
);
create_exception!(
    chatwoot_identity,
    IncompleteUserError,
    IdentityError,
    "A widget user has none of name, email and avatar_url (code \"incomplete_user\")."
);
create_exception!(
    chatwoot_identity,
    InvalidCustomAttributeError,
    IdentityError,
    "A custom attribute is a number JSON cannot carry (code \"invalid_custom_attribute\")."
);
create_exception!(
    chatwoot_identity,
    InvalidWidgetSettingError,
    IdentityError,
    "A widget setting has a value the widget does not know (code \"invalid_widget_setting\")."
);
create_exception!(
    chatwoot_identity,
    InvalidWidgetJsonError,
    IdentityError,
    "A JSON widget request does not have the documented shape (code \"invalid_widget_json\")."
);
create_exception!(
    chatwoot_identity,
    OutputLengthError,
    IdentityError,
    "An output buffer has the wrong length (code \"output_length\")."
);

/// The class raised for `code`. A code this binding does not know yet (the core adds codes over
/// time) falls back to the base class, so `except IdentityError` still catches it.
pub(crate) fn exception_class(py: Python<'_>, code: ErrorCode) -> Bound<'_, PyType> {
    match code {
        ErrorCode::EmptySecret => EmptySecretError::type_object(py),
        ErrorCode::EmptyIdentifier => EmptyIdentifierError::type_object(py),
        ErrorCode::MissingSecret => MissingSecretError::type_object(py),
        ErrorCode::InvalidBaseUrl => InvalidBaseUrlError::type_object(py),
        ErrorCode::InvalidWebsiteToken => InvalidWebsiteTokenError::type_object(py),
        ErrorCode::InvalidNonce => InvalidNonceError::type_object(py),
        ErrorCode::IncompleteUser => IncompleteUserError::type_object(py),
        ErrorCode::InvalidCustomAttribute => InvalidCustomAttributeError::type_object(py),
        ErrorCode::InvalidWidgetSetting => InvalidWidgetSettingError::type_object(py),
        ErrorCode::InvalidWidgetJson => InvalidWidgetJsonError::type_object(py),
        ErrorCode::OutputLength => OutputLengthError::type_object(py),
        _ => IdentityError::type_object(py),
    }
}

/// Turns a core error into the matching exception, with `.code` set on the instance so even
/// the fallback class carries the precise code.
pub(crate) fn to_py_err(py: Python<'_>, error: Error) -> PyErr {
    let code = error.code().as_str();
    let raise = || -> PyResult<PyErr> {
        let exception = exception_class(py, error.code()).call1((error.to_string(),))?;
        exception.setattr(intern!(py, "code"), code)?;
        Ok(PyErr::from_value(exception))
    };
    raise().unwrap_or_else(|failure| failure)
}

/// Registers the classes on the module and gives each subclass its code as a class attribute,
/// so `EmptySecretError.code == "empty_secret"` without an instance.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("IdentityError", IdentityError::type_object(py))?;
    // Each coded class is registered under its own name, straight from the table above, so a
    // class cannot be mapped without also being importable.
    for code in ErrorCode::ALL {
        let class = exception_class(py, *code);
        if !class.is(IdentityError::type_object(py)) {
            module.add(class.name()?, &class)?;
        }
    }
    for code in ErrorCode::ALL {
        let class = exception_class(py, *code);
        if !class.is(IdentityError::type_object(py)) {
            class.setattr(intern!(py, "code"), code.as_str())?;
        }
    }
    Ok(())
}

/// `TypeError` for an argument of a type the API does not take, naming the parameter and the
/// type received (never the value: it may be the secret).
pub(crate) fn wrong_type(
    argument: &Bound<'_, PyAny>,
    param: impl std::fmt::Display,
    expected: &str,
) -> PyErr {
    let received = argument
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "an unnamed type".to_owned());
    PyTypeError::new_err(format!("{param} must be {expected}, not {received}"))
}
