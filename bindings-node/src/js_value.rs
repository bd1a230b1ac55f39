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

use napi::bindgen_prelude::FromNapiValue;
use napi::sys;
use serde::de::{self, DeserializeSeed, Error as _, IntoDeserializer, Unexpected, Visitor};

use crate::argument::{self, Integer};

/// One JavaScript value of the current call; `skip` names a top-level key the caller reads
/// itself (the widget's `hmacSecret`, which never enters a serde shape).
#[derive(Clone, Copy)]
pub(crate) struct JsValue {
    env: sys::napi_env,
    value: sys::napi_value,
    skip: Option<&'static str>,
}

impl JsValue {
    /// # Safety
    /// `env` and `value` must come from the current napi call, and the deserializer must not
    /// outlive it.
    pub(crate) unsafe fn new(
        env: sys::napi_env,
        value: sys::napi_value,
        skip: Option<&'static str>,
    ) -> Self {
        JsValue { env, value, skip }
    }

    fn child(self, value: sys::napi_value) -> Self {
        JsValue {
            value,
            skip: None,
            ..self
        }
    }

    fn type_of(self) -> Result<sys::napi_valuetype, Failure> {
        // SAFETY: `new`'s contract.
        Ok(unsafe { argument::type_of(self.env, self.value)? })
    }

    /// Whether the value's prototype is `Object.prototype` or `null`.
    fn is_plain_object(self) -> Result<bool, Failure> {
        let (mut prototype, mut object, mut object_prototype) = (NULL, NULL, NULL);
        let mut same = false;
        // SAFETY: `new`'s contract; every out-pointer is a local.
        unsafe {
            ok(sys::napi_get_prototype(
                self.env,
                self.value,
                &mut prototype,
            ))?;
            if argument::type_of(self.env, prototype)? == sys::ValueType::napi_null {
                return Ok(true);
            }
            ok(sys::napi_create_object(self.env, &mut object))?;
            ok(sys::napi_get_prototype(
                self.env,
                object,
                &mut object_prototype,
            ))?;
            ok(sys::napi_strict_equals(
                self.env,
                prototype,
                object_prototype,
                &mut same,
            ))?;
        }
        Ok(same)
    }

    /// `value.constructor.name` (`Date`, `Map`, `Buffer`), or `object`.
    fn class_name(self) -> String {
        let (mut constructor, mut name) = (NULL, NULL);
        // SAFETY: `new`'s contract; a failed lookup leaves a null handle, which is not read.
        let found = unsafe {
            sys::napi_get_named_property(
                self.env,
                self.value,
                c"constructor".as_ptr(),
                &mut constructor,
            ) == sys::Status::napi_ok
                && argument::type_of(self.env, constructor).ok()
                    == Some(sys::ValueType::napi_function)
                && sys::napi_get_named_property(self.env, constructor, c"name".as_ptr(), &mut name)
                    == sys::Status::napi_ok
        };
        found
            .then(|| self.child(name).string().ok())
            .flatten()
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "object".to_owned())
    }

    fn string(self) -> Result<String, Failure> {
        if self.type_of()? != sys::ValueType::napi_string {
            return Err(Failure::custom("a key is not a string"));
        }
        // SAFETY: `new`'s contract; the value is a string.
        Ok(unsafe { String::from_napi_value(self.env, self.value)? })
    }

    fn get(self, object: sys::napi_value, key: sys::napi_value) -> Result<Self, Failure> {
        let mut value = NULL;
        // SAFETY: `new`'s contract; `key` is a key of `object`, both from this call.
        ok(unsafe { sys::napi_get_property(self.env, object, key, &mut value) })?;
        Ok(self.child(value))
    }

    fn element(self, array: sys::napi_value, index: u32) -> Result<Self, Failure> {
        let mut value = NULL;
        // SAFETY: `new`'s contract; `array` is an array of this call.
        ok(unsafe { sys::napi_get_element(self.env, array, index, &mut value) })?;
        Ok(self.child(value))
    }

    fn length(self) -> Result<u32, Failure> {
        let mut len = 0;
        // SAFETY: `new`'s contract; the value is an array.
        ok(unsafe { sys::napi_get_array_length(self.env, self.value, &mut len) })?;
        Ok(len)
    }
}

const NULL: sys::napi_value = std::ptr::null_mut();

