//! Renders the `<script>` elements a server-rendered page includes.
//!
//! Every value the page did not write itself (URLs, tokens, the user's fields) travels in one
//! JSON document, escaped so that nothing in it can end the script element or start markup:
//! the code around it is constant text.

use serde::Serialize;

use super::user::SignedAttributes;
use super::{WidgetConfig, WidgetSettings, WidgetUser};
use crate::Error;

/// The one JSON document the loader reads: every value the page did not write itself.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoaderConfig<'a> {
    base_url: &'a str,
    website_token: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<&'a WidgetSettings>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<SignedUser<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nonce: Option<&'a str>,
}

#[derive(Serialize)]
struct SignedUser<'a> {
    identifier: &'a str,
    attributes: SignedAttributes<'a>,
}

/// Loads Chatwoot's SDK, applies the settings and, once the widget is ready, calls `setUser`.
/// `config` is the only value spliced in; it is escaped JSON.
const LOADER: &str = r#"(function (d, t) {
  var config = __CONFIG__;
  if (config.settings) { window.chatwootSettings = config.settings; }
  if (config.user) {
    window.addEventListener("chatwoot:ready", function () {
      window.$chatwoot.setUser(config.user.identifier, config.user.attributes);
    }, { once: true });
  }
  var g = d.createElement(t), s = d.getElementsByTagName(t)[0];
  g.src = config.baseUrl + "/packs/js/sdk.js";
  g.async = true;
  if (config.nonce) { g.nonce = config.nonce; }
  g.onload = function () {
    window.chatwootSDK.run({ websiteToken: config.websiteToken, baseUrl: config.baseUrl });
  };
  s.parentNode.insertBefore(g, s);
})(document, "script");"#;

/// Logs the user out of the widget, now or as soon as it is ready.
const RESET: &str = r#"(function () {
  function reset() { window.$chatwoot.reset(); }
  if (window.$chatwoot) { reset(); } else { window.addEventListener("chatwoot:ready", reset, { once: true }); }
})();"#;

/// The complete widget snippet for a server-rendered page: Chatwoot's loader, the settings,
/// and, when `user` is given, `window.$chatwoot.setUser(identifier, {..., identifier_hash})` on
/// the `chatwoot:ready` event.
///
/// With a Content-Security-Policy that allows scripts by nonce, pass the request's `nonce`: it
/// goes on this element and on the SDK's script element.
///
/// ```
/// use chatwoot_identity::{Signer, WidgetConfig, WidgetUser, widget_script};
///
/// let config = WidgetConfig::new("https://app.chatwoot.com", "QrtMG8GydFgEy7bVzsLLmHoq")?
///     .with_signer(Signer::new("your-secret-token-for-hmac")?);
/// let mut user = WidgetUser::new("user-42");
/// user.name = Some("</script><script>alert(1)</script>".into());
/// let html = widget_script(&config, Some(&user), Some("r4nd0m"))?;
/// assert!(html.starts_with("<script nonce=\"r4nd0m\">"));
/// assert_eq!(html.matches("</script>").count(), 1, "the name cannot close the element");
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidNonce`]; for the user, [`Error::MissingSecret`] (no signer in `config`),
/// [`Error::EmptyIdentifier`], [`Error::IncompleteUser`].
pub fn widget_script(
    config: &WidgetConfig,
    user: Option<&WidgetUser>,
    nonce: Option<&str>,
) -> Result<String, Error> {
    if let Some(nonce) = nonce {
        check_nonce(nonce)?;
    }
    let mut hash = String::new();
    let user = match user {
        Some(user) => {
            let signer = config.signer.as_ref().ok_or(Error::MissingSecret)?;
            Some(SignedUser {
                identifier: &user.identifier,
                attributes: user.signed(signer, &mut hash)?,
            })
        }
        None => None,
    };
    let document = LoaderConfig {
        base_url: config.base_url(),
        website_token: config.website_token(),
        settings: (!config.settings.is_empty()).then_some(&config.settings),
        user,
        nonce,
    };
    let json =
        serde_json::to_string(&document).expect("the loader config holds only JSON-safe values");
    let json = escape_for_script(&json);
    Ok(element(&LOADER.replace("__CONFIG__", &json), nonce))
}

/// A `<script>` element that logs the user out of the widget (`window.$chatwoot.reset()`);
/// render it on the page after logout.
///
/// # Errors
/// [`Error::InvalidNonce`].
pub fn reset_script(nonce: Option<&str>) -> Result<String, Error> {
    if let Some(nonce) = nonce {
        check_nonce(nonce)?;
    }
    Ok(element(RESET, nonce))
}

fn element(code: &str, nonce: Option<&str>) -> String {
    match nonce {
        Some(nonce) => format!("<script nonce=\"{nonce}\">\n{code}\n</script>"),
        None => format!("<script>\n{code}\n</script>"),
    }
}

/// A CSP nonce-source value (base64 or base64url, as CSP Level 3 defines it), which also makes
/// it safe inside a double-quoted attribute.
fn check_nonce(nonce: &str) -> Result<(), Error> {
    let body = nonce.trim_end_matches('=');
    let padding = nonce.len() - body.len();
    let alphabet = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
    if body.is_empty() || padding > 2 || nonce.len() > 256 || !body.bytes().all(alphabet) {
        return Err(Error::InvalidNonce);
    }
    Ok(())
}

/// Makes JSON text safe inside an HTML `<script>` element.
///
/// `<` and `>` (so no `</script>` or `<!--` can appear), `&` and `'` (for good measure when the
/// text is moved into an attribute), and U+2028/U+2029 (line terminators in older JavaScript)
/// become `\uXXXX` escapes. They can only occur inside JSON strings, where the escape means
/// the same character, so the JSON still parses to the same values.
pub(crate) fn escape_for_script(json: &str) -> String {
    let mut escaped = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            '\'' => escaped.push_str("\\u0027"),
            '\u{2028}' => escaped.push_str("\\u2028"),
            '\u{2029}' => escaped.push_str("\\u2029"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_alphabet() {
        for good in ["abc", "AbC+/09", "a-b_c", "YWJj==", "x="] {
            assert!(check_nonce(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "==",
            "a b",
            "a\"b",
            "a<b",
            "abc===",
            "a=b",
            &"a".repeat(257),
        ] {
            assert_eq!(check_nonce(bad), Err(Error::InvalidNonce), "{bad}");
        }
    }

    #[test]
    fn escaping_keeps_the_json_meaning() {
        let text = "</script><!-- & ' \u{2028}\u{2029} \"\\";
        let json = escape_for_script(&serde_json::to_string(text).unwrap());
        assert!(!json.contains(['<', '>', '&', '\'', '\u{2028}', '\u{2029}']));
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
    }
}
