//! The widget's rules, one test each.

use serde_json::Value;

use super::*;
use crate::FiniteNumber;
use crate::{Error, Signer};

const TOKEN: &str = "QrtMG8GydFgEy7bVzsLLmHoq";
const SECRET: &str = "your-secret-token-for-hmac";

fn config() -> WidgetConfig {
    WidgetConfig::new("https://chat.example.com/", TOKEN)
        .unwrap()
        .with_signer(Signer::new(SECRET).unwrap())
}

fn user() -> WidgetUser {
    let mut user = WidgetUser::new("user-42");
    user.name = Some("Jane Doe".into());
    user.email = Some("jane@example.com".into());
    user
}

/// The JSON document inside a rendered loader.
fn embedded_config(html: &str) -> Value {
    let start = html.find("var config = ").unwrap() + "var config = ".len();
    let end = start + html[start..].find(";\n").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

/// The settings an anonymous visitor's snippet embeds for `settings`.
fn embedded_settings(settings: WidgetSettings) -> Value {
    let html = widget_script(&config().with_settings(settings), None, None).unwrap();
    embedded_config(&html)["settings"].take()
}

#[test]
fn base_url_must_be_plain_absolute_http() {
    assert_eq!(config().base_url(), "https://chat.example.com");
    let sub = WidgetConfig::new("http://localhost:3000/chatwoot/", TOKEN).unwrap();
    assert_eq!(sub.base_url(), "http://localhost:3000/chatwoot");
    for bad in [
        "chat.example.com",
        "/relative",
        "javascript:alert(1)",
        "ftp://chat.example.com",
        "https://user:pass@chat.example.com",
        "https://chat.example.com/?q=1",
        "https://chat.example.com/#x",
        "data:text/html,hi",
        "",
    ] {
        let err = WidgetConfig::new(bad, TOKEN).unwrap_err();
        assert!(matches!(err, Error::InvalidBaseUrl { .. }), "{bad}: {err}");
        assert!(!err.to_string().contains("pass"), "never echoes the URL");
    }
}

#[test]
fn website_token_must_be_a_token() {
    for bad in [
        "",
        "short",
        "has space in it",
        "quote\"token",
        &"a".repeat(129),
    ] {
        assert_eq!(
            WidgetConfig::new("https://x.example", bad).unwrap_err(),
            Error::InvalidWebsiteToken
        );
    }
}

#[test]
fn a_user_needs_a_name_email_or_avatar() {
    let signer = Signer::new(SECRET).unwrap();
    assert_eq!(
        set_user_payload(&signer, &WidgetUser::new("u1")).unwrap_err(),
        Error::IncompleteUser
    );
    let mut empty_name = WidgetUser::new("u1");
    empty_name.name = Some(String::new());
    assert_eq!(
        set_user_payload(&signer, &empty_name).unwrap_err(),
        Error::IncompleteUser
    );
    let mut avatar_only = WidgetUser::new("u1");
    avatar_only.avatar_url = Some("https://x.example/a.png".into());
    assert!(set_user_payload(&signer, &avatar_only).is_ok());
    let mut no_identifier = user();
    no_identifier.identifier.clear();
    assert_eq!(
        set_user_payload(&signer, &no_identifier).unwrap_err(),
        Error::EmptyIdentifier
    );
}

#[test]
fn a_prototype_key_is_refused_where_the_browser_would_drop_it() {
    let signer = Signer::new(SECRET).unwrap();
    for map in ["custom_attributes", "social_profiles"] {
        let json = format!(
            r#"{{"identifier": "u", "name": "n", "{map}": {{"__proto__": "x", "plan": "y"}}}}"#
        );
        let user: WidgetUser = crate::from_json("user", &json).unwrap();
        let error = set_user_payload(&signer, &user).unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::InvalidWidgetRequest);
        assert!(
            error
                .to_string()
                .starts_with(&format!("user.{map}.__proto__: a key the browser")),
            "{error}"
        );
        let request = WidgetRequest {
            base_url: "https://app.chatwoot.com".into(),
            website_token: TOKEN.into(),
            user: Some(user),
            ..WidgetRequest::default()
        };
        let refused = request.widget_script(Some(&signer)).unwrap_err();
        assert_eq!(refused, error, "{map}: the snippet too");
    }
}

