//! A Python value described to the core's `HostDeserializer`, so `read` (the core's
//! `from_host`) reads the core's shapes (`WidgetUser`, `WidgetSettings`, ...) straight from
//! dicts: no field is named here, and each value is read by its own Python type (so `"yes"` is
//! not a `bool`). Python's rules: a `str` is text (a lone surrogate is refused without the
//! text), any mapping is a map, a list or a tuple is a list; bytes, dates, decimals, sets and
//! dataclasses are wrong types named by their class.

use std::borrow::Cow;

use chatwoot_identity::{HostDeserializer, HostKind, HostValue, from_host};
use pyo3::prelude::*;
use pyo3::types::list::BoundListIterator;
use pyo3::types::{PyBool, PyFloat, PyInt, PyIterator, PyList, PyMapping, PyString, PyTuple};
use pythonize::PythonizeError;
use serde::de::{DeserializeOwned, Error as _};

use crate::errors::to_py_err;
use crate::utf8::utf8_bytes;

/// A structured input, read into the core's shape; errors name the path from `root`.
pub(crate) fn read<T: DeserializeOwned>(root: &str, value: &Bound<'_, PyAny>) -> PyResult<T> {
    from_host(root, HostDeserializer::new(Value(value.clone())))
        .map_err(|error| to_py_err(value.py(), error))
}

pub(crate) fn read_optional<T: DeserializeOwned>(
    root: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<T>> {
    value.map(|value| read(root, value)).transpose()
}

struct Value<'py>(Bound<'py, PyAny>);

type Pairs<'py> = std::iter::Map<BoundListIterator<'py>, fn(Bound<'py, PyAny>) -> Pair<'py>>;
type Pair<'py> = Result<(Value<'py>, Value<'py>), PythonizeError>;

impl<'py> HostValue for Value<'py> {
    type Error = PythonizeError;
    type Items = Items<'py>;
    type Entries = Pairs<'py>;
    const KEY: &'static str = "a str key";

    fn kind(&self) -> Result<HostKind<'_, Self>, PythonizeError> {
        let value = &self.0;
        Ok(if let Ok(text) = value.cast::<PyString>() {
            // A lone surrogate is a problem of the value, reported without it.
            let bytes = utf8_bytes(text.as_borrowed()).map_err(|_| {
                PythonizeError::custom(
                    "a str that cannot be encoded as UTF-8 (it holds a lone surrogate)",
                )
            })?;
            HostKind::Text(Cow::Borrowed(
                std::str::from_utf8(bytes).map_err(PythonizeError::custom)?,
            ))
        } else if let Ok(mapping) = value.cast::<PyMapping>() {
            HostKind::Map(mapping.items()?.into_iter().map(pair as fn(_) -> _))
        } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            HostKind::List(Items(value.try_iter()?))
        } else if value.is_none() {
            HostKind::Null
        } else if let Ok(boolean) = value.cast::<PyBool>() {
            HostKind::Bool(boolean.is_true())
        } else if let Ok(int) = value.cast::<PyInt>() {
            match int.extract::<i64>() {
                Ok(small) => HostKind::Signed(small.into()),
                Err(_) => match int.extract::<u128>() {
                    Ok(unsigned) => HostKind::Unsigned(unsigned),
                    Err(_) => match int.extract::<i128>() {
                        Ok(signed) => HostKind::Signed(signed),
                        // As the Elixir and Node bindings word it; Python's OverflowError would
                        // name a C long.
                        Err(_) => {
                            return Err(PythonizeError::custom(
                                "integer out of range: integers from -2**127 to 2**128-1 are \
                                 supported; pass a larger one as a str",
                            ));
                        }
                    },
                },
            }
        } else if value.is_instance_of::<PyFloat>() {
            HostKind::Float(value.extract()?)
        } else {
            // Bytes (serde would take UTF-8 bytes for text), dates, decimals, sets, dataclasses.
            let name = value.get_type().qualname();
            HostKind::Unsupported(
                name.map_or(Cow::Borrowed("object"), |name| name.to_string().into()),
            )
        })
    }

    fn is_null(&self) -> bool {
        self.0.is_none()
    }
}

fn pair(item: Bound<'_, PyAny>) -> Pair<'_> {
    let (key, value) = item.extract()?;
    Ok((Value(key), Value(value)))
}

struct Items<'py>(Bound<'py, PyIterator>);

impl<'py> Iterator for Items<'py> {
    type Item = Result<Value<'py>, PythonizeError>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.0.next()?.map(Value).map_err(PythonizeError::from))
    }
}
