//! A JavaScript value described to the core's `HostDeserializer`, so the core reads its own
//! shapes (user, settings, a whole widget request) from what JavaScript passes, with no field
//! list here.
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

use std::borrow::Cow;
use std::fmt;

use chatwoot_identity::{HostDeserializer, HostKind, HostValue};
use napi::bindgen_prelude::{
    JsObjectValue, KeyCollectionMode, KeyConversion, KeyFilter, Object, Unknown,
};
use napi::{Env, JsValue as _, ValueType};
use serde::de::{self, Error as _};

use crate::argument::{self, Integer};

/// One JavaScript value of the current call; `skip` names the top-level keys the caller reads
/// itself (the widget's `hmacSecret`, which never enters a serde shape).
#[derive(Clone, Copy)]
pub(crate) struct JsValue<'env> {
    value: Unknown<'env>,
    skip: &'static [&'static str],
}

impl<'env> JsValue<'env> {
    /// The core's deserializer over one value of this call.
    pub(crate) fn new(
        value: Unknown<'env>,
        skip: &'static [&'static str],
    ) -> HostDeserializer<Self> {
        HostDeserializer::new(JsValue { value, skip })
    }

    fn of(value: Unknown<'env>) -> Self {
        JsValue { value, skip: &[] }
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
                return Ok(Some(JsValue::of(name).cast()?));
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

impl<'env> HostValue for JsValue<'env> {
    type Error = Failure;
    type Items = Elements<'env>;
    type Entries = Entries<'env>;
    const KEY: &'static str = "a string key";

    fn kind(&self) -> Result<HostKind<'_, Self>, Failure> {
        let value = self.value;
        Ok(match value.get_type()? {
            ValueType::Undefined | ValueType::Null => HostKind::Null,
            ValueType::Boolean => HostKind::Bool(self.cast()?),
            ValueType::Number => match self.cast::<f64>()? {
                number if argument::is_safe_integer(number) => HostKind::Signed(number as i128),
                number => HostKind::Float(number),
            },
            ValueType::String => HostKind::Text(Cow::Owned(self.cast()?)),
            ValueType::BigInt => {
                let value = value.value();
                // SAFETY: a bigint of this call.
                match unsafe { argument::bigint_value(value.env, value.value) }? {
                    Some(Integer::Signed(n)) => HostKind::Signed(n),
                    Some(Integer::Unsigned(n)) => HostKind::Unsigned(n),
                    None => return Err(Failure::custom("a bigint beyond 128 bits")),
                }
            }
            ValueType::Object => {
                let object: Object = self.cast()?;
                if object.is_array()? {
                    HostKind::List(Elements::new(object)?)
                } else if let Some(class) = JsValue::class(&object)? {
                    HostKind::Unsupported(Cow::Owned(class))
                } else {
                    HostKind::Map(Entries::new(object, self.skip)?)
                }
            }
            ValueType::Function => HostKind::Unsupported(Cow::Borrowed("function")),
            _ => HostKind::Unsupported(Cow::Borrowed("symbol")),
        })
    }

    /// Entries yields string keys only (it skips symbols), so a key's type is known.
    fn kind_as_key(&self) -> Result<HostKind<'_, Self>, Failure> {
        Ok(HostKind::Text(Cow::Owned(self.cast()?)))
    }

    fn is_null(&self) -> bool {
        matches!(
            self.value.get_type(),
            Ok(ValueType::Undefined | ValueType::Null)
        )
    }
}

/// A plain object's own enumerable string keys, in JavaScript's order, with their values.
pub(crate) struct Entries<'env> {
    object: Object<'env>,
    keys: Elements<'env>,
    skip: &'static [&'static str],
}

impl<'env> Entries<'env> {
    fn new(object: Object<'env>, skip: &'static [&'static str]) -> Result<Self, Failure> {
        let keys = object.get_all_property_names(
            KeyCollectionMode::OwnOnly,
            KeyFilter::Enumerable,
            KeyConversion::NumbersToStrings,
        )?;
        Ok(Entries {
            object,
            keys: Elements::new(keys)?,
            skip,
        })
    }

    fn next_entry(&mut self) -> Result<Option<(JsValue<'env>, JsValue<'env>)>, Failure> {
        while let Some(key) = self.keys.next_element()? {
            if key.get_type()? != ValueType::String {
                continue; // a symbol
            }
            // Only the top level skips a key; a key's text is read once, by the core, elsewhere.
            if !self.skip.is_empty()
                && self
                    .skip
                    .contains(&JsValue::of(key).cast::<String>()?.as_str())
            {
                continue;
            }
            let value: Unknown = self.object.get_property_unchecked(key)?;
            if value.get_type()? == ValueType::Undefined {
                continue;
            }
            return Ok(Some((JsValue::of(key), JsValue::of(value))));
        }
        Ok(None)
    }
}

impl<'env> Iterator for Entries<'env> {
    type Item = Result<(JsValue<'env>, JsValue<'env>), Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_entry().transpose()
    }
}

/// The elements of an array, in order: a value that is an array, or an object's key list.
pub(crate) struct Elements<'env> {
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

    fn next_element(&mut self) -> Result<Option<Unknown<'env>>, Failure> {
        if self.index >= self.len {
            return Ok(None);
        }
        let element = self.array.get_element(self.index)?;
        self.index += 1;
        Ok(Some(element))
    }
}

impl<'env> Iterator for Elements<'env> {
    type Item = Result<JsValue<'env>, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        let element = self.next_element().transpose()?;
        Some(element.map(JsValue::of))
    }
}
