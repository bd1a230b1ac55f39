//! A distinctive secret goes through every error path and every Debug/Display the core has; it
//! must come out nowhere.

use chatwoot_identity::{
    Signer, WidgetConfig, WidgetUser, diagnose, identifier_hash, set_user_payload,
    set_user_payload_from_json, verify, widget_script, widget_script_from_json,
};

const CANARY: &str = "canary-7f3e9c1d-secret";

fn assert_clean(shown: &str, context: &str) {
    assert!(
        !shown.contains(CANARY),
        "{context} leaked the secret: {shown}"
    );
}

#[test]
fn debug_and_display_never_show_the_secret() {
    let signer = Signer::new(CANARY).unwrap();
    assert_clean(&format!("{signer:?} {signer:#?}"), "Signer Debug");
    let config = WidgetConfig::new("https://chat.example.com", "QrtMG8GydFgEy7bVzsLLmHoq")
        .unwrap()
        .with_signer(signer.clone());
    assert_clean(&format!("{config:?} {config:#?}"), "WidgetConfig Debug");
    let diagnosis = diagnose(CANARY, "user", CANARY).unwrap();
    assert_clean(&format!("{diagnosis:?}"), "Diagnosis Debug");
}

#[test]
fn no_error_message_carries_the_secret() {
    let signer = Signer::new(CANARY).unwrap();
    let mut errors = vec![
        identifier_hash(CANARY, "").unwrap_err(),
        verify(CANARY, "", "x").unwrap_err(),
        diagnose(CANARY, "", "x").unwrap_err(),
        signer.identifier_hashes(&["a", ""]).unwrap_err(),
        signer.append_identifier_hashes(&["a", ""], &mut Vec::new()).unwrap_err(),
        set_user_payload(&signer, &WidgetUser::new("only-an-identifier")).unwrap_err(),
        set_user_payload_from_json(CANARY.as_bytes(), "not json").unwrap_err(),
        set_user_payload_from_json(CANARY.as_bytes(), r#"{"identifier": 1.5}"#).unwrap_err(),
        widget_script_from_json(Some(CANARY.as_bytes()), r#"{"base_url": 1}"#).unwrap_err(),
        // The secret pasted into the wrong field of a request: the value never reaches the text.
        set_user_payload_from_json(
            CANARY.as_bytes(),
            &format!(r#"{{"identifier": "u", "name": "n", "social_profiles": "{CANARY}"}}"#),
        )
        .unwrap_err(),
        set_user_payload_from_json(
            CANARY.as_bytes(),
            &format!(r#"{{"identifier": "u", "name": "n", "custom_attributes": {{"k": ["{CANARY}"]}}}}"#),
        )
        .unwrap_err(),
        widget_script_from_json(
            Some(CANARY.as_bytes()),
            &format!(r#"{{"base_url": "https://u:{CANARY}@x.example", "website_token": "QrtMG8GydFgEy7bVzsLLmHoq"}}"#),
        )
        .unwrap_err(),
    ];
    let config = WidgetConfig::new("https://chat.example.com", "QrtMG8GydFgEy7bVzsLLmHoq")
        .unwrap()
        .with_signer(signer);
    let mut user = WidgetUser::new("u");
    user.name = Some("n".into());
    errors.push(widget_script(&config, Some(&user), Some("bad nonce")).unwrap_err());
    for error in errors {
        assert_clean(&format!("{error} {error:?}"), error.code().as_str());
    }
}

#[test]
fn webhook_paths_never_show_the_secret_or_the_signature() {
    use chatwoot_identity::{
        WebhookHeaders, WebhookVerifier, diagnose_webhook, sign_webhook, verify_webhook,
    };
    let body = br#"{"event":"message_created"}"#;
    let verifier = WebhookVerifier::new(CANARY).unwrap();
    assert_clean(
        &format!("{verifier:?} {verifier:#?}"),
        "WebhookVerifier Debug",
    );
    let signed = sign_webhook(CANARY, body, 1_700_000_000).unwrap();
    let hex = &signed.signature["sha256=".len()..];
    let headers = WebhookHeaders::from_pairs(signed.headers());
    let shown = format!("{headers:?}");
    assert!(
        !shown.contains(hex),
        "WebhookHeaders Debug showed the signature: {shown}"
    );
    let webhook = verifier
        .verify_headers(body, &headers, 1_700_000_000)
        .unwrap();
    let shown = format!("{webhook:?}");
    assert!(
        !shown.contains(hex),
        "VerifiedWebhook Debug showed the signature: {shown}"
    );

    let uppercase = format!("sha256={}", hex.to_uppercase());
    let canary_signature = format!("sha256={CANARY}");
    let errors = [
        verify_webhook(CANARY, body, "", "1700000000", 0).unwrap_err(),
        verify_webhook(CANARY, body, &uppercase, "1700000000", 0).unwrap_err(),
        verify_webhook(CANARY, body, &canary_signature, "1700000000", 0).unwrap_err(),
        verify_webhook(CANARY, body, CANARY, CANARY, 0).unwrap_err(),
        verify_webhook(CANARY, body, &signed.signature, "", 0).unwrap_err(),
        verify_webhook(CANARY, body, &signed.signature, format!("1{CANARY}"), 0).unwrap_err(),
        verify_webhook(CANARY, b"{}", &signed.signature, "1700000000", 0).unwrap_err(),
        verify_webhook(CANARY, body, &signed.signature, "1700000000", 0).unwrap_err(),
        verify_webhook(CANARY, body, &signed.signature, "1700000000", u64::MAX).unwrap_err(),
    ];
    for error in errors {
        let text = format!("{error} {error:?}");
        assert_clean(&text, error.code().as_str());
        assert!(
            !text.contains(&hex[..16]),
            "{} showed the signature: {text}",
            error.code()
        );
        assert!(!text.to_lowercase().contains(&hex[..16]), "{text}");
    }
    // The secret pasted into the signature, the body or the token: no finding quotes it.
    for (signature, token) in [
        (canary_signature.as_str(), None),
        (CANARY, Some(CANARY.as_bytes())),
        (signed.signature.as_str(), Some(CANARY.as_bytes())),
    ] {
        let diagnosis = diagnose_webhook(CANARY, CANARY, signature, "1700000000", token).unwrap();
        assert_clean(&format!("{diagnosis:?}"), "WebhookDiagnosis Debug");
    }
}
