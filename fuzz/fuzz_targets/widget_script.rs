//! Arbitrary user fields and settings: the snippet always has exactly one closing script tag,
//! and the JSON inside parses back to the same values.
#![no_main]

use arbitrary::Arbitrary;
use chatwoot_identity::{
    AttributeValue, FiniteNumber, Signer, WidgetConfig, WidgetUser, widget_script,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[derive(Arbitrary, Debug)]
struct Input {
    identifier: String,
    name: String,
    email: Option<String>,
    description: Option<String>,
    attribute_key: String,
    attribute_text: String,
    attribute_number: f64,
    launcher_title: Option<String>,
    nonce: Option<String>,
}

fuzz_target!(|input: Input| {
    let mut user = WidgetUser::new(input.identifier.clone());
    user.name = Some(input.name.clone());
    user.email = input.email.clone();
    user.description = input.description.clone();
    user.custom_attributes.insert(
        input.attribute_key.clone(),
        AttributeValue::Text(input.attribute_text.clone()),
    );
    // NaN and the infinities cannot be an attribute at all: FiniteNumber refuses them.
    if let Some(number) = FiniteNumber::new(input.attribute_number) {
        user.custom_attributes.insert(
            format!("{}#n", input.attribute_key),
            AttributeValue::Number(number),
        );
    }
    let mut config = WidgetConfig::new("https://chat.example.com", "QrtMG8GydFgEy7bVzsLLmHoq")
        .unwrap()
        .with_signer(Signer::new("fuzz-secret").unwrap());
    config.settings.launcher_title = input.launcher_title.clone();

    let Ok(html) = widget_script(&config, Some(&user), input.nonce.as_deref()) else {
        return; // refused inputs (an empty identifier, a bad nonce) are the renderer's right
    };
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 1);
    assert!(!html.contains("<!--"));
    let start = html.find("var config = ").unwrap() + "var config = ".len();
    let end = start + html[start..].find(";\n").unwrap();
    let embedded: Value = serde_json::from_str(&html[start..end]).unwrap();
    let attributes = &embedded["user"]["attributes"];
    assert_eq!(
        embedded["user"]["identifier"],
        Value::String(input.identifier)
    );
    assert_eq!(attributes["name"], Value::String(input.name));
    assert_eq!(
        attributes["custom_attributes"][&input.attribute_key],
        Value::String(input.attribute_text)
    );
});
