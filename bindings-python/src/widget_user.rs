//! `WidgetUser`: the logged-in user as the Chatwoot widget knows them, converted once into the
//! core's `WidgetUser` when the Python object is built.

use std::collections::BTreeMap;

use chatwoot_identity::{AttributeValue, WidgetUser};
use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyMapping, PyString};

use crate::arguments::{Param, integer_identifier, optional_text, owned_text};
use crate::errors::{to_py_err, wrong_type};

const ATTRIBUTE_TYPES: &str = "str, int, float or bool";

/// The logged-in user as the Chatwoot widget knows them, for ``widget_script`` and
/// ``set_user_payload``.
///
/// ``identifier`` (``str``, or ``int`` written as its decimal text) is what ``setUser`` gets and
/// what is hashed. Chatwoot's SDK also needs at least one of ``name``, ``email`` and
/// ``avatar_url``; without them the constructor raises ``IncompleteUserError``. Every other
/// field is optional and keyword-only. Instances are immutable.
#[pyclass(frozen, eq, name = "WidgetUser", module = "chatwoot_identity")]
#[derive(PartialEq)]
pub(crate) struct PyWidgetUser {
    user: WidgetUser,
}

impl PyWidgetUser {
    pub(crate) fn user(&self) -> &WidgetUser {
        &self.user
    }
}

#[pymethods]
impl PyWidgetUser {
    #[new]
    #[pyo3(signature = (
        identifier,
        *,
        name = None,
        email = None,
        avatar_url = None,
        phone_number = None,
        description = None,
        country_code = None,
        city = None,
        company_name = None,
        social_profiles = None,
        custom_attributes = None,
    ))]
    #[allow(
        clippy::too_many_arguments,
        reason = "one keyword argument per setUser field"
    )]
    fn new(
        identifier: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        email: Option<&Bound<'_, PyAny>>,
        avatar_url: Option<&Bound<'_, PyAny>>,
        phone_number: Option<&Bound<'_, PyAny>>,
        description: Option<&Bound<'_, PyAny>>,
        country_code: Option<&Bound<'_, PyAny>>,
        city: Option<&Bound<'_, PyAny>>,
        company_name: Option<&Bound<'_, PyAny>>,
        social_profiles: Option<&Bound<'_, PyAny>>,
        custom_attributes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut user = WidgetUser::new(identifier_text(identifier)?);
        user.name = optional_text(name, "name")?;
        user.email = optional_text(email, "email")?;
        user.avatar_url = optional_text(avatar_url, "avatar_url")?;
        user.phone_number = optional_text(phone_number, "phone_number")?;
        user.description = optional_text(description, "description")?;
        user.country_code = optional_text(country_code, "country_code")?;
        user.city = optional_text(city, "city")?;
        user.company_name = optional_text(company_name, "company_name")?;
        if let Some(profiles) = social_profiles.filter(|value| !value.is_none()) {
            user.social_profiles = text_map(profiles, "social_profiles")?;
        }
        if let Some(attributes) = custom_attributes.filter(|value| !value.is_none()) {
            user.custom_attributes = attribute_map(attributes)?;
        }
        user.validate()
            .map_err(|error| to_py_err(identifier.py(), error))?;
        Ok(PyWidgetUser { user })
    }

    /// What ``setUser`` gets as its first argument, and what is hashed.
    #[getter]
    fn identifier(&self) -> &str {
        &self.user.identifier
    }

    #[getter]
    fn name(&self) -> Option<&str> {
        self.user.name.as_deref()
    }

    #[getter]
    fn email(&self) -> Option<&str> {
        self.user.email.as_deref()
    }

    #[getter]
    fn avatar_url(&self) -> Option<&str> {
        self.user.avatar_url.as_deref()
    }

    #[getter]
    fn phone_number(&self) -> Option<&str> {
        self.user.phone_number.as_deref()
    }

    #[getter]
    fn description(&self) -> Option<&str> {
        self.user.description.as_deref()
    }

    #[getter]
    fn country_code(&self) -> Option<&str> {
        self.user.country_code.as_deref()
    }

    #[getter]
    fn city(&self) -> Option<&str> {
        self.user.city.as_deref()
    }

    #[getter]
    fn company_name(&self) -> Option<&str> {
        self.user.company_name.as_deref()
    }

    /// A new ``dict`` each time: the object itself stays immutable.
    #[getter]
    fn social_profiles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let profiles = PyDict::new(py);
        for (network, handle) in &self.user.social_profiles {
            profiles.set_item(network, handle)?;
        }
        Ok(profiles)
    }

    /// A new ``dict`` each time: the object itself stays immutable.
    #[getter]
    fn custom_attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let attributes = PyDict::new(py);
        for (key, value) in &self.user.custom_attributes {
            match value {
                AttributeValue::Boolean(flag) => attributes.set_item(key, *flag)?,
                AttributeValue::Integer(number) => attributes.set_item(key, *number)?,
                AttributeValue::Number(number) => attributes.set_item(key, *number)?,
                AttributeValue::Text(text) => attributes.set_item(key, text)?,
            }
        }
        Ok(attributes)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // The identifier only: the other fields are personal data with no business in logs.
        let identifier = PyString::new(py, &self.user.identifier).repr()?;
        Ok(format!("WidgetUser(identifier={identifier}, ...)"))
    }
}