#[test]
fn payload_has_the_identifier_as_text_and_its_hash() {
    let signer = Signer::new(SECRET).unwrap();
    let mut user = user();
    user.identifier = "9007199254740993".into();
    user.social_profiles.insert("github".into(), "jane".into());
    user.custom_attributes
        .insert("plan".into(), AttributeValue::Text("pro".into()));
    user.custom_attributes
        .insert("seats".into(), AttributeValue::Integer(3));
    user.custom_attributes
        .insert("trial".into(), AttributeValue::Boolean(false));
    let payload: Value = serde_json::from_str(&set_user_payload(&signer, &user).unwrap()).unwrap();
    assert_eq!(
        payload["identifier"], "9007199254740993",
        "a string, never a number"
    );
    assert_eq!(
        payload["identifier_hash"],
        signer.identifier_hash("9007199254740993").unwrap().as_str()
    );
    assert_eq!(payload["name"], "Jane Doe");
    assert_eq!(payload["social_profiles"]["github"], "jane");
    assert_eq!(payload["custom_attributes"]["seats"], 3);
    assert_eq!(payload["custom_attributes"]["trial"], false);
    assert!(
        payload.get("phone_number").is_none(),
        "unset fields are left out"
    );
    // The value a host serializes into its own objects is the text's object, field for field.
    let value = serde_json::to_value(user_payload(&signer, &user).unwrap()).unwrap();
    assert_eq!(value, payload);
    assert_eq!(
        user_payload(&signer, &WidgetUser::new("u1")).err(),
        Some(Error::IncompleteUser)
    );
}

#[test]
fn custom_attributes_refuse_null_and_non_finite_numbers_by_path() {
    assert!(FiniteNumber::new(f64::NAN).is_none());
    assert!(FiniteNumber::new(f64::INFINITY).is_none());
    assert_eq!(FiniteNumber::new(1.5).map(FiniteNumber::get), Some(1.5));
    let json = r#"{"identifier": "u", "name": "n", "custom_attributes": {"plan": null}}"#;
    let err = set_user_payload_from_json(SECRET.as_bytes(), json).unwrap_err();
    assert_eq!(err.code().as_str(), "invalid_widget_request");
    let text = err.to_string();
    assert!(
        text.starts_with("user.custom_attributes.plan: null is not a value"),
        "{text}"
    );
    assert!(
        !err.is_wrong_type(),
        "null is refused as a value, not as a type"
    );
    // JSON text cannot spell NaN; a host's float can (Python's float("nan")).
    let nan = serde::de::value::F64Deserializer::<serde::de::value::Error>::new(f64::NAN);
    let err = crate::from_host::<AttributeValue, _>("plan", nan).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("plan: a number that is not finite"),
        "{text}"
    );
}

#[test]
fn big_integers_and_numbers_keep_their_json_form() {
    let json = r#"{"identifier": 18446744073709551615, "name": "n",
        "custom_attributes": {"max": 18446744073709551615, "min": -9223372036854775808, "ratio": 0.25}}"#;
    let payload: serde_json::Value =
        serde_json::from_str(&set_user_payload_from_json(SECRET.as_bytes(), json).unwrap())
            .unwrap();
    assert_eq!(payload["identifier"], "18446744073709551615");
    assert_eq!(payload["custom_attributes"]["max"], u64::MAX);
    assert_eq!(payload["custom_attributes"]["min"], i64::MIN);
    assert_eq!(payload["custom_attributes"]["ratio"], 0.25);
}

#[test]
fn anonymous_script_loads_the_sdk_without_set_user_data() {
    let html = widget_script(&config(), None, None).unwrap();
    assert!(html.starts_with("<script>\n"));
    assert!(html.ends_with("\n</script>"));
    let embedded = embedded_config(&html);
    assert_eq!(embedded["baseUrl"], "https://chat.example.com");
    assert_eq!(embedded["websiteToken"], TOKEN);
    assert!(embedded.get("user").is_none());
    assert!(embedded.get("settings").is_none());
    assert!(html.contains("\"/packs/js/sdk.js\""));
    assert!(html.contains("chatwootSDK.run("));
}

