//! Ruby Hashes to the core's `WidgetUser` and `WidgetSettings`, and a secret-or-`Signer` to a
//! `Signer`. Only types are checked here: every rule on the values (a user needs a name, email
//! or avatar, a position is "left" or "right", ...) is the core's.
//!
//! Keys may be Symbols or Strings (`{name: ...}` or `{"name" => ...}`); an unknown key is an
//! `ArgumentError`, like an unknown keyword, so a typo does not silently drop a field.

use std::collections::BTreeMap;

use chatwoot_identity::{AttributeValue, Signer, WidgetSettings, WidgetUser};
use magnus::{
    Error, Float, Integer, RHash, RString, Ruby, Symbol, TryConvert, Value, prelude::*,
    r_hash::ForEach,
};

use crate::arguments::{self, Identifier, Parameter};
use crate::errors;
use crate::signer::RbSigner;

/// `hmac_secret`: a String (a Signer is made for this call) or a `ChatwootIdentity::Signer`
/// (its prepared key is reused: what a Rails app holds once per process).
pub fn signer(ruby: &Ruby, value: Value, parameter: &'static str) -> Result<Signer, Error> {
    if let Some(secret) = RString::from_value(value) {
        // SAFETY: the borrow ends with this call; no Ruby code runs during it.
        return unsafe { Signer::new(secret.as_slice()) }
            .map_err(|error| errors::to_ruby(ruby, error));
    }
    match <&RbSigner>::try_convert(value) {
        Ok(signer) => Ok(signer.0.clone()),
        Err(_) => Err(arguments::wrong_type(
            ruby,
            value,
            Parameter::Named(parameter),
            "a String or a ChatwootIdentity::Signer",
        )),
    }
}

const USER_KEYS: &str = "identifier, name, email, avatar_url, phone_number, description, \
                         country_code, city, company_name, social_profiles, custom_attributes";

/// The user Hash: `identifier` (String or Integer) is required, every other field is optional
/// and `nil` means absent.
pub fn user(ruby: &Ruby, value: Value) -> Result<WidgetUser, Error> {
    let hash = hash(ruby, value, "user")?;
    let mut user = WidgetUser::new(String::new());
    let mut has_identifier = false;
    hash.foreach(|key: Value, field: Value| {
        let key = key_name(ruby, key, "user")?;
        let parameter = || format!("user[:{key}]");
        let text = |slot: &mut Option<String>| -> Result<(), Error> {
            *slot = optional_text(ruby, field, &parameter())?;
            Ok(())
        };
        match key.as_str() {
            "identifier" => {
                user.identifier = identifier(ruby, field)?;
                has_identifier = true;
            }
            "name" => text(&mut user.name)?,
            "email" => text(&mut user.email)?,
            "avatar_url" => text(&mut user.avatar_url)?,
            "phone_number" => text(&mut user.phone_number)?,
            "description" => text(&mut user.description)?,
            "country_code" => text(&mut user.country_code)?,
            "city" => text(&mut user.city)?,
            "company_name" => text(&mut user.company_name)?,
            "social_profiles" => user.social_profiles = social_profiles(ruby, field)?,
            "custom_attributes" => user.custom_attributes = custom_attributes(ruby, field)?,
            _ => return Err(unknown_key(ruby, "user", &key, USER_KEYS)),
        }
        Ok(ForEach::Continue)
    })?;
    if !has_identifier {
        return Err(Error::new(
            ruby.exception_arg_error(),
            "user must have an :identifier (the logged-in user's stable id)",
        ));
    }
    Ok(user)
}

/// A String identifier must be text (the widget sends it as a JSON string); an Integer becomes
/// its decimal text through the core's `IntegerIdentifier`, as everywhere in the gem.
fn identifier(ruby: &Ruby, value: Value) -> Result<String, Error> {
    let parameter = Parameter::Named("user[:identifier]");
    match arguments::identifier(ruby, value, parameter)? {
        Identifier::Text(text) => utf8(ruby, text, "user[:identifier]"),
        Identifier::Integer(integer) => Ok(integer.as_str().to_owned()),
    }
}

