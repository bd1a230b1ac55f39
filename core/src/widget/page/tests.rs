use serde_json::{Map, Value, json};

use super::*;
use crate::{WidgetConfig, WidgetUser, reset_script, set_user_payload, widget_script};

const SECRET: &str = "your-secret-token-for-hmac";

fn config() -> WidgetConfig {
    WidgetConfig::new("https://app.chatwoot.com", "QrtMG8GydFgEy7bVzsLLmHoq")
        .unwrap()
        .with_signer(Signer::new(SECRET).unwrap())
}

fn user(identifier: &str) -> WidgetUser {
    let mut user = WidgetUser::new(identifier);
    user.email = Some("ada@example.com".into());
    user.name = Some("Ada </script> & co".into());
    user
}

fn page(user: Option<&WidgetUser>) -> String {
    let snippet = widget_script(&config(), user, Some("n0nce")).unwrap();
    format!("<!doctype html><html><head></head><body><h1>Hi</h1>{snippet}</body></html>")
}

fn codes(check: &PageCheck) -> Vec<&'static str> {
    check.problems.iter().map(|p| p.code.as_str()).collect()
}

fn no_fields() -> Map<String, Value> {
    Map::new()
}

/// The check most tests make: does `html` identify user-42, hashed under SECRET?
fn check_user_42(html: &str) -> PageCheck {
    check_page_identity(html, SECRET, "user-42", &no_fields()).unwrap()
}

#[test]
fn a_page_that_identifies_the_user_passes_and_reads_back_what_it_sends() {
    let check = check_user_42(&page(Some(&user("user-42"))));
    assert!(check.passed, "{}", check.message());
    assert_eq!(check.widget.snippets, 1);
    let sent = check.widget.user.unwrap();
    assert_eq!(sent.identifier, "user-42");
    assert_eq!(sent.attributes["name"], "Ada </script> & co");
    assert_eq!(
        sent.identifier_hash,
        crate::identifier_hash(SECRET, "user-42").unwrap().as_str()
    );
    assert_eq!(
        check.widget.website_token.as_deref(),
        Some("QrtMG8GydFgEy7bVzsLLmHoq")
    );
}