#[test]
fn signed_in_script_calls_set_user_with_the_hash() {
    let html = widget_script(&config(), Some(&user()), Some("n0nce")).unwrap();
    assert!(html.starts_with("<script nonce=\"n0nce\">"));
    let embedded = embedded_config(&html);
    assert_eq!(embedded["user"]["identifier"], "user-42");
    let attributes = &embedded["user"]["attributes"];
    assert_eq!(
        attributes["identifier_hash"],
        Signer::new(SECRET)
            .unwrap()
            .identifier_hash("user-42")
            .unwrap()
            .as_str()
    );
    assert_eq!(attributes["email"], "jane@example.com");
    assert!(
        attributes.get("identifier").is_none(),
        "the identifier is setUser's first argument"
    );
    assert_eq!(embedded["nonce"], "n0nce");
    assert!(html.contains("chatwoot:ready"));
}

#[test]
fn settings_use_the_widgets_own_names() {
    let settings = WidgetSettings {
        locale: Some("pt_BR".into()),
        position: Some(Position::Left),
        widget_type: Some(WidgetType::ExpandedBubble),
        launcher_title: Some("Chat with us".into()),
        hide_message_bubble: Some(true),
        dark_mode: Some(DarkMode::Auto),
        ..WidgetSettings::default()
    };
    let s = &embedded_settings(settings);
    assert_eq!(s["locale"], "pt_BR");
    assert_eq!(s["position"], "left");
    assert_eq!(s["type"], "expanded_bubble");
    assert_eq!(s["launcherTitle"], "Chat with us");
    assert_eq!(s["hideMessageBubble"], true);
    assert_eq!(s["darkMode"], "auto");
    assert_eq!(
        s.as_object().unwrap().len(),
        6,
        "unset settings are left out"
    );
}

#[test]
fn hostile_values_stay_inside_json_strings() {
    let mut user = user();
    user.name = Some("</script><script>alert(1)</script><!--".into());
    user.email = Some("a'b\"c\\d&e\u{2028}f\u{2029}]]>".into());
    user.custom_attributes
        .insert("</SCRIPT>".into(), AttributeValue::Text("<".into()));
    let html = widget_script(&config(), Some(&user), None).unwrap();
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 1);
    assert!(!html.contains("<!--"));
    let attributes = &embedded_config(&html)["user"]["attributes"];
    assert_eq!(attributes["name"], user.name.clone().unwrap());
    assert_eq!(attributes["email"], user.email.clone().unwrap());
    assert_eq!(attributes["custom_attributes"]["</SCRIPT>"], "<");
}

#[test]
fn reset_script_waits_for_the_widget() {
    let html = reset_script(Some("abc")).unwrap();
    assert!(html.starts_with("<script nonce=\"abc\">"));
    assert!(html.contains("window.$chatwoot.reset()"));
    assert_eq!(reset_script(Some("a\"b")).unwrap_err(), Error::InvalidNonce);
}

#[test]
fn json_requests_take_the_same_shapes() {
    let request = r#"{
        "base_url": "https://chat.example.com",
        "website_token": "QrtMG8GydFgEy7bVzsLLmHoq",
        "settings": {"position": "left", "type": "expanded_bubble"},
        "user": {"identifier": 42, "name": "Jane", "custom_attributes": {"vip": true}},
        "nonce": "abc"
    }"#;
    let html = widget_script_from_json(Some(SECRET.as_bytes()), request).unwrap();
    let embedded = embedded_config(&html);
    assert_eq!(embedded["user"]["identifier"], "42");
    assert_eq!(embedded["settings"]["type"], "expanded_bubble");

    let payload =
        set_user_payload_from_json(SECRET.as_bytes(), r#"{"identifier":"u","email":"e@x"}"#);
    assert!(payload.unwrap().contains("\"identifier\":\"u\""));

    for (bad, path) in [
        ("not json", "request"),
        (
            r#"{"base_url": "https://x.example", "website_token": "QrtMG8GydFgEy7bVzsLLmHoq", "extra": 1}"#,
            "extra",
        ),
        (
            r#"{"base_url": "https://x.example", "website_token": "QrtMG8GydFgEy7bVzsLLmHoq", "settings": {"position": "middle"}}"#,
            "settings.position",
        ),
        (
            r#"{"base_url": "https://x.example", "website_token": "QrtMG8GydFgEy7bVzsLLmHoq", "user": {"identifier": 1.5, "name": "n"}}"#,
            "user.identifier",
        ),
    ] {
        let err = widget_script_from_json(None, bad).unwrap_err();
        assert_eq!(err.code().as_str(), "invalid_widget_request", "{bad}");
        assert!(
            err.to_string().starts_with(&format!("{path}: ")),
            "{bad}: {err}"
        );
    }
    let no_secret = r#"{"base_url": "https://x.example", "website_token": "QrtMG8GydFgEy7bVzsLLmHoq", "user": {"identifier": "u", "name": "n"}}"#;
    assert_eq!(
        widget_script_from_json(None, no_secret).unwrap_err(),
        Error::MissingSecret
    );
}

