//! [`WidgetUser`]: who the logged-in user is, in the fields Chatwoot's `setUser` takes.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::{Error, IntegerIdentifier, Signer};

/// A custom attribute value: Chatwoot stores text, numbers and booleans.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum AttributeValue {
    /// `true` or `false`.
    Boolean(bool),
    /// A whole number.
    Integer(i64),
    /// A number with a fraction; it must be finite.
    Number(f64),
    /// Text.
    Text(String),
}

impl AttributeValue {
    fn to_json(&self, key: &str) -> Result<Value, Error> {
        Ok(match self {
            AttributeValue::Boolean(value) => Value::Bool(*value),
            AttributeValue::Integer(value) => Value::from(*value),
            AttributeValue::Number(value) => serde_json::Number::from_f64(*value)
                .map(Value::Number)
                .ok_or_else(|| Error::InvalidCustomAttribute {
                    key: key.to_owned(),
                })?,
            AttributeValue::Text(value) => Value::String(value.clone()),
        })
    }
}

/// The logged-in user as the Chatwoot widget knows them.
///
/// `identifier` is required, and Chatwoot's SDK also requires at least one of `name`, `email`
/// and `avatar_url`. The other fields are shown to agents on the contact.
///
/// ```
/// use chatwoot_identity::{Signer, WidgetUser, set_user_payload};
///
/// let mut user = WidgetUser::new("user-42");
/// user.name = Some("Jane Doe".into());
/// user.email = Some("jane@example.com".into());
/// let signer = Signer::new("your-secret-token-for-hmac")?;
/// let payload: serde_json::Value = serde_json::from_str(&set_user_payload(&signer, &user)?).unwrap();
/// assert_eq!(payload["identifier"], "user-42");
/// assert_eq!(payload["identifier_hash"], signer.identifier_hash("user-42")?.as_str());
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct WidgetUser {
    /// The identifier passed to `setUser` and hashed into `identifier_hash`. In JSON input it
    /// may be a string or an integer (which becomes its decimal text).
    #[serde(deserialize_with = "identifier_text")]
    pub identifier: String,
    /// Display name.
    pub name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// URL of the user's picture.
    pub avatar_url: Option<String>,
    /// Phone number, ideally in E.164 form.
    pub phone_number: Option<String>,
    /// Free text about the user.
    pub description: Option<String>,
    /// Two-letter country code.
    pub country_code: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Company name.
    pub company_name: Option<String>,
    /// Social profiles by network (`twitter`, `linkedin`, `facebook`, `github`, ...).
    #[serde(default)]
    pub social_profiles: BTreeMap<String, String>,
    /// Custom contact attributes.
    #[serde(default)]
    pub custom_attributes: BTreeMap<String, AttributeValue>,
}

fn identifier_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrInteger {
        Text(String),
        Signed(i64),
        Unsigned(u64),
    }
    Ok(match TextOrInteger::deserialize(deserializer)? {
        TextOrInteger::Text(text) => text,
        TextOrInteger::Signed(n) => IntegerIdentifier::from(n).as_str().to_owned(),
        TextOrInteger::Unsigned(n) => IntegerIdentifier::from(n).as_str().to_owned(),
    })
}

impl WidgetUser {
    /// A user with just an identifier; set at least one of name, email or avatar_url.
    pub fn new(identifier: impl Into<String>) -> Self {
        WidgetUser {
            identifier: identifier.into(),
            ..WidgetUser::default()
        }
    }

    /// Checks what Chatwoot's SDK checks, before anything is signed or rendered.
    pub fn validate(&self) -> Result<(), Error> {
        if self.identifier.is_empty() {
            return Err(Error::EmptyIdentifier);
        }
        let present = |field: &Option<String>| field.as_deref().is_some_and(|v| !v.is_empty());
        if !(present(&self.name) || present(&self.email) || present(&self.avatar_url)) {
            return Err(Error::IncompleteUser);
        }
        Ok(())
    }

    /// The second argument of `setUser`: every field that is set, with `identifier_hash`.
    pub(crate) fn attributes(&self, signer: &Signer) -> Result<Map<String, Value>, Error> {
        self.validate()?;
        let mut attributes = Map::new();
        let hash = signer.identifier_hash(&self.identifier)?;
        attributes.insert(
            "identifier_hash".into(),
            Value::String(hash.as_str().into()),
        );
        let text_fields = [
            ("name", &self.name),
            ("email", &self.email),
            ("avatar_url", &self.avatar_url),
            ("phone_number", &self.phone_number),
            ("description", &self.description),
            ("country_code", &self.country_code),
            ("city", &self.city),
            ("company_name", &self.company_name),
        ];
        for (key, value) in text_fields {
            if let Some(value) = value {
                attributes.insert(key.into(), Value::String(value.clone()));
            }
        }
        if !self.social_profiles.is_empty() {
            let profiles = self
                .social_profiles
                .iter()
                .map(|(network, handle)| (network.clone(), Value::String(handle.clone())))
                .collect();
            attributes.insert("social_profiles".into(), Value::Object(profiles));
        }
        if !self.custom_attributes.is_empty() {
            let mut custom = Map::new();
            for (key, value) in &self.custom_attributes {
                custom.insert(key.clone(), value.to_json(key)?);
            }
            attributes.insert("custom_attributes".into(), Value::Object(custom));
        }
        Ok(attributes)
    }
}

/// The JSON object a server hands to a single-page app or a React Native app: the user's fields
/// with `identifier` (always a JSON string: a JavaScript number above 2^53 would lose digits)
/// and `identifier_hash` filled in.
///
/// A web app passes it as `window.$chatwoot.setUser(payload.identifier, payload)`; the React
/// Native widget takes it as its `user` prop.
///
/// # Errors
/// [`Error::EmptyIdentifier`], [`Error::IncompleteUser`], [`Error::InvalidCustomAttribute`].
pub fn set_user_payload(signer: &Signer, user: &WidgetUser) -> Result<String, Error> {
    let mut payload = user.attributes(signer)?;
    payload.insert("identifier".into(), Value::String(user.identifier.clone()));
    Ok(Value::Object(payload).to_string())
}
