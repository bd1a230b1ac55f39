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

/// The class raised for `code`. A code this binding does not know yet (the core adds codes over
/// time) falls back to the base class, so `except IdentityError` still catches it.
pub(crate) fn exception_class(py: Python<'_>, code: ErrorCode) -> Bound<'_, PyType> {
    match code {
        ErrorCode::EmptySecret => EmptySecretError::type_object(py),
        ErrorCode::EmptyIdentifier => EmptyIdentifierError::type_object(py),
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
    module.add("EmptySecretError", EmptySecretError::type_object(py))?;
    module.add(
        "EmptyIdentifierError",
        EmptyIdentifierError::type_object(py),
    )?;
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