#[test]
fn every_setting_the_sdk_reads_reaches_chatwoot_settings() {
    let settings: WidgetSettings = crate::from_json(
        "settings",
        r#"{"widget_style": "flat", "dark_mode": "dark", "welcome_title": "Hi",
            "welcome_description": "Ask us", "available_message": "Online",
            "unavailable_message": "Away", "enable_file_upload": false,
            "enable_emoji_picker": false, "enable_end_conversation": true}"#,
    )
    .unwrap();
    let s = &embedded_settings(settings);
    assert_eq!(s["widgetStyle"], "flat");
    assert_eq!(s["darkMode"], "dark");
    assert_eq!(s["welcomeTitle"], "Hi");
    assert_eq!(s["welcomeDescription"], "Ask us");
    assert_eq!(s["availableMessage"], "Online");
    assert_eq!(s["unavailableMessage"], "Away");
    assert_eq!(s["enableFileUpload"], false);
    assert_eq!(s["enableEmojiPicker"], false);
    assert_eq!(s["enableEndConversation"], true);
}

#[test]
fn the_marker_names_the_identity_and_the_digest_the_whole_payload() {
    let signed = |user: &WidgetUser| {
        let html = widget_script(&config(), Some(user), None).unwrap();
        embedded_config(&html)["user"].clone()
    };
    let jane = signed(&user());
    let hash = jane["attributes"]["identifier_hash"]
        .as_str()
        .unwrap()
        .to_owned();
    let marker = jane["marker"].as_str().unwrap();
    assert_eq!(marker.len(), 32);
    assert!(
        !hash.contains(marker) && !marker.contains(&hash[..16]),
        "the marker is not the hash"
    );

    let mut new_phone = user();
    new_phone.phone_number = Some("+15555550123".into());
    let changed = signed(&new_phone);
    assert_eq!(changed["marker"], jane["marker"], "the same person");
    assert_ne!(changed["digest"], jane["digest"], "a profile change shows");
    assert_eq!(
        signed(&user())["digest"],
        jane["digest"],
        "stable for the same payload"
    );

    let other = signed(&WidgetUser {
        name: Some("Jane Doe".into()),
        ..WidgetUser::new("user-43")
    });
    assert_ne!(other["marker"], jane["marker"], "another person");
}

#[test]
fn debug_is_off_unless_asked_for() {
    let quiet = widget_script(&config(), Some(&user()), None).unwrap();
    assert!(embedded_config(&quiet).get("debug").is_none());
    let loud = widget_script(&config().with_debug(true), Some(&user()), None).unwrap();
    assert_eq!(embedded_config(&loud)["debug"], true);
}

#[test]
fn null_maps_and_settings_are_absent_like_every_optional_field() {
    let json =
        r#"{"identifier": "u", "name": "n", "social_profiles": null, "customAttributes": null}"#;
    let payload: Value =
        serde_json::from_str(&set_user_payload_from_json(SECRET.as_bytes(), json).unwrap())
            .unwrap();
    assert!(payload.get("social_profiles").is_none() && payload.get("custom_attributes").is_none());
    let request = format!(
        r#"{{"base_url": "https://chat.example.com", "website_token": "{TOKEN}", "settings": null}}"#
    );
    let html = widget_script_from_json(None, &request).unwrap();
    assert!(embedded_config(&html).get("settings").is_none());
    let err = set_user_payload_from_json(
        SECRET.as_bytes(),
        r#"{"identifier": "u", "name": "n", "social_profiles": "x"}"#,
    )
    .unwrap_err();
    assert!(
        err.is_wrong_type()
            && err
                .to_string()
                .starts_with("user.social_profiles: invalid type: string"),
        "{err}"
    );
}

