//! For arbitrary text in every field, the rendered snippet has exactly one closing script tag,
//! no comment opener, and the JSON inside parses back to the very same values.

use chatwoot_identity::{AttributeValue, Signer, WidgetConfig, WidgetUser, widget_script};
use proptest::prelude::*;
use serde_json::Value;

fn embedded_config(html: &str) -> Value {
    let start = html.find("var config = ").unwrap() + "var config = ".len();
    let end = start + html[start..].find(";\n").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// Any Unicode text, weighted towards the characters that matter inside a script element.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("</script>".to_owned()),
        Just("</SCRIPT ".to_owned()),
        Just("<!--".to_owned()),
        Just("]]>".to_owned()),
        Just("\u{2028}\u{2029}".to_owned()),
        Just("'\"\\&".to_owned()),
        any::<String>(),
    ];
    proptest::collection::vec(pieces, 0..6).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_field_round_trips_and_cannot_escape(
        identifier in hostile_text().prop_filter("non-empty", |s| !s.is_empty()),
        name in hostile_text().prop_filter("non-empty", |s| !s.is_empty()),
        email in hostile_text(),
        city in hostile_text(),
        attribute_key in hostile_text(),
        attribute_value in hostile_text(),
        profile in hostile_text(),
        launcher_title in hostile_text(),
    ) {
        let mut user = WidgetUser::new(identifier.clone());
        user.name = Some(name.clone());
        user.email = Some(email.clone());
        user.city = Some(city.clone());
        user.social_profiles.insert("github".into(), profile.clone());
        user.custom_attributes.insert(attribute_key.clone(), AttributeValue::Text(attribute_value.clone()));
        let mut config = WidgetConfig::new("https://chat.example.com", "QrtMG8GydFgEy7bVzsLLmHoq")
            .unwrap()
            .with_signer(Signer::new("secret").unwrap());
        config.settings.launcher_title = Some(launcher_title.clone());

        let html = widget_script(&config, Some(&user), None).unwrap();
        prop_assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 1);
        prop_assert_eq!(html.matches("<script").count(), 1);
        prop_assert!(!html.contains("<!--"));
        let raw_line_terminator = html.contains(['\u{2028}', '\u{2029}']);
        prop_assert!(!raw_line_terminator);

        let embedded = embedded_config(&html);
        let user_json = &embedded["user"];
        let attributes = &user_json["attributes"];
        prop_assert_eq!(&user_json["identifier"], &Value::String(identifier.clone()));
        prop_assert_eq!(&attributes["name"], &Value::String(name));
        prop_assert_eq!(&attributes["email"], &Value::String(email));
        prop_assert_eq!(&attributes["city"], &Value::String(city));
        prop_assert_eq!(&attributes["social_profiles"]["github"], &Value::String(profile));
        prop_assert_eq!(&attributes["custom_attributes"][&attribute_key], &Value::String(attribute_value));
        prop_assert_eq!(&embedded["settings"]["launcherTitle"], &Value::String(launcher_title));
        let hash = Signer::new("secret").unwrap().identifier_hash(&identifier).unwrap();
        prop_assert_eq!(&attributes["identifier_hash"], &Value::String(hash.as_str().into()));
    }
}
