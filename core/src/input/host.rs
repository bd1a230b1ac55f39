//! One serde `Deserializer` over any host's values, so a binding says only what kind each of
//! its values is ([`HostValue`]) and every host reads the core's shapes by the same rules.
//!
//! The rules: a value is read by its own kind (serde's `deserialize_any`), never by the type
//! the shape asks for, so `"yes"` is not a boolean and a number where text belongs meets
//! serde's standard "invalid type" error, which [`from_host`](crate::from_host) names with
//! its path; null is an absent option; the core's enums are unit variants written as text;
//! map keys are text (an integer key is refused, not taken as a field's index); nesting stops
//! at [`MAX_DEPTH`]; an error the host raises while its value is read (a getter that throws, a
//! mapping whose `items()` raises) is passed through as it is.

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

/// Deeper than any of the core's shapes (a request's custom attribute is at depth 3); the
/// limit keeps a hostile, deeply nested input from exhausting the calling thread's stack.
pub const MAX_DEPTH: usize = 32;

/// What a host's value is, as far as the core's shapes care.
pub enum Kind<'a, H: HostValue> {
    /// `None`, `nil`, `null`, `undefined`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer that fits `i128` (a host gives a non-negative one as either variant).
    Signed(i128),
    /// A non-negative integer up to `u128`.
    Unsigned(u128),
    /// A floating-point number.
    Float(f64),
    /// Text, borrowed from the value when the host keeps it as UTF-8.
    Text(Cow<'a, str>),
    /// A list's items, in order.
    List(H::Items),
    /// A map's entries (key, value), in the host's order.
    Map(H::Entries),
    /// Anything else (bytes, a date, a class instance, a tuple...), named by its type for the
    /// message: `invalid type: Date, expected a string`.
    Unsupported(Cow<'a, str>),
}

/// A host's value, as a binding describes it to the core.
pub trait HostValue: Sized {
    /// The binding's error; serde's messages in it are what the core classifies.
    type Error: de::Error;
    /// The items of a list.
    type Items: Iterator<Item = Result<Self, Self::Error>>;
    /// The entries of a map.
    type Entries: Iterator<Item = Result<(Self, Self), Self::Error>>;
    /// What a map key must be, in the host's words, for the message when one is not text.
    const KEY: &'static str;

    /// This value's kind.
    ///
    /// # Errors
    /// A value the host cannot read (text that is not UTF-8, an integer beyond 128 bits), or
    /// an error the host raised.
    fn kind(&self) -> Result<Kind<'_, Self>, Self::Error>;

    /// Whether the value is null: an absent option. (Cheaper than [`HostValue::kind`], which
    /// may start iterating a map.)
    fn is_null(&self) -> bool;

    /// This value's kind where the shape wants a map (a struct or a map): a host with another
    /// spelling of a map (Elixir's keyword lists) answers [`Kind::Map`] for it.
    ///
    /// # Errors
    /// As [`HostValue::kind`].
    fn kind_as_map(&self) -> Result<Kind<'_, Self>, Self::Error> {
        self.kind()
    }

    /// This value's kind as a map key: a host whose keys may be of another type that stands
    /// for text (Elixir's atoms) answers [`Kind::Text`] for it.
    ///
    /// # Errors
    /// As [`HostValue::kind`].
    fn kind_as_key(&self) -> Result<Kind<'_, Self>, Self::Error> {
        self.kind()
    }
}

/// The error of a host that has none of its own to carry: serde's message, which
/// [`from_host`](crate::from_host) classifies.
#[derive(Debug)]
pub struct HostError(String);

impl core::fmt::Display for HostError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HostError {}

impl de::Error for HostError {
    fn custom<T: core::fmt::Display>(message: T) -> Self {
        HostError(message.to_string())
    }
}

/// The serde `Deserializer` over a host's value, for [`from_host`](crate::from_host).
pub struct HostDeserializer<H> {
    value: H,
    depth: usize,
}