/// `str` as given, or an `int` through the core's integer rule (never `bool`).
fn identifier_text(identifier: &Bound<'_, PyAny>) -> PyResult<String> {
    let param = Param::named("identifier");
    if let Ok(text) = identifier.cast::<PyString>() {
        return owned_text(text, param);
    }
    if !identifier.is_instance_of::<PyBool>()
        && let Ok(integer) = identifier.cast::<PyInt>()
    {
        return Ok(integer_identifier(integer, param)?.as_str().to_owned());
    }
    Err(wrong_type(identifier, param, "str or int"))
}

/// Any mapping (`dict` or another `collections.abc.Mapping`) as `(key, value)` pairs.
fn items<'py>(
    mapping: &Bound<'py, PyAny>,
    name: &str,
) -> PyResult<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    let mapping = mapping
        .cast::<PyMapping>()
        .map_err(|_| wrong_type(mapping, name, "a mapping"))?;
    mapping.items()?.iter().map(|pair| pair.extract()).collect()
}

fn key_text(key: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    let text = key
        .cast::<PyString>()
        .map_err(|_| wrong_type(key, format!("{name} keys"), "str"))?;
    owned_text(text, format!("{name} keys"))
}

fn text_map(mapping: &Bound<'_, PyAny>, name: &str) -> PyResult<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for (key, value) in items(mapping, name)? {
        let key = key_text(&key, name)?;
        let param = format!("{name}[{key:?}]");
        let text = value
            .cast::<PyString>()
            .map_err(|_| wrong_type(&value, &param, "str"))?;
        map.insert(key, owned_text(text, param)?);
    }
    Ok(map)
}

fn attribute_map(mapping: &Bound<'_, PyAny>) -> PyResult<BTreeMap<String, AttributeValue>> {
    let name = "custom_attributes";
    let mut map = BTreeMap::new();
    for (key, value) in items(mapping, name)? {
        let key = key_text(&key, name)?;
        let param = format!("{name}[{key:?}]");
        // `bool` first: it is a subclass of `int`.
        let attribute = if let Ok(flag) = value.cast::<PyBool>() {
            AttributeValue::Boolean(flag.is_true())
        } else if let Ok(integer) = value.cast::<PyInt>() {
            AttributeValue::Integer(integer.extract().map_err(|_| {
                PyOverflowError::new_err(format!("{param} is an int outside the 64-bit range"))
            })?)
        } else if let Ok(number) = value.cast::<PyFloat>() {
            AttributeValue::Number(number.value())
        } else if let Ok(text) = value.cast::<PyString>() {
            AttributeValue::Text(owned_text(text, &param)?)
        } else {
            return Err(wrong_type(&value, param, ATTRIBUTE_TYPES));
        };
        map.insert(key, attribute);
    }
    Ok(map)
}
