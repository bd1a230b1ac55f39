//! tests/vectors/widget.json through the core's own generic input path (`from_host` over a
//! JSON value, as a binding passes its host's value), and through the JSON entry points.

use chatwoot_identity::{
    Error, Signer, WidgetRequest, WidgetUser, from_host, set_user_payload, widget_script_from_json,
};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
struct File {
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    description: String,
    secret: Option<String>,
    request: Value,
    set_user_payload: Option<Value>,
    error: Option<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    code: String,
    path: Option<String>,
    wrong_type: bool,
}

fn vectors() -> Vec<Vector> {
    let text = include_str!("../../tests/vectors/widget.json");
    serde_json::from_str::<File>(text).unwrap().vectors
}

/// What a binding does: read the host's value generically, then render.
fn render(vector: &Vector) -> Result<String, Error> {
    let request: WidgetRequest = from_host("", &vector.request)?;
    let signer = vector.secret.as_deref().map(Signer::new).transpose()?;
    request.widget_script(signer.as_ref())
}

#[test]
fn good_requests_render_and_sign_as_the_independent_implementations_do() {
    for vector in vectors().iter().filter(|v| v.error.is_none()) {
        let name = &vector.description;
        let html = render(vector).unwrap_or_else(|e| panic!("{name}: {e}"));
        let via_json = widget_script_from_json(
            vector.secret.as_deref().map(str::as_bytes),
            &vector.request.to_string(),
        )
        .unwrap();
        assert_eq!(
            html, via_json,
            "{name}: both input paths render the same page"
        );
        if let Some(expected) = &vector.set_user_payload {
            let user: WidgetUser = from_host("user", &vector.request["user"]).unwrap();
            let signer = Signer::new(vector.secret.as_deref().unwrap()).unwrap();
            let payload: Value =
                serde_json::from_str(&set_user_payload(&signer, &user).unwrap()).unwrap();
            assert_eq!(&payload, expected, "{name}");
            let hash = expected["identifier_hash"].as_str().unwrap();
            assert!(html.contains(hash), "{name}: the page carries the hash");
        }
    }
}

#[test]
fn bad_requests_fail_with_their_code_path_and_class() {
    let bad: Vec<_> = vectors()
        .into_iter()
        .filter(|v| v.error.is_some())
        .collect();
    assert!(bad.len() >= 10);
    for vector in bad {
        let name = &vector.description;
        let expected = vector.error.as_ref().unwrap();
        let error = render(&vector).expect_err(name);
        assert_eq!(error.code().as_str(), expected.code, "{name}: {error}");
        if let Some(path) = &expected.path {
            assert!(
                error.to_string().starts_with(&format!("{path}: ")),
                "{name}: {error}"
            );
        }
        assert_eq!(
            error.is_wrong_type(),
            expected.wrong_type,
            "{name}: {error}"
        );
        let via_json = widget_script_from_json(
            vector.secret.as_deref().map(str::as_bytes),
            &vector.request.to_string(),
        )
        .unwrap_err();
        assert_eq!(via_json.to_string(), error.to_string(), "{name}");
    }
}