#[test]
fn another_identifier_is_named_with_both_values() {
    let check = check_user_42(&page(Some(&user("user-7"))));
    assert!(!check.passed);
    assert_eq!(codes(&check), ["wrong_identifier"]);
    assert!(
        check
            .message()
            .contains(r#"Expected "user-42", the page identifies "user-7""#)
    );
}

#[test]
fn a_hash_made_with_another_secret_is_a_mismatch_explained_by_diagnose() {
    let other = "the-website-token-by-mistake";
    let check = check_page_identity(
        &page(Some(&user("user-42"))),
        other,
        "user-42",
        &no_fields(),
    )
    .unwrap();
    assert_eq!(codes(&check), ["hash_mismatch"]);
    assert!(
        check.message().contains("(unknown_secret)"),
        "{}",
        check.message()
    );
    assert!(!check.message().contains(other) && !check.message().contains(SECRET));
}

#[test]
fn a_hash_altered_on_the_page_is_explained_too() {
    let html = page(Some(&user("user-42")));
    let hash = crate::identifier_hash(SECRET, "user-42").unwrap();
    let altered = html.replace(hash.as_str(), &hash.as_str().to_uppercase());
    let check = check_user_42(&altered);
    assert_eq!(codes(&check), ["hash_mismatch"]);
    assert!(
        check.message().contains("(uppercase_hex)"),
        "{}",
        check.message()
    );
}

#[test]
fn expected_fields_are_compared_by_payload_key() {
    let html = page(Some(&user("user-42")));
    let right = json!({"email": "ada@example.com"});
    let check = check_page_identity(&html, SECRET, "user-42", right.as_object().unwrap()).unwrap();
    assert!(check.passed, "{}", check.message());

    let wrong = json!({"email": "bob@example.com", "phone_number": "+4930"});
    let check = check_page_identity(&html, SECRET, "user-42", wrong.as_object().unwrap()).unwrap();
    assert_eq!(codes(&check), ["field_mismatch", "field_mismatch"]);
    assert!(
        check
            .message()
            .contains(r#"email: expected "bob@example.com", the page has "ada@example.com"."#)
    );
    assert!(
        check
            .message()
            .contains("phone_number: expected \"+4930\", the page has absent.")
    );
}

#[test]
fn an_anonymous_page_fails_an_identity_check_and_passes_the_anonymous_one() {
    let html = page(None);
    let check = check_user_42(&html);
    assert_eq!(codes(&check), ["anonymous"]);
    assert!(check_page_anonymous(&html).passed);
}

#[test]
fn an_identified_page_fails_the_anonymous_check() {
    let check = check_page_anonymous(&page(Some(&user("user-42"))));
    assert_eq!(codes(&check), ["unexpected_user"]);
    assert!(check.message().contains(r#"It identifies "user-42"."#));
}

#[test]
fn a_page_after_logout_with_only_the_reset_script_is_anonymous() {
    let html = format!("<body>{}</body>", reset_script(None).unwrap());
    let check = check_page_anonymous(&html);
    assert!(check.passed, "{}", check.message());
    assert_eq!(check.widget.resets, 1);
}

#[test]
fn a_page_without_the_widget_fails_both_checks() {
    let html = "<body><script>window.chatwootSettings = {}</script></body>";
    let check = check_user_42(html);
    assert_eq!(codes(&check), ["no_widget"]);
    assert_eq!(codes(&check_page_anonymous(html)), ["no_widget"]);
}

#[test]
fn a_snippet_escaped_by_the_template_is_named_as_such() {
    let snippet = widget_script(&config(), Some(&user("user-42")), None).unwrap();
    for quote in ["&quot;", "&#34;", "&#x22;"] {
        let escaped = snippet
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', quote);
        let html = format!("<body>{escaped}</body>");
        let check = check_user_42(&html);
        assert_eq!(codes(&check), ["escaped_widget"], "quote {quote}");
        assert_eq!(check.widget.escaped_snippets, 1);
    }
}

#[test]
fn two_snippets_on_one_page_are_a_problem() {
    let one = widget_script(&config(), Some(&user("user-42")), None).unwrap();
    let html = format!("<head>{one}</head><body>{one}</body>");
    let check = check_user_42(&html);
    assert_eq!(codes(&check), ["several_widgets"]);
    assert!(check.message().ends_with("It renders 2."));
    let anonymous = widget_script(&config(), None, None).unwrap();
    let html = format!("{anonymous}{anonymous}");
    assert_eq!(codes(&check_page_anonymous(&html)), ["several_widgets"]);
}

#[test]
fn a_snippet_whose_code_was_changed_is_not_read_as_ours() {
    let html = page(Some(&user("user-42"))).replace("markerCookie", "renamedCookie");
    assert_eq!(read_page(&html).snippets, 0);
}

#[test]
fn set_user_payloads_are_checked_like_pages() {
    let signer = Signer::new(SECRET).unwrap();
    let payload = set_user_payload(&signer, &user("user-42")).unwrap();
    let check = check_payload_identity(&payload, SECRET, "user-42", &no_fields()).unwrap();
    assert!(check.passed, "{}", check.message());
    let check = check_payload_identity(&payload, "other-secret", "user-42", &no_fields()).unwrap();
    assert_eq!(codes(&check), ["hash_mismatch"]);
    for malformed in [
        "",
        "[]",
        r#"{"identifier": "user-42"}"#,
        r#"{"identifier": 42, "identifier_hash": "x"}"#,
    ] {
        let check = check_payload_identity(malformed, SECRET, "user-42", &no_fields()).unwrap();
        assert_eq!(codes(&check), ["malformed_payload"], "{malformed}");
    }
}

#[test]
fn an_empty_secret_is_an_error_not_a_failed_check() {
    let error = check_page_identity(&page(None), "", "user-42", &no_fields()).unwrap_err();
    assert_eq!(error.code().as_str(), "empty_secret");
}

#[test]
fn the_problem_table_is_well_formed() {
    crate::code_table::assert_table_is_well_formed::<PageProblemCode>();
    crate::code_table::assert_numbers_are_table_order::<PageProblemCode>();
}

#[test]
fn checks_serialize_for_the_bindings() {
    let check = check_page_anonymous(&page(Some(&user("user-42"))));
    let value = serde_json::to_value(&check).unwrap();
    assert_eq!(value["passed"], false);
    assert_eq!(value["problems"][0]["code"], "unexpected_user");
    assert_eq!(value["widget"]["user"]["identifier"], "user-42");
}
