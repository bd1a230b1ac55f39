//! A JavaScript value as a `serde::Deserializer`, so the core reads its own shapes (user,
//! settings, a whole widget request) from what JavaScript passes, with no field list here.
//!
//! Not napi-rs's own deserializer: its messages start with the napi status (`InvalidArg, ...`)
//! so the core cannot tell a wrong type, it turns `1e20` into `i64::MAX`, reads a `Buffer` as
//! text and a `Date` or a `Map` as an empty object, and fails on keys that hold a NUL. The
//! rules here, for every shape: `undefined` is absent (a key whose value is `undefined` is
//! skipped); `null` is the core's null (an optional field left out, a custom attribute
//! refused); a number is an integer when `Number.isSafeInteger` says so, a float otherwise;
//! a bigint is an integer up to 128 bits; only plain objects (`{...}`, `Object.create(null)`)
//! and arrays have contents, and any other object (`Date`, `Map`, `Buffer`, a class instance)
//! is a wrong type named by its constructor.

use std::fmt;

use napi::bindgen_prelude::{
    JsObjectValue, KeyCollectionMode, KeyConversion, KeyFilter, Object, Unknown,
};
use napi::{Env, JsValue as _, ValueType};
use serde::de::{self, DeserializeSeed, Error as _, IntoDeserializer, Unexpected, Visitor};

use crate::argument::{self, Integer};

/// One JavaScript value of the current call; `skip` names a top-level key the caller reads
/// itself (the widget's `hmacSecret`, which never enters a serde shape).
#[derive(Clone, Copy)]
pub(crate) struct JsValue<'env> {
    value: Unknown<'env>,
    skip: Option<&'static str>,
}

impl<'env> JsValue<'env> {
    pub(crate) fn new(value: Unknown<'env>, skip: Option<&'static str>) -> Self {
        JsValue { value, skip }
    }

    /// The value as `T`, which its type must be.
    fn cast<T: napi::bindgen_prelude::FromNapiValue>(self) -> Result<T, Failure> {
        // SAFETY: every caller checked the value's type first.
        Ok(unsafe { self.value.cast::<T>() }?)
    }

    /// `None` for a plain object (its prototype `Object.prototype` or `null`), else the name
    /// of its class (`Date`, `Map`, `Buffer`), or `object`.
    fn class(object: &Object<'env>) -> Result<Option<String>, Failure> {
        let prototype = object.get_prototype()?;
        let env = Env::from_raw(object.value().env);
        if prototype.get_type()? == ValueType::Null
            || env.strict_equals(prototype, Object::new(&env)?.get_prototype()?)?
        {
            return Ok(None);
        }
        let constructor: Unknown = object.get_named_property_unchecked("constructor")?;
        if constructor.get_type()? == ValueType::Function {
            // SAFETY: checked just above.
            let constructor = unsafe { constructor.cast::<Object>() }?;
            let name: Unknown = constructor.get_named_property_unchecked("name")?;
            if name.get_type()? == ValueType::String {
                return Ok(Some(JsValue::new(name, None).cast()?));
            }
        }
        Ok(Some("object".to_owned()))
    }
}

/// Why a value could not be read: serde's own message (which the core sorts into kinds), or a
/// failed Node-API call (a getter that threw leaves its exception pending, and napi-rs throws
/// that one).
#[derive(Debug)]
pub(crate) struct Failure(String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

impl de::Error for Failure {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Failure(message.to_string())
    }
}

impl From<napi::Error> for Failure {
    fn from(error: napi::Error) -> Self {
        Failure(error.reason.clone())
    }
}

