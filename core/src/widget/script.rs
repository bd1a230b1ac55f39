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
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    debug: bool,
}

#[derive(Serialize)]
struct SignedUser<'a> {
    identifier: &'a str,
    attributes: SignedAttributes<'a>,
    /// Stands for the identifier_hash in the browser's memory of who was signed in.
    marker: String,
    /// Changes when any field of the payload changes, so the snippet knows to send it again.
    digest: String,
}

impl<'a> SignedUser<'a> {
    fn new(identifier: &'a str, attributes: SignedAttributes<'a>) -> Self {
        let json = serde_json::to_string(&attributes).expect("attributes are JSON-safe");
        let marker = short_digest(&[
            b"chatwoot-identity marker",
            attributes.identifier_hash().as_bytes(),
        ]);
        let digest = short_digest(&[
            b"chatwoot-identity payload",
            identifier.as_bytes(),
            json.as_bytes(),
        ]);
        SignedUser {
            identifier,
            attributes,
            marker,
            digest,
        }
    }
}

/// 128 bits of SHA-256 over length-prefixed parts, as hex: a name for a value, not a secret.
fn short_digest(parts: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hex::encode(&hasher.finalize()[..16])
}

/// Loads Chatwoot's SDK once per document, applies the settings, and keeps the widget's identity
/// equal to this page's user across logins, logouts, user switches, profile changes and Turbo
/// visits (see loader.js). `__CONFIG__` is the only value spliced in; it is escaped JSON.
pub(super) const LOADER: &str = include_str!("loader.js");

/// Logs the user out of the widget, now or as soon as it is ready, and forgets the identity the
/// widget snippet remembered (its `cw_identity_<token>` cookies).
pub(super) const RESET: &str = r#"(function () {
  document.cookie.split("; ").forEach(function (cookie) {
    var name = cookie.split("=")[0];
    if (name.indexOf("cw_identity_") === 0) { document.cookie = name + "=; path=/; max-age=0"; }
  });
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
    let json = loader_config(config, user, nonce)?;
    let json = escape_for_script(&json);
    Ok(element(
        LOADER.trim_end().replace("__CONFIG__", &json).as_str(),
        nonce,
    ))
}

/// The JSON document the loader of [`widget_script`] reads (`{baseUrl, websiteToken, settings?,
/// user?: {identifier, attributes, marker, digest}, nonce?, debug?}`), without the script
/// element: for a page that runs the same loader code itself, as a React component does with
/// the config its server rendered. It is plain JSON, not escaped for a `<script>` element.
///
/// ```
/// use chatwoot_identity::{Signer, WidgetConfig, WidgetUser, loader_config};
///
/// let config = WidgetConfig::new("https://app.chatwoot.com", "QrtMG8GydFgEy7bVzsLLmHoq")?
///     .with_signer(Signer::new("your-secret-token-for-hmac")?);
/// let mut user = WidgetUser::new("user-42");
/// user.email = Some("user-42@example.com".into());
/// let json = loader_config(&config, Some(&user), None)?;
/// assert!(json.starts_with(r#"{"baseUrl":"https://app.chatwoot.com","websiteToken":"#));
/// assert!(json.contains(r#""identifier_hash":""#));
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
///
/// # Errors
/// Those of [`widget_script`].
pub fn loader_config(
    config: &WidgetConfig,
    user: Option<&WidgetUser>,
    nonce: Option<&str>,
) -> Result<String, Error> {
    if let Some(nonce) = nonce {
        check_nonce(nonce)?;
    }
    let user = match user {
        Some(user) => {
            let signer = config.signer.as_ref().ok_or(Error::MissingSecret)?;
            Some(SignedUser::new(&user.identifier, user.signed(signer)?))
        }
        None => None,
    };
    let document = LoaderConfig {
        base_url: config.base_url(),
        website_token: config.website_token(),
        settings: (!config.settings.is_empty()).then_some(&config.settings),
        user,
        nonce,
        debug: config.debug,
    };
    Ok(serde_json::to_string(&document).expect("the loader config holds only JSON-safe values"))
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
