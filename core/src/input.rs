//! Structured input from any host: one generic conversion into the core's serde shapes.
//!
//! A binding hands the core a `serde::Deserializer` over its host's value: the core's own
//! [`HostDeserializer`] over a Python, JavaScript or Elixir value the binding describes as a
//! [`HostValue`], or serde_json's for Ruby's and C's JSON text. The
//! core reads its own shape from it and, when the value does not fit, reports where
//! (`user.custom_attributes.plan`) and what kind of mistake it is, so every host raises the
//! same error with the same message for the same input.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use crate::Error;

mod host;

pub use host::{HostDeserializer, HostError, HostValue, Kind, MAX_DEPTH};

/// Reads a struct only from a map (an object, a dict, a Hash), never from a list.
///
/// serde's derive also reads a struct from a sequence, field by field in declaration order, so
/// `["https://x.example", "token"]` would pass for a whole widget request. The struct derives
/// with `#[serde(remote = "Self")]`, which turns the derived code into inherent functions; this
/// macro then implements the traits, asking the host's deserializer for a map and handing the
/// map to the derived code. `serialize` marks a struct that is serialized as well.
macro_rules! maps_only {
    ($name:ident $(, $serialize:ident)?) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct MapsOnly;
                impl<'de> serde::de::Visitor<'de> for MapsOnly {
                    type Value = $name;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$name, A::Error> {
                        $name::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(MapsOnly)
            }
        }
        $(crate::input::maps_only!(@$serialize $name);)?
    };
    (@serialize $name:ident) => {
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, serializer)
            }
        }
    };
}

pub(crate) use maps_only;

/// The kind of mistake in a structured input; bindings choose their host's class from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputProblem {
    /// A value of the wrong type (a number where text belongs, a list where an object does).
    WrongType,
    /// A key the shape does not have (often a misspelling).
    UnknownKey,
    /// A required key is absent.
    MissingKey,
    /// A value of the right type that is not allowed (an unknown setting, a NaN, a null).
    InvalidValue,
    /// JSON text that does not parse.
    Syntax,
}

/// Reads a `T` from a host's value; `root` names the parameter it came from (`"user"`,
/// `"settings"`), or is empty when the value is a whole request whose keys are the top level.
///
/// # Errors
/// [`Error::InvalidWidgetRequest`] with the path of the first part that does not fit.
pub fn from_host<'de, T, D>(root: &str, deserializer: D) -> Result<T, Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: core::fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = join(root, &error.path().to_string());
        let (problem, detail) = classify(&error.inner().to_string());
        Error::InvalidWidgetRequest {
            path,
            problem,
            detail,
        }
    })
}

/// Reads a `T` from JSON text (the C ABI's and Ruby's form of a structured input).
///
/// # Errors
/// [`Error::InvalidWidgetRequest`]; text that is not JSON is [`InputProblem::Syntax`].
pub fn from_json<T: DeserializeOwned>(root: &str, json: &str) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = from_host(root, &mut deserializer).map_err(|error| match error {
        Error::InvalidWidgetRequest { path, detail, .. } if is_json_syntax(json) => {
            Error::InvalidWidgetRequest {
                path,
                problem: InputProblem::Syntax,
                detail,
            }
        }
        // The path already says where; without serde_json's position the message is the one
        // every other host gives for the same value.
        Error::InvalidWidgetRequest {
            path,
            problem,
            detail,
        } => Error::InvalidWidgetRequest {
            path,
            problem,
            detail: without_position(&detail).to_owned(),
        },
        other => other,
    })?;
    deserializer
        .end()
        .map_err(|error| Error::InvalidWidgetRequest {
            path: display_root(root),
            problem: InputProblem::Syntax,
            detail: error.to_string(),
        })?;
    Ok(value)
}

/// `... at line 1 column 79` -> `...`.
fn without_position(detail: &str) -> &str {
    let Some((message, position)) = detail.rsplit_once(" at line ") else {
        return detail;
    };
    let is_position = position
        .split_once(" column ")
        .is_some_and(|(line, column)| {
            [line, column]
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        });
    if is_position { message } else { detail }
}