fn social_profiles(ruby: &Ruby, value: Value) -> Result<BTreeMap<String, String>, Error> {
    let mut profiles = BTreeMap::new();
    if value.is_nil() {
        return Ok(profiles);
    }
    hash(ruby, value, "user[:social_profiles]")?.foreach(|key: Value, handle: Value| {
        let network = key_name(ruby, key, "user[:social_profiles]")?;
        let parameter = format!("user[:social_profiles][:{network}]");
        let handle = RString::from_value(handle)
            .ok_or_else(|| wrong_type(ruby, handle, &parameter, "a String"))?;
        profiles.insert(network, utf8(ruby, handle, &parameter)?);
        Ok(ForEach::Continue)
    })?;
    Ok(profiles)
}

fn custom_attributes(ruby: &Ruby, value: Value) -> Result<BTreeMap<String, AttributeValue>, Error> {
    let mut attributes = BTreeMap::new();
    if value.is_nil() {
        return Ok(attributes);
    }
    hash(ruby, value, "user[:custom_attributes]")?.foreach(|key: Value, field: Value| {
        let key = key_name(ruby, key, "user[:custom_attributes]")?;
        let parameter = format!("user[:custom_attributes][:{key}]");
        let attribute = attribute_value(ruby, field, &parameter)?;
        attributes.insert(key, attribute);
        Ok(ForEach::Continue)
    })?;
    Ok(attributes)
}

/// true/false, an Integer (within 64 bits, what Chatwoot stores), a Float (the core rejects
/// NaN and infinities) or a String.
fn attribute_value(ruby: &Ruby, value: Value, parameter: &str) -> Result<AttributeValue, Error> {
    if let Some(flag) = flag(ruby, value) {
        return Ok(AttributeValue::Boolean(flag));
    }
    if let Some(integer) = Integer::from_value(value) {
        return integer.to_i64().map(AttributeValue::Integer).map_err(|_| {
            Error::new(
                ruby.exception_range_error(),
                format!("{parameter} is out of range: Integer attributes must fit in 64 bits"),
            )
        });
    }
    if let Some(number) = Float::from_value(value) {
        return Ok(AttributeValue::Number(number.to_f64()));
    }
    if let Some(text) = RString::from_value(value) {
        return utf8(ruby, text, parameter).map(AttributeValue::Text);
    }
    Err(wrong_type(
        ruby,
        value,
        parameter,
        "true, false, an Integer, a Float or a String",
    ))
}

const SETTING_KEYS: &str = "locale, use_browser_language, position, type, launcher_title, \
                            hide_message_bubble, show_unread_messages_dialog, \
                            show_popout_button, dark_mode, base_domain";

/// `settings:`, Chatwoot's `window.chatwootSettings` in snake_case; `nil` values are unset.
/// Choices (`position`, `type`, `dark_mode`) may be Symbols or Strings; the core parses them.
pub fn settings(ruby: &Ruby, value: Value) -> Result<WidgetSettings, Error> {
    let mut settings = WidgetSettings::default();
    if value.is_nil() {
        return Ok(settings);
    }
    hash(ruby, value, "settings")?.foreach(|key: Value, field: Value| {
        let key = key_name(ruby, key, "settings")?;
        let parameter = format!("settings[:{key}]");
        let core = |error| errors::to_ruby(ruby, error);
        match key.as_str() {
            "locale" => settings.locale = optional_text(ruby, field, &parameter)?,
            "launcher_title" => settings.launcher_title = optional_text(ruby, field, &parameter)?,
            "base_domain" => settings.base_domain = optional_text(ruby, field, &parameter)?,
            "use_browser_language" => {
                settings.use_browser_language = optional_flag(ruby, field, &parameter)?;
            }
            "hide_message_bubble" => {
                settings.hide_message_bubble = optional_flag(ruby, field, &parameter)?;
            }
            "show_unread_messages_dialog" => {
                settings.show_unread_messages_dialog = optional_flag(ruby, field, &parameter)?;
            }
            "show_popout_button" => {
                settings.show_popout_button = optional_flag(ruby, field, &parameter)?;
            }
            "position" => {
                settings.position = optional_choice(ruby, field, &parameter)?
                    .map(|choice| choice.parse())
                    .transpose()
                    .map_err(core)?;
            }
            "type" => {
                settings.widget_type = optional_choice(ruby, field, &parameter)?
                    .map(|choice| choice.parse())
                    .transpose()
                    .map_err(core)?;
            }
            "dark_mode" => {
                settings.dark_mode = optional_choice(ruby, field, &parameter)?
                    .map(|choice| choice.parse())
                    .transpose()
                    .map_err(core)?;
            }
            _ => return Err(unknown_key(ruby, "settings", &key, SETTING_KEYS)),
        }
        Ok(ForEach::Continue)
    })?;
    Ok(settings)
}

