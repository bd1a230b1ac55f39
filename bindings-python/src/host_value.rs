//! A Python value as a serde `Deserializer`, so `read` (the core's `from_host`) reads the core's
//! shapes (`WidgetUser`, `WidgetSettings`, ...) straight from dicts: no field is named here.
//!
//! Each value is read by its own Python type (serde's `deserialize_any`), and pythonize's
//! `Depythonizer` reads the leaves (None, bool, int, float). The Depythonizer is not used
//! for whole values because it reads the type the shape asks for: it takes `"yes"` for a
//! `bool` field as `True` (truthiness), and reports a number where text belongs as "unexpected
//! type", which the core cannot tell apart from other mistakes. Read by its own type, a value
//! that does not fit meets serde's standard "invalid type" error, which the core names with its
//! path and reports as a wrong type.

use chatwoot_identity::from_host;
use pyo3::prelude::*;
use pyo3::types::list::BoundListIterator;
use pyo3::types::{PyBool, PyFloat, PyInt, PyIterator, PyList, PyMapping, PyString, PyTuple};
use pythonize::{Depythonizer, PythonizeError};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, Error as _, IntoDeserializer,
    Unexpected, Visitor,
};
use serde::forward_to_deserialize_any;

use crate::errors::to_py_err;
use crate::utf8::utf8_bytes;

/// A structured input, read into the core's shape; errors name the path from `root`.
pub(crate) fn read<T: DeserializeOwned>(root: &str, value: &Bound<'_, PyAny>) -> PyResult<T> {
    from_host(root, HostValue(value)).map_err(|error| to_py_err(value.py(), error))
}

pub(crate) fn read_optional<T: DeserializeOwned>(
    root: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<T>> {
    value.map(|value| read(root, value)).transpose()
}

struct HostValue<'a, 'py>(&'a Bound<'py, PyAny>);

impl<'de> Deserializer<'de> for HostValue<'_, '_> {
    type Error = PythonizeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PythonizeError> {
        let value = self.0;
        if let Ok(text) = value.cast::<PyString>() {
            visitor.visit_str(text_of(text)?)
        } else if let Ok(mapping) = value.cast::<PyMapping>() {
            visitor.visit_map(Entries {
                items: mapping.items()?.into_iter(),
                value: None,
            })
        } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            visitor.visit_seq(Items(value.try_iter()?))
        } else if value.is_none()
            || value.is_instance_of::<PyBool>()
            || value.is_instance_of::<PyInt>()
            || value.is_instance_of::<PyFloat>()
        {
            Depythonizer::from_object(value).deserialize_any(visitor)
        } else {
            // Bytes (serde would take UTF-8 bytes for text), dates, decimals, sets,
            // dataclasses...: the core reads "unsupported type" as a wrong type.
            Err(PythonizeError::custom(format_args!(
                "unsupported type {}",
                type_name(value)
            )))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PythonizeError> {
        if self.0.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, PythonizeError> {
        visitor.visit_newtype_struct(self)
    }

    /// The core's enums are unit variants written as text (`"left"`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PythonizeError> {
        match self.0.cast::<PyString>() {
            Ok(text) => visitor.visit_enum(text_of(text)?.into_deserializer()),
            Err(_) => self.deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The text of a `str`, borrowed; lone surrogates are a problem of the value, reported
/// without it.
fn text_of<'a>(text: &'a Bound<'_, PyString>) -> Result<&'a str, PythonizeError> {
    let bytes = utf8_bytes(text.as_borrowed()).map_err(|_| {
        PythonizeError::custom("a str that cannot be encoded as UTF-8 (it holds a lone surrogate)")
    })?;
    std::str::from_utf8(bytes).map_err(PythonizeError::custom)
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .qualname()
        .map_or_else(|_| "of an unnamed type".to_owned(), |name| name.to_string())
}

struct Entries<'py> {
    items: BoundListIterator<'py>,
    value: Option<Bound<'py, PyAny>>,
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = PythonizeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PythonizeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        // Without this an int key would be taken as a field's index.
        if !key.is_instance_of::<PyString>() {
            let kind = type_name(&key);
            return Err(PythonizeError::invalid_type(
                Unexpected::Other(&kind),
                &"a str key",
            ));
        }
        self.value = Some(value);
        seed.deserialize(HostValue(&key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, PythonizeError> {
        let value = self
            .value
            .take()
            .expect("serde reads a value after its key");
        seed.deserialize(HostValue(&value))
    }
}

struct Items<'py>(Bound<'py, PyIterator>);

impl<'de> de::SeqAccess<'de> for Items<'_> {
    type Error = PythonizeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, PythonizeError> {
        match self.0.next() {
            Some(item) => seed.deserialize(HostValue(&item?)).map(Some),
            None => Ok(None),
        }
    }
}