fn is_json_syntax(json: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(json).is_err()
}

fn join(root: &str, path: &str) -> String {
    // serde_path_to_error writes "." for the root itself.
    match (root.is_empty(), path == ".") {
        (_, true) => display_root(root),
        (true, false) => path.to_owned(),
        (false, false) if path.starts_with('[') => format!("{root}{path}"),
        (false, false) => format!("{root}.{path}"),
    }
}

fn display_root(root: &str) -> String {
    if root.is_empty() {
        "request".to_owned()
    } else {
        root.to_owned()
    }
}

/// Sorts serde's standard messages (`serde::de::Error`'s provided constructors write them)
/// into kinds, and drops the offending value from "invalid type", "invalid value" and
/// "unknown variant" messages: it may be an e-mail address, a name, an identifier, or a secret
/// pasted into the wrong field, which error messages never carry. (Keys are kept: the app's
/// own code wrote them.)
fn classify(message: &str) -> (InputProblem, String) {
    const KINDS: [(&str, InputProblem); 5] = [
        ("invalid type: ", InputProblem::WrongType),
        ("unknown field", InputProblem::UnknownKey),
        ("missing field", InputProblem::MissingKey),
        ("invalid value: ", InputProblem::InvalidValue),
        ("unknown variant", InputProblem::InvalidValue),
    ];
    let problem = KINDS
        .iter()
        .find(|(prefix, _)| message.starts_with(prefix))
        .map_or(InputProblem::InvalidValue, |(_, problem)| *problem);
    let detail = match message.split_once(": ") {
        Some((kind @ ("invalid type" | "invalid value"), rest)) => {
            format!("{kind}: {}", without_value(rest))
        }
        // "unknown variant `top`, expected `left` or `right`": the expected names stay.
        _ if message.starts_with("unknown variant `") => match message.split_once("`, ") {
            Some((_, expected)) => format!("unknown variant, {expected}"),
            None => "unknown variant".to_owned(),
        },
        _ => message.to_owned(),
    };
    (problem, detail)
}