impl<'de> de::Deserializer<'de> for JsValue<'_> {
    type Error = Failure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.value.get_type()? {
            ValueType::Undefined | ValueType::Null => visitor.visit_unit(),
            ValueType::Boolean => visitor.visit_bool(self.cast()?),
            ValueType::Number => match self.cast::<f64>()? {
                number if argument::is_safe_integer(number) => visitor.visit_i64(number as i64),
                number => visitor.visit_f64(number),
            },
            ValueType::String => visitor.visit_string(self.cast()?),
            ValueType::BigInt => {
                let value = self.value.value();
                // SAFETY: a bigint of this call.
                match unsafe { argument::bigint_value(value.env, value.value) }? {
                    Some(Integer::Signed(n)) => match i64::try_from(n) {
                        Ok(n) => visitor.visit_i64(n),
                        Err(_) => visitor.visit_i128(n),
                    },
                    Some(Integer::Unsigned(n)) => match u64::try_from(n) {
                        Ok(n) => visitor.visit_u64(n),
                        Err(_) => visitor.visit_u128(n),
                    },
                    None => Err(Failure::custom("a bigint beyond 128 bits")),
                }
            }
            ValueType::Object => {
                let object: Object = self.cast()?;
                if object.is_array()? {
                    visitor.visit_seq(Elements::new(object)?)
                } else if let Some(class) = JsValue::class(&object)? {
                    Err(Failure::invalid_type(Unexpected::Other(&class), &visitor))
                } else {
                    visitor.visit_map(Entries::new(object, self.skip)?)
                }
            }
            ValueType::Function => Err(Failure::invalid_type(
                Unexpected::Other("function"),
                &visitor,
            )),
            _ => Err(Failure::invalid_type(Unexpected::Other("symbol"), &visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.value.get_type()? {
            ValueType::Undefined | ValueType::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    /// Enumerations (`position: 'left'`) are strings.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failure> {
        match self.value.get_type()? {
            ValueType::String => visitor.visit_enum(self.cast::<String>()?.into_deserializer()),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
    }
}

/// A plain object's own enumerable string keys, in JavaScript's order, with their values.
struct Entries<'env> {
    object: Object<'env>,
    keys: Elements<'env>,
    skip: Option<&'static str>,
    value: Option<Unknown<'env>>,
}

impl<'env> Entries<'env> {
    fn new(object: Object<'env>, skip: Option<&'static str>) -> Result<Self, Failure> {
        let keys = object.get_all_property_names(
            KeyCollectionMode::OwnOnly,
            KeyFilter::Enumerable,
            KeyConversion::NumbersToStrings,
        )?;
        Ok(Entries {
            object,
            keys: Elements::new(keys)?,
            skip,
            value: None,
        })
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_> {
    type Error = Failure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Failure> {
        while let Some(key) = self.keys.next()? {
            if key.get_type()? != ValueType::String {
                continue; // a symbol
            }
            let name: String = JsValue::new(key, None).cast()?;
            if self.skip == Some(name.as_str()) {
                continue;
            }
            let value: Unknown = self.object.get_property_unchecked(key)?;
            if value.get_type()? == ValueType::Undefined {
                continue;
            }
            self.value = Some(value);
            return seed.deserialize(name.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Failure> {
        let value = self
            .value
            .take()
            .ok_or_else(|| Failure::custom("a value without its key"))?;
        seed.deserialize(JsValue::new(value, None))
    }
}

/// The elements of an array, in order: a value that is an array, or an object's key list.
struct Elements<'env> {
    array: Object<'env>,
    index: u32,
    len: u32,
}

impl<'env> Elements<'env> {
    fn new(array: Object<'env>) -> Result<Self, Failure> {
        let len = array.get_array_length_unchecked()?;
        Ok(Elements {
            array,
            index: 0,
            len,
        })
    }

    fn next(&mut self) -> Result<Option<Unknown<'env>>, Failure> {
        if self.index >= self.len {
            return Ok(None);
        }
        let element = self.array.get_element(self.index)?;
        self.index += 1;
        Ok(Some(element))
    }
}

impl<'de> de::SeqAccess<'de> for Elements<'_> {
    type Error = Failure;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Failure> {
        let element = self.next()?;
        element
            .map(|e| seed.deserialize(JsValue::new(e, None)))
            .transpose()
    }
}