#[test]
fn wide_integers_reach_custom_attributes_whole() {
    use serde::de::value::{Error as ValueError, I128Deserializer, U128Deserializer};
    let wide = crate::from_host::<AttributeValue, _>(
        "plan",
        I128Deserializer::<ValueError>::new(-(1 << 100)),
    );
    assert_eq!(wide.unwrap(), AttributeValue::Integer(-(1 << 100)));
    let too_wide = crate::from_host::<AttributeValue, _>(
        "plan",
        U128Deserializer::<ValueError>::new(u128::MAX),
    );
    assert!(
        too_wide
            .unwrap_err()
            .to_string()
            .starts_with("plan: an integer beyond 128 bits")
    );
}

#[test]
fn the_loader_config_is_the_document_the_snippet_embeds() {
    let settings: WidgetSettings =
        serde_json::from_str(r#"{"position": "left", "welcome_title": "</script> & 'hi'"}"#)
            .unwrap();
    let mut hostile = user();
    hostile.name = Some("</script><script>alert(1)</script>\u{2028}".into());
    let config = config().with_settings(settings).with_debug(true);
    for (user, nonce) in [(None, None), (Some(&hostile), Some("n0nce"))] {
        let html = widget_script(&config, user, nonce).unwrap();
        let json = loader_config(&config, user, nonce).unwrap();
        let parsed: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed, embedded_config(&html), "the same document");
        // Plain JSON for a host that parses it; only the snippet escapes it for HTML.
        assert!(nonce.is_none() || json.contains("</script>"));
    }
    let parsed: Value =
        serde_json::from_str(&loader_config(&config, Some(&hostile), Some("n0nce")).unwrap())
            .unwrap();
    assert_eq!(parsed["user"]["identifier"], "user-42");
    assert_eq!(
        parsed["user"]["attributes"]["identifier_hash"],
        Signer::new(SECRET)
            .unwrap()
            .identifier_hash("user-42")
            .unwrap()
            .as_str()
    );
    assert_eq!(parsed["nonce"], "n0nce");
    assert_eq!(parsed["debug"], true);
    assert_eq!(parsed["settings"]["welcomeTitle"], "</script> & 'hi'");
    for key in ["marker", "digest"] {
        assert_eq!(parsed["user"][key].as_str().unwrap().len(), 32, "{key}");
    }
}

/// The snippet and the loader config a React component reads refuse the same inputs: a user
/// without the secret to sign it, a nonce outside the CSP nonce alphabet.
#[test]
fn the_loader_config_refuses_what_the_snippet_refuses() {
    type Build = fn(&WidgetConfig, Option<&WidgetUser>, Option<&str>) -> Result<String, Error>;
    let builds: [(&str, Build); 2] = [
        ("widget_script", widget_script),
        ("loader_config", loader_config),
    ];
    let unsigned = WidgetConfig::new("https://chat.example.com", TOKEN).unwrap();
    for (name, build) in builds {
        assert_eq!(
            build(&unsigned, Some(&user()), None).unwrap_err(),
            Error::MissingSecret,
            "{name}"
        );
        assert_eq!(
            build(&config(), None, Some("a\"b")).unwrap_err(),
            Error::InvalidNonce,
            "{name}"
        );
    }
    let request: WidgetRequest = crate::from_json(
        "",
        r#"{"baseUrl": "https://chat.example.com", "websiteToken": "QrtMG8GydFgEy7bVzsLLmHoq",
            "user": {"identifier": 7, "email": "seven@example.com"}, "nonce": "abc"}"#,
    )
    .unwrap();
    let signer = Signer::new(SECRET).unwrap();
    let json = request.loader_config(Some(&signer)).unwrap();
    let html = request.widget_script(Some(&signer)).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        embedded_config(&html)
    );
    assert_eq!(
        request.loader_config(None).unwrap_err(),
        Error::MissingSecret
    );
}
