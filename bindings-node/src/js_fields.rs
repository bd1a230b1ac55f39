//! Plain JavaScript objects read field by field (`{ baseUrl, settings: {...}, user: {...} }`):
//! each field checked for its type, and any field the package does not know refused, so a
//! misspelt `avatar_url` or `darkmode` fails loudly instead of being dropped.

use napi::sys;

use crate::errors;

/// A JavaScript object argument, with the name errors use for it (`user`, `settings`, ...).
pub(crate) struct Fields<'name> {
    env: sys::napi_env,
    object: sys::napi_value,
    name: &'name str,
}

/// A field's value; `None` when it is `undefined` or `null`.
pub(crate) type Present = Option<sys::napi_value>;

impl<'name> Fields<'name> {
    /// Reads `value` as a plain object whose own keys are all in `allowed` (with `allowed`
    /// empty, any key: a map such as `customAttributes`).
    ///
    /// # Safety
    /// `env` and `value` must come from the current napi call.
    pub(crate) unsafe fn read(
        env: sys::napi_env,
        value: sys::napi_value,
        name: &'name str,
        allowed: &[&str],
    ) -> napi::Result<Self> {
        // SAFETY: forwarded from the caller.
        if unsafe { type_of(env, value)? } != sys::ValueType::napi_object
            || unsafe { is_array(env, value)? }
        {
            return Err(errors::wrong_type(env, name, "an object"));
        }
        let fields = Fields {
            env,
            object: value,
            name,
        };
        if !allowed.is_empty() {
            for key in fields.keys()? {
                if !allowed.contains(&key.as_str()) {
                    return Err(errors::unknown_field(env, name, &key, allowed));
                }
            }
        }
        Ok(fields)
    }

    /// `name.key`, for error messages.
    pub(crate) fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.name)
    }

    /// The object's own enumerable string keys, in JavaScript's order.
    pub(crate) fn keys(&self) -> napi::Result<Vec<String>> {
        self.key_values()?
            .into_iter()
            // SAFETY: the keys were just read in this call, and are strings.
            .map(|key| unsafe { string(self.env, key) })
            .collect()
    }

    /// Every own enumerable string key with its value (`None` for `undefined` and `null`),
    /// for maps whose keys are data (they may hold any character, NUL included).
    pub(crate) fn entries(&self) -> napi::Result<Vec<(String, Present)>> {
        self.key_values()?
            .into_iter()
            .map(|key| {
                let mut value = std::ptr::null_mut();
                // SAFETY: `self.object` is an object of this call and `key` one of its keys.
                errors::check(unsafe {
                    sys::napi_get_property(self.env, self.object, key, &mut value)
                })?;
                // SAFETY: as above.
                Ok((unsafe { string(self.env, key)? }, unsafe {
                    present(self.env, value)?
                }))
            })
            .collect()
    }

    fn key_values(&self) -> napi::Result<Vec<sys::napi_value>> {
        let mut names = std::ptr::null_mut();
        // SAFETY: `self.object` is an object of this call.
        errors::check(unsafe {
            sys::napi_get_all_property_names(
                self.env,
                self.object,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut names,
            )
        })?;
        let mut len = 0;
        // SAFETY: napi returned an array.
        errors::check(unsafe { sys::napi_get_array_length(self.env, names, &mut len) })?;
        (0..len)
            .map(|index| {
                let mut key = std::ptr::null_mut();
                // SAFETY: `index` is below the array's length.
                errors::check(unsafe { sys::napi_get_element(self.env, names, index, &mut key) })?;
                Ok(key)
            })
            .collect()
    }

    /// The value of `key`, or `None` when it is `undefined` or `null`.
    pub(crate) fn get(&self, key: &str) -> napi::Result<Present> {
        let mut value = std::ptr::null_mut();
        // Only the package's own field names come here, never data: they hold no NUL.
        let key_text = std::ffi::CString::new(key).expect("field names hold no NUL");
        // SAFETY: `self.object` is an object of this call; `key_text` is NUL-terminated.
        errors::check(unsafe {
            sys::napi_get_named_property(self.env, self.object, key_text.as_ptr(), &mut value)
        })?;
        // SAFETY: `value` was just read in this call.
        unsafe { present(self.env, value) }
    }

    /// A text field.
    pub(crate) fn text(&self, key: &str) -> napi::Result<Option<String>> {
        match self.get(key)? {
            // SAFETY: the value comes from this call.
            Some(value) => unsafe { text(self.env, value, &self.path(key)) }.map(Some),
            None => Ok(None),
        }
    }

    /// A boolean field.
    pub(crate) fn flag(&self, key: &str) -> napi::Result<Option<bool>> {
        let Some(value) = self.get(key)? else {
            return Ok(None);
        };
        // SAFETY: the value comes from this call.
        if unsafe { type_of(self.env, value)? } != sys::ValueType::napi_boolean {
            return Err(errors::wrong_type(self.env, self.path(key), "a boolean"));
        }
        let mut flag = false;
        // SAFETY: `value` is a boolean.
        errors::check(unsafe { sys::napi_get_value_bool(self.env, value, &mut flag) })?;
        Ok(Some(flag))
    }
}

/// `value` as a `String`; `param` names it in the `TypeError` when it is not a string.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
pub(crate) unsafe fn text(
    env: sys::napi_env,
    value: sys::napi_value,
    param: &str,
) -> napi::Result<String> {
    // SAFETY: forwarded from the caller.
    if unsafe { type_of(env, value)? } != sys::ValueType::napi_string {
        return Err(errors::wrong_type(env, param, "a string"));
    }
    // SAFETY: `value` is a string.
    unsafe { string(env, value) }
}

/// # Safety
/// `env` and `value` must come from the current napi call.
pub(crate) unsafe fn type_of(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<sys::napi_valuetype> {
    let mut kind = 0;
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_typeof(env, value, &mut kind) })?;
    Ok(kind)
}

/// `None` for `undefined` and `null`.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
pub(crate) unsafe fn present(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Present> {
    // SAFETY: forwarded from the caller.
    Ok(match unsafe { type_of(env, value)? } {
        sys::ValueType::napi_undefined | sys::ValueType::napi_null => None,
        _ => Some(value),
    })
}

unsafe fn is_array(env: sys::napi_env, value: sys::napi_value) -> napi::Result<bool> {
    let mut array = false;
    // SAFETY: forwarded from the caller.
    errors::check(unsafe { sys::napi_is_array(env, value, &mut array) })?;
    Ok(array)
}

/// A JavaScript string as UTF-8 (lone surrogates become U+FFFD, as in `Buffer.from`).
unsafe fn string(env: sys::napi_env, value: sys::napi_value) -> napi::Result<String> {
    let mut len = 0;
    // SAFETY: a null buffer asks Node for the UTF-8 length only.
    errors::check(unsafe {
        sys::napi_get_value_string_utf8(env, value, std::ptr::null_mut(), 0, &mut len)
    })?;
    let mut bytes = vec![0u8; len + 1];
    // SAFETY: `bytes` has room for the text and the NUL Node appends.
    errors::check(unsafe {
        sys::napi_get_value_string_utf8(
            env,
            value,
            bytes.as_mut_ptr().cast(),
            bytes.len(),
            &mut len,
        )
    })?;
    bytes.truncate(len);
    // Node writes valid UTF-8; the check is cheap insurance against an engine surprise.
    String::from_utf8(bytes).map_err(|_| napi::Error::from_reason("a string was not valid UTF-8"))
}
