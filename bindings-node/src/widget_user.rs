//! A JavaScript user object (`{ identifier, name, email, avatarUrl, ..., customAttributes }`,
//! camelCase like the rest of the package) as the core's `WidgetUser`.

use chatwoot_identity::{AttributeValue, WidgetUser};
use napi::sys;

use crate::argument::{self, ArgBytes, Param, Scratch};
use crate::errors;
use crate::js_fields::{self, Fields};

const USER_FIELDS: &[&str] = &[
    "identifier",
    "name",
    "email",
    "avatarUrl",
    "phoneNumber",
    "description",
    "countryCode",
    "city",
    "companyName",
    "socialProfiles",
    "customAttributes",
];

const USER_IDENTIFIER: Param = Param::Named("user.identifier");

/// Largest integer a JavaScript `number` holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Reads `value` as a widget user. Shapes and types are checked here; what Chatwoot requires
/// of the values (an identifier, one of name/email/avatarUrl, finite numbers) the core checks.
///
/// # Safety
/// `env` and `value` must come from the current napi call.
pub(crate) unsafe fn read(env: sys::napi_env, value: sys::napi_value) -> napi::Result<WidgetUser> {
    // SAFETY: forwarded from the caller.
    let fields = unsafe { Fields::read(env, value, "user", USER_FIELDS)? };
    // SAFETY: as above.
    let mut user = WidgetUser::new(unsafe { identifier(env, fields.get("identifier")?)? });
    user.name = fields.text("name")?;
    user.email = fields.text("email")?;
    user.avatar_url = fields.text("avatarUrl")?;
    user.phone_number = fields.text("phoneNumber")?;
    user.description = fields.text("description")?;
    user.country_code = fields.text("countryCode")?;
    user.city = fields.text("city")?;
    user.company_name = fields.text("companyName")?;
    if let Some(profiles) = fields.get("socialProfiles")? {
        // SAFETY: as above.
        let profiles = unsafe { Fields::read(env, profiles, "user.socialProfiles", &[])? };
        for (network, handle) in profiles.entries()? {
            if let Some(handle) = handle {
                // SAFETY: as above.
                let handle = unsafe { js_fields::text(env, handle, &profiles.path(&network))? };
                user.social_profiles.insert(network, handle);
            }
        }
    }
    if let Some(attributes) = fields.get("customAttributes")? {
        // SAFETY: as above.
        let attributes = unsafe { Fields::read(env, attributes, "user.customAttributes", &[])? };
        for (key, value) in attributes.entries()? {
            let Some(value) = value else {
                continue;
            };
            // SAFETY: as above.
            let value = unsafe { attribute(env, value, &attributes.path(&key))? };
            user.custom_attributes.insert(key, value);
        }
    }
    Ok(user)
}

/// The identifier as text: a string, or a safe integer or bigint in the core's decimal form.
/// Bytes are refused here: `setUser` takes text.
unsafe fn identifier(env: sys::napi_env, value: Option<sys::napi_value>) -> napi::Result<String> {
    const EXPECTED: &str = "a string, safe integer (Number.isSafeInteger) or bigint";
    let Some(value) = value else {
        return Err(errors::wrong_type(env, USER_IDENTIFIER, EXPECTED));
    };
    // SAFETY: forwarded from the caller.
    match unsafe { js_fields::type_of(env, value)? } {
        sys::ValueType::napi_string => unsafe { js_fields::text(env, value, "user.identifier") },
        sys::ValueType::napi_number | sys::ValueType::napi_bigint => {
            let mut scratch = Scratch::new();
            // SAFETY: forwarded from the caller.
            match unsafe { argument::identifier(env, value, USER_IDENTIFIER, &mut scratch)? } {
                ArgBytes::Integer(integer) => Ok(integer.as_str().to_owned()),
                ArgBytes::Borrowed(_) | ArgBytes::Owned(_) => {
                    Err(errors::wrong_type(env, USER_IDENTIFIER, EXPECTED))
                }
            }
        }
        _ => Err(errors::wrong_type(env, USER_IDENTIFIER, EXPECTED)),
    }
}

/// A custom attribute: text, a boolean, or a number. A JavaScript number that is a safe
/// integer is sent as an integer (`3`, not `3.0`); a bigint must fit in 64 bits.
unsafe fn attribute(
    env: sys::napi_env,
    value: sys::napi_value,
    param: &str,
) -> napi::Result<AttributeValue> {
    // SAFETY: forwarded from the caller.
    match unsafe { js_fields::type_of(env, value)? } {
        sys::ValueType::napi_string => {
            // SAFETY: as above.
            unsafe { js_fields::text(env, value, param) }.map(AttributeValue::Text)
        }
        sys::ValueType::napi_boolean => {
            let mut flag = false;
            // SAFETY: `value` is a boolean.
            errors::check(unsafe { sys::napi_get_value_bool(env, value, &mut flag) })?;
            Ok(AttributeValue::Boolean(flag))
        }
        sys::ValueType::napi_number => {
            let mut number = 0.0;
            // SAFETY: `value` is a number.
            errors::check(unsafe { sys::napi_get_value_double(env, value, &mut number) })?;
            let is_safe_integer = number.trunc() == number && number.abs() <= MAX_SAFE_INTEGER;
            Ok(if is_safe_integer {
                AttributeValue::Integer(number as i64)
            } else {
                // NaN and the infinities go on to the core, which refuses them by name.
                AttributeValue::Number(number)
            })
        }
        sys::ValueType::napi_bigint => {
            let (mut integer, mut lossless) = (0i64, false);
            // SAFETY: `value` is a bigint.
            errors::check(unsafe {
                sys::napi_get_value_bigint_int64(env, value, &mut integer, &mut lossless)
            })?;
            if !lossless {
                return Err(errors::out_of_range(
                    env,
                    param,
                    "between -(2n ** 63n) and 2n ** 63n - 1n when it is a bigint",
                ));
            }
            Ok(AttributeValue::Integer(integer))
        }
        _ => Err(errors::wrong_type(
            env,
            param,
            "a string, boolean, number or bigint",
        )),
    }
}