/// `string "jane@example.com", expected a boolean` -> `string, expected a boolean`.
fn without_value(rest: &str) -> String {
    let Some((unexpected, expected)) = rest.rsplit_once(", expected ") else {
        return rest.to_owned();
    };
    let kind = unexpected
        .split_once([' ', '`', '"'])
        .map_or(unexpected, |(kind, _)| kind);
    // Multi-word kinds ("floating point", "unit value", "newtype struct") keep their words.
    let kind = match kind {
        "floating" => "floating point",
        "unit" => "null",
        "newtype" => "newtype struct",
        "tuple" => "tuple variant",
        "struct" => "struct variant",
        other => other,
    };
    format!("{kind}, expected {expected}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WidgetUser;

    fn request_error(json: &str) -> Error {
        from_json::<WidgetUser>("user", json).unwrap_err()
    }

    /// The path, kind and detail of an [`Error::InvalidWidgetRequest`] (any other error fails
    /// the test), for the tests here and in `host` that check each part.
    pub(super) fn request_error_parts(error: &Error) -> (&str, InputProblem, &str) {
        match error {
            Error::InvalidWidgetRequest {
                path,
                problem,
                detail,
            } => (path, *problem, detail),
            other => panic!("not an invalid widget request: {other:?}"),
        }
    }

    #[test]
    fn a_wrong_type_names_its_path_and_hides_the_value() {
        let error = request_error(r#"{"identifier": "u", "name": "n", "email": 5}"#);
        assert!(error.is_wrong_type(), "{error:?}");
        let text = error.to_string();
        assert!(
            text.starts_with("user.email: invalid type: integer, expected"),
            "{text}"
        );
        assert!(!text.contains('5'), "{text}");
    }

    #[test]
    fn personal_text_never_reaches_the_message() {
        let error = request_error(
            r#"{"identifier": "u", "name": "n", "social_profiles": "jane@example.com"}"#,
        );
        assert!(!error.to_string().contains("jane"), "{error}");
        assert!(error.is_wrong_type());
    }

    #[test]
    fn an_unknown_key_is_named_and_is_not_a_type_error() {
        let error = request_error(r#"{"identifier": "u", "nmae": "n"}"#);
        let (path, problem, detail) = request_error_parts(&error);
        assert_eq!(path, "user.nmae", "the path ends at the unknown key");
        assert_eq!(problem, InputProblem::UnknownKey);
        assert!(detail.contains("`nmae`"), "{detail}");
        assert!(!error.is_wrong_type());
    }

    #[test]
    fn a_missing_key_names_the_object_that_lacks_it() {
        let error = request_error(r#"{"name": "n"}"#);
        assert!(
            matches!(
                &error,
                Error::InvalidWidgetRequest { path, problem: InputProblem::MissingKey, .. } if path == "user"
            ),
            "{error:?}"
        );
    }

    #[test]
    fn json_that_does_not_parse_is_a_syntax_problem() {
        for text in [r#"{"identifier": "#, "{} trailing"] {
            let error = request_error(text);
            assert!(
                matches!(
                    error,
                    Error::InvalidWidgetRequest {
                        problem: InputProblem::Syntax,
                        ..
                    }
                ),
                "{text}: {error:?}"
            );
        }
    }

    #[test]
    fn json_shape_errors_read_as_every_other_hosts_do() {
        let error = request_error(r#"{"identifier": "u", "nmae": "n"}"#);
        assert!(!error.to_string().contains(" at line "), "{error}");
        assert_eq!(without_position("x at line 1 column 9"), "x");
        assert_eq!(
            without_position("at line 1 of the poem"),
            "at line 1 of the poem"
        );
    }

    #[test]
    fn a_list_is_never_read_as_a_struct_field_by_field() {
        for (json, path, expected) in [
            (
                r#"["https://x.example", "token"]"#,
                "request",
                "struct WidgetRequest",
            ),
            (
                r#"{"base_url": "https://x.example", "website_token": "t", "user": ["u", "Ada"]}"#,
                "user",
                "struct WidgetUser",
            ),
            (
                r#"{"base_url": "https://x.example", "website_token": "t", "settings": ["en"]}"#,
                "settings",
                "struct WidgetSettings",
            ),
        ] {
            let error = from_json::<crate::WidgetRequest>("", json).unwrap_err();
            assert!(error.is_wrong_type(), "{json}");
            assert_eq!(
                error.to_string(),
                format!("{path}: invalid type: sequence, expected {expected}")
            );
        }
    }

    #[test]
    fn an_unknown_variant_names_the_choices_not_the_value() {
        let error =
            from_json::<crate::WidgetSettings>("settings", r#"{"position": "hunter2-secret"}"#)
                .unwrap_err();
        assert_eq!(
            error.to_string(),
            "settings.position: unknown variant, expected `left` or `right`"
        );
        assert!(!error.is_wrong_type());
    }

    #[test]
    fn nested_paths_join_with_dots_and_brackets() {
        assert_eq!(
            join("user", "custom_attributes.plan"),
            "user.custom_attributes.plan"
        );
        assert_eq!(join("identifiers", "[3]"), "identifiers[3]");
        assert_eq!(join("", "settings.position"), "settings.position");
        assert_eq!(join("", "."), "request");
        assert_eq!(join("user", "."), "user");
    }

    #[test]
    fn multi_word_kinds_survive_the_value_being_cut() {
        let (problem, detail) = classify("invalid type: floating point `1.5`, expected a string");
        assert_eq!(problem, InputProblem::WrongType);
        assert_eq!(detail, "invalid type: floating point, expected a string");
        let (_, detail) = classify("invalid type: unit value, expected a string");
        assert_eq!(detail, "invalid type: null, expected a string");
    }
}