impl<H: HostValue> HostDeserializer<H> {
    /// The deserializer over a whole input (a parameter's value, or a whole request).
    pub fn new(value: H) -> Self {
        HostDeserializer { value, depth: 0 }
    }

    fn visit<'de, W: Visitor<'de>>(
        depth: usize,
        kind: Kind<'_, H>,
        visitor: W,
    ) -> Result<W::Value, H::Error> {
        match kind {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(value) => visitor.visit_bool(value),
            Kind::Signed(n) => match i64::try_from(n) {
                Ok(n) => visitor.visit_i64(n),
                Err(_) => visitor.visit_i128(n),
            },
            Kind::Unsigned(n) => match u64::try_from(n) {
                Ok(n) => visitor.visit_u64(n),
                Err(_) => visitor.visit_u128(n),
            },
            Kind::Float(n) => visitor.visit_f64(n),
            Kind::Text(Cow::Borrowed(text)) => visitor.visit_str(text),
            Kind::Text(Cow::Owned(text)) => visitor.visit_string(text),
            Kind::List(items) => visitor.visit_seq(Items::<H> {
                items,
                depth: nested(depth)?,
            }),
            Kind::Map(entries) => visitor.visit_map(Entries::<H> {
                entries,
                value: None,
                depth: nested(depth)?,
            }),
            Kind::Unsupported(name) => {
                Err(de::Error::invalid_type(Unexpected::Other(&name), &visitor))
            }
        }
    }
}

/// The depth of a list's or a map's contents, refused past [`MAX_DEPTH`].
fn nested<E: de::Error>(depth: usize) -> Result<usize, E> {
    if depth >= MAX_DEPTH {
        return Err(E::custom(format_args!(
            "nested more than {MAX_DEPTH} levels deep"
        )));
    }
    Ok(depth + 1)
}

impl<'de, H: HostValue> de::Deserializer<'de> for HostDeserializer<H> {
    type Error = H::Error;

    fn deserialize_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, H::Error> {
        Self::visit(self.depth, self.value.kind()?, visitor)
    }

    fn deserialize_option<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, H::Error> {
        if self.value.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<W: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: W,
    ) -> Result<W::Value, H::Error> {
        visitor.visit_newtype_struct(self)
    }

    /// The core's enums are unit variants written as text (`"left"`).
    fn deserialize_enum<W: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, H::Error> {
        match self.value.kind()? {
            Kind::Text(text) => visitor.visit_enum(text.into_deserializer()),
            other => Self::visit(self.depth, other, visitor),
        }
    }

    fn deserialize_map<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, H::Error> {
        Self::visit(self.depth, self.value.kind_as_map()?, visitor)
    }

    fn deserialize_struct<W: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: W,
    ) -> Result<W::Value, H::Error> {
        self.deserialize_map(visitor)
    }

    /// A value the shape skips is not read at all, so it cannot fail or nest.
    fn deserialize_ignored_any<W: Visitor<'de>>(self, visitor: W) -> Result<W::Value, H::Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct identifier
    }
}

struct Items<H: HostValue> {
    items: H::Items,
    depth: usize,
}

impl<'de, H: HostValue> de::SeqAccess<'de> for Items<H> {
    type Error = H::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, H::Error> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let value = HostDeserializer {
            value: item?,
            depth: self.depth,
        };
        seed.deserialize(value).map(Some)
    }
}

struct Entries<H: HostValue> {
    entries: H::Entries,
    value: Option<H>,
    depth: usize,
}

impl<'de, H: HostValue> de::MapAccess<'de> for Entries<H> {
    type Error = H::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, H::Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        let (key, value) = entry?;
        let key = match key.kind_as_key()? {
            Kind::Text(text) => seed.deserialize(text.into_deserializer())?,
            other => return Err(de::Error::invalid_type(unexpected(&other), &H::KEY)),
        };
        self.value = Some(value);
        Ok(Some(key))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, H::Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value without its key"))?;
        seed.deserialize(HostDeserializer {
            value,
            depth: self.depth,
        })
    }
}

