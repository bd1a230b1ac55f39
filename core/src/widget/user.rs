//! [`WidgetUser`]: who the logged-in user is, in the fields Chatwoot's `setUser` takes.
//!
//! The shape is the serde derive below and nothing else: bindings read it generically from
//! their host's values (see [`crate::from_host`]) and the payload is its serialization, so a
//! new field is one line here plus the typed stubs of each host.

use std::collections::BTreeMap;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::{Error, IdentifierHash, InputProblem, IntegerIdentifier, Signer};

/// The key JavaScript reads as an object's prototype (see [`WidgetUser::validate`]).
const PROTOTYPE_KEY: &str = "__proto__";

/// A number a custom attribute can carry: finite, as JSON requires.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FiniteNumber(f64);

impl FiniteNumber {
    /// `None` for NaN and the infinities, which JSON cannot carry.
    pub fn new(value: f64) -> Option<Self> {
        value.is_finite().then_some(FiniteNumber(value))
    }

    /// The number.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// A custom attribute value: Chatwoot stores text, numbers and booleans.
///
/// A null is refused with the attribute's path in every host (leave the key out to send
/// nothing), as are NaN and the infinities.
#[derive(Debug, Clone, PartialEq)]
pub enum AttributeValue {
    /// `true` or `false`.
    Boolean(bool),
    /// A whole number from -2^127 to 2^127-1, written with every digit (a browser reads one
    /// beyond 2^53 as the nearest double, as it reads any JSON number).
    Integer(i128),
    /// A number with a fraction.
    Number(FiniteNumber),
    /// Text.
    Text(String),
}

impl Serialize for AttributeValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AttributeValue::Boolean(value) => serializer.serialize_bool(*value),
            AttributeValue::Integer(value) => serializer.serialize_i128(*value),
            AttributeValue::Number(value) => serializer.serialize_f64(value.get()),
            AttributeValue::Text(value) => serializer.serialize_str(value),
        }
    }
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AttributeVisitor)
    }
}

struct AttributeVisitor;

