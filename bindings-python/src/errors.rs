//! The exception classes: one root, and one class per row of the core's `ErrorCode` table, made
//! at import so a code added to the core has its class without an edit here.

use chatwoot_identity::{Error, ErrorCode};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::{PyTypeInfo, create_exception, intern};

create_exception!(
    chatwoot_identity,
    ChatwootIdentityError,
    PyValueError,
    "The root of every error chatwoot_identity raises; `.code` is the stable error code shared \
     by every language binding. Messages name the parameter or path at fault and never contain \
     the secret."
);

/// The classes of one code: the one raised, and its `WrongTypeError` subclass (also a `TypeError`)
/// raised when a structured input held a value of the wrong type.
struct CodeClasses {
    class: Py<PyType>,
    wrong_type: Py<PyType>,
}

/// In the order of `ErrorCode::ALL`.
static CLASSES: PyOnceLock<Vec<CodeClasses>> = PyOnceLock::new();

/// `type(name, bases, namespace)`: a class as the `class` statement would make it.
fn new_class<'py>(
    py: Python<'py>,
    name: &str,
    qualname: &str,
    bases: &[&Bound<'py, PyType>],
    doc: &str,
    code: &str,
) -> PyResult<Bound<'py, PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item(intern!(py, "__module__"), "chatwoot_identity")?;
    namespace.set_item(intern!(py, "__qualname__"), qualname)?;
    namespace.set_item(intern!(py, "__doc__"), doc)?;
    namespace.set_item(intern!(py, "code"), code)?;
    Ok(PyType::type_object(py)
        .call1((name, PyTuple::new(py, bases)?, namespace))?
        .cast_into::<PyType>()?)
}

/// Makes the classes and adds them to `module`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let root = ChatwootIdentityError::type_object(py);
    module.add("ChatwootIdentityError", &root)?;
    let mut classes = Vec::with_capacity(ErrorCode::ALL.len());
    for &code in ErrorCode::ALL {
        let name = format!("{}Error", code.pascal_case());
        let class = new_class(py, &name, &name, &[&root], code.summary(), code.as_str())?;
        let wrong_type = new_class(
            py,
            "WrongTypeError",
            &format!("{name}.WrongTypeError"),
            &[&class, &PyTypeError::type_object(py)],
            &format!(
                "{} Raised as this subclass, which is also a TypeError, when a value has the \
                 wrong type.",
                code.summary()
            ),
            code.as_str(),
        )?;
        class.setattr(intern!(py, "WrongTypeError"), &wrong_type)?;
        module.add(name.as_str(), &class)?;
        classes.push(CodeClasses {
            class: class.unbind(),
            wrong_type: wrong_type.unbind(),
        });
    }
    CLASSES
        .set(py, classes)
        .map_err(|_| PyValueError::new_err("chatwoot_identity._native was initialised twice"))
}

/// The core error as its class's exception; a wrong type in a structured input raises the
/// class's `WrongTypeError`, so `except TypeError` and `except <Code>Error` both catch it.
pub(crate) fn to_py_err(py: Python<'_>, error: Error) -> PyErr {
    let classes = CLASSES.get(py).and_then(|classes| {
        let index = ErrorCode::ALL.iter().position(|&c| c == error.code())?;
        classes.get(index)
    });
    let class = match classes {
        Some(classes) if error.is_wrong_type() => classes.wrong_type.bind(py).clone(),
        Some(classes) => classes.class.bind(py).clone(),
        None => ChatwootIdentityError::type_object(py),
    };
    PyErr::from_type(class, error.to_string())
}

/// `core_result.or_raise(py)?`: the core's error as its class's exception (see [`to_py_err`]).
pub(crate) trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Error> {
    #[inline]
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|error| to_py_err(py, error))
    }
}

/// `TypeError` for an argument of a type the API does not take, naming the parameter and the
/// type received (never the value: it may be the secret).
pub(crate) fn wrong_type(
    argument: &Bound<'_, PyAny>,
    param: &dyn std::fmt::Display,
    expected: &str,
) -> PyErr {
    let received = type_name(argument);
    PyTypeError::new_err(format!("{param} must be {expected}, not {received}"))
}

/// The name of `value`'s type, for a message that must not show the value itself.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "an unnamed type".to_owned(), |name| name.to_string())
}