/// An optional text argument (`nonce:`): nil or a String.
pub fn optional_text(ruby: &Ruby, value: Value, parameter: &str) -> Result<Option<String>, Error> {
    if value.is_nil() {
        return Ok(None);
    }
    let text =
        RString::from_value(value).ok_or_else(|| wrong_type(ruby, value, parameter, "a String"))?;
    utf8(ruby, text, parameter).map(Some)
}

/// A required text argument (`base_url:`, `website_token:`).
pub fn text(ruby: &Ruby, value: Value, parameter: &str) -> Result<String, Error> {
    let text =
        RString::from_value(value).ok_or_else(|| wrong_type(ruby, value, parameter, "a String"))?;
    utf8(ruby, text, parameter)
}

fn optional_flag(ruby: &Ruby, value: Value, parameter: &str) -> Result<Option<bool>, Error> {
    if value.is_nil() {
        return Ok(None);
    }
    flag(ruby, value)
        .map(Some)
        .ok_or_else(|| wrong_type(ruby, value, parameter, "true, false or nil"))
}

/// `true` or `false` only: a truthy `1` or `"yes"` is more likely a mistake than a choice.
fn flag(ruby: &Ruby, value: Value) -> Option<bool> {
    if value.is_kind_of(ruby.class_true_class()) {
        Some(true)
    } else if value.is_kind_of(ruby.class_false_class()) {
        Some(false)
    } else {
        None
    }
}

fn optional_choice(ruby: &Ruby, value: Value, parameter: &str) -> Result<Option<String>, Error> {
    if let Some(symbol) = Symbol::from_value(value) {
        return Ok(Some(symbol.name()?.into_owned()));
    }
    if value.is_nil() || RString::from_value(value).is_some() {
        return optional_text(ruby, value, parameter);
    }
    Err(wrong_type(
        ruby,
        value,
        parameter,
        "a Symbol, a String or nil",
    ))
}

fn hash(ruby: &Ruby, value: Value, parameter: &str) -> Result<RHash, Error> {
    RHash::from_value(value).ok_or_else(|| wrong_type(ruby, value, parameter, "a Hash"))
}

fn key_name(ruby: &Ruby, key: Value, parameter: &str) -> Result<String, Error> {
    if let Some(symbol) = Symbol::from_value(key) {
        return Ok(symbol.name()?.into_owned());
    }
    match RString::from_value(key) {
        Some(text) => utf8(ruby, text, &format!("a key of {parameter}")),
        None => Err(wrong_type(
            ruby,
            key,
            &format!("a key of {parameter}"),
            "a Symbol or a String",
        )),
    }
}

/// The text the widget receives is UTF-8 (JSON); a String in another encoding is transcoded,
/// and one that cannot be (invalid bytes) is refused rather than mangled.
fn utf8(ruby: &Ruby, text: RString, parameter: &str) -> Result<String, Error> {
    text.to_string().map_err(|_| {
        Error::new(
            ruby.exception_arg_error(),
            format!("{parameter} must be valid UTF-8 text"),
        )
    })
}

fn wrong_type(ruby: &Ruby, value: Value, parameter: &str, expected: &str) -> Error {
    arguments::wrong_type(ruby, value, parameter, expected)
}

fn unknown_key(ruby: &Ruby, parameter: &str, key: &str, known: &str) -> Error {
    Error::new(
        ruby.exception_arg_error(),
        format!("{parameter} has an unknown key :{key} (known keys: {known})"),
    )
}