impl Visitor<'_> for AttributeVisitor {
    type Value = AttributeValue;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("text, a boolean or a finite number")
    }

    fn visit_bool<E>(self, value: bool) -> Result<AttributeValue, E> {
        Ok(AttributeValue::Boolean(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<AttributeValue, E> {
        Ok(AttributeValue::Integer(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<AttributeValue, E> {
        Ok(AttributeValue::Integer(value.into()))
    }

    // Hosts with wide integers (JavaScript's BigInt, Python's int) hand them over whole.
    fn visit_i128<E>(self, value: i128) -> Result<AttributeValue, E> {
        Ok(AttributeValue::Integer(value))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<AttributeValue, E> {
        i128::try_from(value)
            .map(AttributeValue::Integer)
            .map_err(|_| E::custom("an integer beyond 128 bits; send it as text"))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<AttributeValue, E> {
        FiniteNumber::new(value)
            .map(AttributeValue::Number)
            .ok_or_else(|| {
                E::custom("a number that is not finite; JSON carries only finite numbers")
            })
    }

    fn visit_str<E>(self, value: &str) -> Result<AttributeValue, E> {
        Ok(AttributeValue::Text(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<AttributeValue, E> {
        Ok(AttributeValue::Text(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<AttributeValue, E> {
        Err(E::custom(
            "null is not a value Chatwoot stores; leave the key out to send nothing",
        ))
    }

    fn visit_none<E: de::Error>(self) -> Result<AttributeValue, E> {
        self.visit_unit()
    }
}

/// The logged-in user as the Chatwoot widget knows them.
///
/// `identifier` is required, and Chatwoot's SDK also requires at least one of `name`, `email`
/// and `avatar_url`. The other fields are shown to agents on the contact. Keys absent from the
/// input, and keys given as null, are not sent. Multi-word keys are read in snake_case or, for
/// JavaScript, camelCase (`avatar_url` or `avatarUrl`).
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
#[non_exhaustive]
pub struct WidgetUser {
    /// The identifier passed to `setUser` and hashed into `identifier_hash`. In structured
    /// input it may be text or an integer (which becomes its decimal text).
    #[serde(deserialize_with = "identifier_text", skip_serializing)]
    pub identifier: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// URL of the user's picture.
    #[serde(skip_serializing_if = "Option::is_none", alias = "avatarUrl")]
    pub avatar_url: Option<String>,
    /// Phone number, ideally in E.164 form.
    #[serde(skip_serializing_if = "Option::is_none", alias = "phoneNumber")]
    pub phone_number: Option<String>,
    /// Free text about the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Two-letter country code.
    #[serde(skip_serializing_if = "Option::is_none", alias = "countryCode")]
    pub country_code: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Company name.
    #[serde(skip_serializing_if = "Option::is_none", alias = "companyName")]
    pub company_name: Option<String>,
    /// Social profiles by network (`twitter`, `linkedin`, `facebook`, `github`, ...).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty",
        alias = "socialProfiles"
    )]
    pub social_profiles: BTreeMap<String, String>,
    /// Custom contact attributes.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty",
        alias = "customAttributes"
    )]
    pub custom_attributes: BTreeMap<String, AttributeValue>,
}

crate::input::maps_only!(WidgetUser, serialize);

/// A null optional field is an absent one, for maps and settings as for text fields.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

fn identifier_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct IdentifierVisitor;

    impl Visitor<'_> for IdentifierVisitor {
        type Value = String;

        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("text or an integer")
        }

        fn visit_str<E>(self, value: &str) -> Result<String, E> {
            Ok(value.to_owned())
        }

        fn visit_string<E>(self, value: String) -> Result<String, E> {
            Ok(value)
        }

        fn visit_i64<E>(self, value: i64) -> Result<String, E> {
            Ok(IntegerIdentifier::from(value).as_str().to_owned())
        }

        fn visit_u64<E>(self, value: u64) -> Result<String, E> {
            Ok(IntegerIdentifier::from(value).as_str().to_owned())
        }

        fn visit_i128<E>(self, value: i128) -> Result<String, E> {
            Ok(IntegerIdentifier::from(value).as_str().to_owned())
        }

        fn visit_u128<E>(self, value: u128) -> Result<String, E> {
            Ok(IntegerIdentifier::from(value).as_str().to_owned())
        }
    }

    deserializer.deserialize_any(IdentifierVisitor)
}

/// The second argument of `setUser`: every field that is set, with `identifier_hash`.
#[derive(Serialize)]
pub(crate) struct SignedAttributes<'a> {
    #[serde(flatten)]
    user: &'a WidgetUser,
    identifier_hash: IdentifierHash,
}

impl SignedAttributes<'_> {
    pub(crate) fn identifier_hash(&self) -> &str {
        self.identifier_hash.as_str()
    }
}

/// What a single-page or React Native app receives (see [`set_user_payload`]): the user's
/// fields with `identifier` and `identifier_hash`. Serialize it into a host's own values
/// (rustler's terms, pythonize's objects) where [`set_user_payload`] gives its JSON text: an
/// integer custom attribute keeps every digit there, as it does in the text.
#[derive(Serialize)]
pub struct UserPayload<'a> {
    identifier: &'a str,
    #[serde(flatten)]
    attributes: SignedAttributes<'a>,
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
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`] or [`Error::IncompleteUser`].
    pub fn validate(&self) -> Result<(), Error> {
        if self.identifier.is_empty() {
            return Err(Error::EmptyIdentifier);
        }
        let present = |field: &Option<String>| field.as_deref().is_some_and(|v| !v.is_empty());
        if !(present(&self.name) || present(&self.email) || present(&self.avatar_url)) {
            return Err(Error::IncompleteUser);
        }
        // The snippet hands the user to the browser as an object literal, where this key sets
        // the object's prototype instead of a field: it would vanish without a word.
        let maps = [
            (
                "custom_attributes",
                self.custom_attributes.contains_key(PROTOTYPE_KEY),
            ),
            (
                "social_profiles",
                self.social_profiles.contains_key(PROTOTYPE_KEY),
            ),
        ];
        if let Some((map, _)) = maps.iter().find(|(_, has)| *has) {
            return Err(Error::InvalidWidgetRequest {
                path: format!("user.{map}.{PROTOTYPE_KEY}"),
                problem: InputProblem::InvalidValue,
                detail: "a key the browser reads as the object's prototype, so Chatwoot would \
                         never receive it; name it otherwise"
                    .to_owned(),
            });
        }
        Ok(())
    }

    /// Validates the user and signs its identifier.
    pub(crate) fn signed(&self, signer: &Signer) -> Result<SignedAttributes<'_>, Error> {
        self.validate()?;
        Ok(SignedAttributes {
            user: self,
            identifier_hash: signer.identifier_hash(&self.identifier)?,
        })
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
/// [`Error::EmptyIdentifier`] or [`Error::IncompleteUser`].
pub fn set_user_payload(signer: &Signer, user: &WidgetUser) -> Result<String, Error> {
    let payload = user_payload(signer, user)?;
    Ok(serde_json::to_string(&payload).expect("the payload holds only JSON-safe values"))
}

/// [`set_user_payload`]'s object as a value to serialize, for a host that builds its own
/// objects from it.
///
/// # Errors
/// [`Error::EmptyIdentifier`] or [`Error::IncompleteUser`].
pub fn user_payload<'a>(signer: &Signer, user: &'a WidgetUser) -> Result<UserPayload<'a>, Error> {
    Ok(UserPayload {
        identifier: &user.identifier,
        attributes: user.signed(signer)?,
    })
}