/// Why a value could not be read: serde's own message (which the core sorts into kinds), or a
/// failed Node-API call (a getter that threw leaves its exception pending, and it is the one
/// thrown).
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

fn ok(status: sys::napi_status) -> Result<(), Failure> {
    crate::errors::check(status).map_err(Failure::from)
}

impl<'de> de::Deserializer<'de> for JsValue {
    type Error = Failure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        let (env, value) = (self.env, self.value);
        match self.type_of()? {
            sys::ValueType::napi_undefined | sys::ValueType::napi_null => visitor.visit_unit(),
            sys::ValueType::napi_boolean => {
                // SAFETY: `new`'s contract; the value is a boolean.
                visitor.visit_bool(unsafe { bool::from_napi_value(env, value)? })
            }
            sys::ValueType::napi_number => {
                // SAFETY: `new`'s contract; the value is a number.
                let number = unsafe { f64::from_napi_value(env, value)? };
                if argument::is_safe_integer(number) {
                    visitor.visit_i64(number as i64)
                } else {
                    visitor.visit_f64(number)
                }
            }
            sys::ValueType::napi_string => visitor.visit_string(self.string()?),
            // SAFETY: `new`'s contract; the value is a bigint.
            sys::ValueType::napi_bigint => match unsafe { argument::bigint_value(env, value)? } {
                Some(Integer::Signed(n)) => match i64::try_from(n) {
                    Ok(n) => visitor.visit_i64(n),
                    Err(_) => visitor.visit_i128(n),
                },
                Some(Integer::Unsigned(n)) => match u64::try_from(n) {
                    Ok(n) => visitor.visit_u64(n),
                    Err(_) => visitor.visit_u128(n),
                },
                None => Err(Failure::custom("a bigint beyond 128 bits")),
            },
            sys::ValueType::napi_object => {
                let mut is_array = false;
                // SAFETY: `new`'s contract.
                ok(unsafe { sys::napi_is_array(env, value, &mut is_array) })?;
                if is_array {
                    let len = self.length()?;
                    visitor.visit_seq(Elements {
                        array: self,
                        index: 0,
                        len,
                    })
                } else if self.is_plain_object()? {
                    visitor.visit_map(Entries::new(self)?)
                } else {
                    let class = self.class_name();
                    Err(de::Error::invalid_type(Unexpected::Other(&class), &visitor))
                }
            }
            sys::ValueType::napi_function => Err(de::Error::invalid_type(
                Unexpected::Other("function"),
                &visitor,
            )),
            _ => Err(de::Error::invalid_type(
                Unexpected::Other("symbol"),
                &visitor,
            )),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.type_of()? {
            sys::ValueType::napi_undefined | sys::ValueType::napi_null => visitor.visit_none(),
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
        if self.type_of()? == sys::ValueType::napi_string {
            visitor.visit_enum(self.string()?.into_deserializer())
        } else {
            self.deserialize_any(visitor)
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
struct Entries {
    object: JsValue,
    keys: JsValue,
    index: u32,
    len: u32,
    value: Option<JsValue>,
}

impl Entries {
    fn new(object: JsValue) -> Result<Self, Failure> {
        let mut keys = NULL;
        // SAFETY: `JsValue::new`'s contract; the value is an object.
        ok(unsafe {
            sys::napi_get_all_property_names(
                object.env,
                object.value,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            )
        })?;
        let keys = object.child(keys);
        Ok(Entries {
            object,
            keys,
            index: 0,
            len: keys.length()?,
            value: None,
        })
    }
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Failure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Failure> {
        while self.index < self.len {
            let key = self.keys.element(self.keys.value, self.index)?;
            self.index += 1;
            let value = self.object.get(self.object.value, key.value)?;
            let name = key.string()?;
            if value.type_of()? == sys::ValueType::napi_undefined
                || self.object.skip == Some(name.as_str())
            {
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
            .ok_or_else(|| Failure::custom("a value without a key"))?;
        seed.deserialize(value)
    }
}

struct Elements {
    array: JsValue,
    index: u32,
    len: u32,
}

impl<'de> de::SeqAccess<'de> for Elements {
    type Error = Failure;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Failure> {
        if self.index >= self.len {
            return Ok(None);
        }
        let element = self.array.element(self.array.value, self.index)?;
        self.index += 1;
        seed.deserialize(element).map(Some)
    }
}