/// The kind of a key that is not text, in serde's words (the core keeps only the kind).
fn unexpected<'a, H: HostValue>(kind: &'a Kind<'_, H>) -> Unexpected<'a> {
    match kind {
        Kind::Null => Unexpected::Unit,
        Kind::Bool(value) => Unexpected::Bool(*value),
        Kind::Signed(_) | Kind::Unsigned(_) => Unexpected::Other("integer"),
        Kind::Float(_) => Unexpected::Other("floating point"),
        Kind::Text(_) => Unexpected::Other("string"),
        Kind::List(_) => Unexpected::Seq,
        Kind::Map(_) => Unexpected::Map,
        Kind::Unsupported(name) => Unexpected::Other(name),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::rc::Rc;

    use serde::Deserialize;

    use super::*;
    use crate::input::tests::request_error_parts;
    use crate::{Error, InputProblem, WidgetRequest, WidgetSettings, WidgetUser, from_host};

    /// A tiny host: its values are built in the test, and `Fails` stands for a host error
    /// raised while its container is read.
    #[derive(Clone, Debug)]
    enum Toy {
        Null,
        Bool(bool),
        Int(i128),
        Float(f64),
        Text(&'static str),
        // Shared, so that reading a deep value does not copy it level by level.
        List(Rc<[Toy]>),
        Map(Rc<[(Toy, Toy)]>),
        Date,
        Fails,
    }

    type Results<T> = std::vec::IntoIter<Result<T, HostError>>;

    impl HostValue for Toy {
        type Error = HostError;
        type Items = Results<Toy>;
        type Entries = Results<(Toy, Toy)>;
        const KEY: &'static str = "a text key";

        fn kind(&self) -> Result<Kind<'_, Toy>, HostError> {
            Ok(match self {
                Toy::Null => Kind::Null,
                Toy::Bool(value) => Kind::Bool(*value),
                Toy::Int(n) => Kind::Signed(*n),
                Toy::Float(n) => Kind::Float(*n),
                Toy::Text(text) => Kind::Text(Cow::Borrowed(text)),
                Toy::List(items) => Kind::List(
                    items
                        .iter()
                        .cloned()
                        .map(Ok)
                        .collect::<Vec<_>>()
                        .into_iter(),
                ),
                Toy::Map(entries) => Kind::Map(
                    entries
                        .iter()
                        .cloned()
                        .map(Ok)
                        .collect::<Vec<_>>()
                        .into_iter(),
                ),
                Toy::Date => Kind::Unsupported(Cow::Borrowed("Date")),
                Toy::Fails => {
                    Kind::Map(vec![Err(de::Error::custom("RuntimeError: boom"))].into_iter())
                }
            })
        }

        fn is_null(&self) -> bool {
            matches!(self, Toy::Null)
        }
    }

    fn map(entries: &[(&'static str, Toy)]) -> Toy {
        Toy::Map(
            entries
                .iter()
                .map(|(k, v)| (Toy::Text(k), v.clone()))
                .collect(),
        )
    }

    fn user(extra: &[(&'static str, Toy)]) -> Toy {
        let mut entries = vec![("identifier", Toy::Int(42)), ("name", Toy::Text("Ada"))];
        entries.extend_from_slice(extra);
        map(&entries)
    }

    fn read<T: for<'de> Deserialize<'de>>(root: &str, value: Toy) -> Result<T, Error> {
        from_host(root, HostDeserializer::new(value))
    }

    fn message(result: Result<impl core::fmt::Debug, Error>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn a_shape_is_read_by_each_values_own_kind() {
        let attributes = map(&[("plan", Toy::Text("pro")), ("seats", Toy::Int(3))]);
        let settings = map(&[("position", Toy::Text("left")), ("locale", Toy::Null)]);
        let request = map(&[
            ("base_url", Toy::Text("https://chat.example")),
            ("website_token", Toy::Text("token")),
            ("user", user(&[("custom_attributes", attributes)])),
            ("settings", settings),
        ]);
        let request: WidgetRequest = read("", request).unwrap();
        let user = request.user.unwrap();
        assert_eq!(user.identifier, "42");
        assert_eq!(user.custom_attributes.len(), 2);
        assert_eq!(request.settings.position, Some(crate::Position::Left));
        assert_eq!(request.settings.locale, None, "null is an absent option");
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_a_wrong_type_by_path() {
        let attributes = map(&[("plan", Toy::Date)]);
        let error = read::<WidgetUser>("user", user(&[("custom_attributes", attributes)]));
        let error = error.unwrap_err();
        assert!(error.is_wrong_type(), "{error:?}");
        assert_eq!(
            error.to_string(),
            "user.custom_attributes.plan: invalid type: Date, expected text, a boolean or a \
             finite number"
        );
        let yes = map(&[("debug", Toy::Text("yes"))]);
        let text = message(read::<BTreeMap<String, bool>>("flags", yes));
        assert_eq!(
            text,
            "flags.debug: invalid type: string, expected a boolean"
        );
        let number = read::<WidgetUser>("user", user(&[("email", Toy::Float(1.5))]));
        assert!(message(number).starts_with("user.email: invalid type: floating point"));
    }

    #[test]
    fn an_enum_is_its_variants_name_and_nothing_else() {
        let settings = |position| map(&[("position", position)]);
        let right: WidgetSettings = read("settings", settings(Toy::Text("right"))).unwrap();
        assert_eq!(right.position, Some(crate::Position::Right));
        assert_eq!(
            message(read::<WidgetSettings>("settings", settings(Toy::Int(1)))),
            "settings.position: invalid type: integer, expected enum Position"
        );
    }

    #[test]
    fn a_key_must_be_text_and_is_never_a_fields_index() {
        let keyed = Toy::Map(Rc::from(vec![
            (Toy::Int(0), Toy::Text("u")),
            (Toy::Text("name"), Toy::Text("n")),
        ]));
        let error = read::<WidgetUser>("user", keyed).unwrap_err();
        assert!(error.is_wrong_type(), "{error:?}");
        assert_eq!(
            error.to_string(),
            "user.?: invalid type: integer, expected a text key"
        );
        let listed = Toy::List(Rc::from(vec![Toy::Text("u"), Toy::Text("n")]));
        assert_eq!(
            message(read::<WidgetUser>("user", listed)),
            "user: invalid type: sequence, expected struct WidgetUser"
        );
    }

    #[test]
    fn nesting_stops_at_the_limit_before_the_stack_does() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)] // read only to recurse
        struct Nested(Vec<Nested>);
        let deep = |depth| {
            (0..depth).fold(Toy::List(Rc::default()), |inner, _| {
                Toy::List(Rc::from(vec![inner]))
            })
        };
        assert!(read::<Nested>("nested", deep(MAX_DEPTH - 1)).is_ok());
        let error = read::<Nested>("nested", deep(1_000)).unwrap_err();
        let (_, _, detail) = request_error_parts(&error);
        assert_eq!(detail, "nested more than 32 levels deep");
    }

    #[test]
    fn a_host_error_while_iterating_is_carried_through() {
        let error = read::<WidgetUser>("user", user(&[("social_profiles", Toy::Fails)]));
        let error = error.unwrap_err();
        let (path, problem, detail) = request_error_parts(&error);
        assert_eq!(path, "user.social_profiles.?");
        assert_eq!(problem, InputProblem::InvalidValue);
        assert_eq!(detail, "RuntimeError: boom");
    }

    #[test]
    fn booleans_and_wide_integers_are_their_own_kinds() {
        let attributes = map(&[("on", Toy::Bool(true)), ("big", Toy::Int(i128::MIN))]);
        let user: WidgetUser = read("user", user(&[("custom_attributes", attributes)])).unwrap();
        assert_eq!(user.custom_attributes.len(), 2);
        let big = map(&[
            ("identifier", Toy::Int(-(1 << 70))),
            ("name", Toy::Text("n")),
        ]);
        let big: WidgetUser = read("user", big).unwrap();
        assert_eq!(big.identifier, (-(1i128 << 70)).to_string());
    }
}
