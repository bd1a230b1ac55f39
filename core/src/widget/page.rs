//! The test kit's reading of a rendered page: which identity will this page send to Chatwoot?
//!
//! Integrators test their pages with their own framework's test client; what they cannot see
//! there is the identity the widget snippet will send, and whether Chatwoot will accept it.
//! [`read_page`] finds the snippets [`widget_script`](super::widget_script) and
//! [`reset_script`](super::reset_script) wrote into the HTML by their constant code and parses
//! the snippet's JSON back; the checks compare it with what the test expects and explain a
//! rejected hash with [`diagnose`](crate::diagnose). Bindings wrap the checks in their
//! framework's assertion; none of them parses HTML.

use serde::Serialize;
use serde_json::{Map, Value};

use super::script::{LOADER, RESET};
use crate::code_table::code_table;
use crate::{Error, Signer, diagnose};

code_table! {
    /// Why a page (or a set-user payload) does not identify the user a test expects.
    ///
    /// Codes are a public contract shared by every binding's test kit: never renamed, never
    /// reused. The summary is the general sentence; a [`PageProblem`]'s message adds the
    /// particulars (which identifier, which field).
    pub enum PageProblemCode {
        /// The HTML holds no widget snippet at all.
        NoWidget = 0, "no_widget",
            "The page has no Chatwoot widget snippet rendered by chatwoot-identity.";
        /// The snippet is in the HTML, but HTML-escaped: the browser shows it as text.
        EscapedWidget = 1, "escaped_widget",
            "The widget snippet was HTML-escaped by the template (it shows as &lt;script&gt; text and never runs): output it unescaped, e.g. Jinja's Markup, Django's mark_safe, ERB's raw, or EJS <%- %>.";
        /// More than one widget snippet on the page.
        SeveralWidgets = 2, "several_widgets",
            "The page renders the widget snippet more than once; render it once per page, in the layout.";
        /// A test expected a user, and the page identifies nobody.
        Anonymous = 3, "anonymous",
            "The page renders the widget for an anonymous visitor: no user is identified.";
        /// A test expected an anonymous page, and the page identifies a user.
        UnexpectedUser = 4, "unexpected_user",
            "The page identifies a user where an anonymous visitor was expected (after logout, render no user, or reset_script).";
        /// The page identifies someone else.
        WrongIdentifier = 5, "wrong_identifier",
            "The page identifies another identifier than the one expected.";
        /// The identifier_hash on the page does not verify with the secret given.
        HashMismatch = 6, "hash_mismatch",
            "The identifier_hash on the page does not verify with this HMAC secret: Chatwoot will answer 401 and the user stays anonymous.";
        /// A user field on the page differs from the one expected.
        FieldMismatch = 7, "field_mismatch",
            "A user field on the page differs from the value expected.";
        /// The payload given is not a set-user payload.
        MalformedPayload = 8, "malformed_payload",
            "The set-user payload is not a JSON object with identifier and identifier_hash, as set_user_payload returns.";
    }
}

/// The user a page identifies: the identifier and the attributes handed to `setUser`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PageUser {
    /// The identifier given to `window.$chatwoot.setUser`.
    pub identifier: String,
    /// The `identifier_hash` sent with it.
    pub identifier_hash: String,
    /// Every attribute sent to `setUser` (name, email, ..., identifier_hash), as JSON.
    pub attributes: Map<String, Value>,
}

/// What the widget snippets on a page will do, as [`read_page`] reads them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PageWidget {
    /// How many widget snippets the page holds (1 is right).
    pub snippets: usize,
    /// How many `reset_script` elements the page holds.
    pub resets: usize,
    /// How many snippets are there only in HTML-escaped form (they never run).
    pub escaped_snippets: usize,
    /// The Chatwoot installation of the last snippet.
    pub base_url: Option<String>,
    /// The inbox's website token of the last snippet.
    pub website_token: Option<String>,
    /// The user the last snippet identifies; `None` for an anonymous visitor.
    pub user: Option<PageUser>,
}

/// One reason a check failed: a stable code and a message with the particulars. The message
/// may quote identifiers and field values from the page (they are not secret), never the
/// secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageProblem {
    /// Stable code, shared by every binding.
    #[serde(serialize_with = "serialize_code")]
    pub code: PageProblemCode,
    /// The summary and the particulars.
    pub message: String,
}

fn serialize_code<S: serde::Serializer>(code: &PageProblemCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.as_str())
}

/// The answer of a page or payload check: `passed` exactly when `problems` is empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PageCheck {
    /// Whether the page identifies the user as expected.
    pub passed: bool,
    /// What is wrong, in the order found.
    pub problems: Vec<PageProblem>,
    /// What the page holds, for the test's own further assertions.
    pub widget: PageWidget,
}

impl PageCheck {
    fn new(widget: PageWidget, problems: Vec<PageProblem>) -> Self {
        PageCheck {
            passed: problems.is_empty(),
            problems,
            widget,
        }
    }

    /// The problems' messages, one per line: what a host's assertion error says.
    pub fn message(&self) -> String {
        let lines: Vec<&str> = self.problems.iter().map(|p| p.message.as_str()).collect();
        lines.join("\n")
    }
}

/// Reads every widget and reset snippet that chatwoot-identity rendered into `html`.
///
/// ```
/// use chatwoot_identity::{Signer, WidgetConfig, WidgetUser, read_page, widget_script};
///
/// let config = WidgetConfig::new("https://app.chatwoot.com", "QrtMG8GydFgEy7bVzsLLmHoq")?
///     .with_signer(Signer::new("your-secret-token-for-hmac")?);
/// let mut user = WidgetUser::new("user-42");
/// user.email = Some("ada@example.com".into());
/// let html = format!("<body>{}</body>", widget_script(&config, Some(&user), None)?);
/// let page = read_page(&html);
/// assert_eq!(page.snippets, 1);
/// assert_eq!(page.user.unwrap().identifier, "user-42");
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
pub fn read_page(html: &str) -> PageWidget {
    let (before, after) = loader_parts();
    let mut widget = PageWidget {
        resets: html.matches(RESET).count(),
        ..PageWidget::default()
    };
    let mut rest = html;
    while let Some(start) = rest.find(before) {
        rest = &rest[start + before.len()..];
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let Some(Ok(config)) = values.next() else {
            continue;
        };
        let end = values.byte_offset();
        if !rest[end..].starts_with(after) {
            continue;
        }
        rest = &rest[end + after.len()..];
        widget.snippets += 1;
        read_config(&config, &mut widget);
    }
    // The mark has no character HTML escaping changes: it counts escaped snippets as well.
    widget.escaped_snippets = html
        .matches(LOADER_MARK)
        .count()
        .saturating_sub(widget.snippets);
    widget
}

/// Checks that `html` identifies `identifier` to Chatwoot with a hash that verifies under
/// `secret` (the inbox's HMAC secret), and that each of `fields` (payload keys such as
/// `"email"` or `"custom_attributes"`) has the value given. A rejected hash is explained with
/// [`diagnose`]'s findings.
///
/// # Errors
/// [`Error::EmptySecret`]: there is nothing to check the hash against.
pub fn check_page_identity(
    html: &str,
    secret: impl AsRef<[u8]>,
    identifier: &str,
    fields: &Map<String, Value>,
) -> Result<PageCheck, Error> {
    let expected = ExpectedUser::new(secret.as_ref(), identifier, fields)?;
    let widget = read_page(html);
    let mut problems = page_shape_problems(&widget);
    if widget.snippets > 0 {
        match &widget.user {
            Some(user) => expected.problems(user, &mut problems),
            None => problems.push(problem(PageProblemCode::Anonymous, String::new())),
        }
    }
    Ok(PageCheck::new(widget, problems))
}

/// Checks that `html` identifies nobody: a widget for an anonymous visitor, or a
/// `reset_script` (the page after logout).
pub fn check_page_anonymous(html: &str) -> PageCheck {
    let widget = read_page(html);
    let mut problems = Vec::new();
    if widget.snippets == 0 && widget.resets == 0 {
        problems = page_shape_problems(&widget);
    } else if widget.snippets > 1 {
        problems.push(several(widget.snippets));
    }
    if let Some(user) = &widget.user {
        let detail = format!("It identifies {}.", quoted(&user.identifier));
        problems.push(problem(PageProblemCode::UnexpectedUser, detail));
    }
    PageCheck::new(widget, problems)
}

/// Checks a set-user payload (the JSON text [`set_user_payload`](super::set_user_payload)
/// returns, which a single-page or React Native app hands to `setUser`) as
/// [`check_page_identity`] checks a page.
///
/// # Errors
/// [`Error::EmptySecret`].
pub fn check_payload_identity(
    payload: &str,
    secret: impl AsRef<[u8]>,
    identifier: &str,
    fields: &Map<String, Value>,
) -> Result<PageCheck, Error> {
    let expected = ExpectedUser::new(secret.as_ref(), identifier, fields)?;
    let user = serde_json::from_str::<Value>(payload)
        .ok()
        .and_then(|value| match value {
            Value::Object(mut attributes) => {
                let identifier = attributes.remove("identifier")?.as_str()?.to_owned();
                page_user(identifier, attributes)
            }
            _ => None,
        });
    let mut problems = Vec::new();
    match &user {
        Some(user) => expected.problems(user, &mut problems),
        None => problems.push(problem(PageProblemCode::MalformedPayload, String::new())),
    }
    let widget = PageWidget {
        user,
        ..PageWidget::default()
    };
    Ok(PageCheck::new(widget, problems))
}

/// The loader's constant code before and after the spliced-in JSON, as rendered.
fn loader_parts() -> (&'static str, &'static str) {
    LOADER
        .trim_end()
        .split_once(CONFIG_PLACEHOLDER)
        .expect("the loader has one placeholder")
}

const CONFIG_PLACEHOLDER: &str = "__CONFIG__";

/// A line of the loader with no character that HTML escaping changes (no quote, `<`, `&`).
const LOADER_MARK: &str = "// Constant code: the only value spliced in is `config`";

fn read_config(config: &Value, widget: &mut PageWidget) {
    let text = |key: &str| config.get(key).and_then(Value::as_str).map(str::to_owned);
    widget.base_url = text("baseUrl");
    widget.website_token = text("websiteToken");
    widget.user = config.get("user").and_then(|user| {
        let identifier = user.get("identifier")?.as_str()?.to_owned();
        let attributes = user.get("attributes")?.as_object()?.clone();
        page_user(identifier, attributes)
    });
}

fn page_user(identifier: String, attributes: Map<String, Value>) -> Option<PageUser> {
    let identifier_hash = attributes.get("identifier_hash")?.as_str()?.to_owned();
    Some(PageUser {
        identifier,
        identifier_hash,
        attributes,
    })
}

/// No snippet, an escaped one, or several.
fn page_shape_problems(widget: &PageWidget) -> Vec<PageProblem> {
    match widget.snippets {
        0 if widget.escaped_snippets > 0 => vec![problem(PageProblemCode::EscapedWidget, "")],
        0 => vec![problem(PageProblemCode::NoWidget, "")],
        1 => Vec::new(),
        n => vec![several(n)],
    }
}

fn several(count: usize) -> PageProblem {
    problem(
        PageProblemCode::SeveralWidgets,
        format!("It renders {count}."),
    )
}

/// The user a page or payload check expects, and the secret its hash must verify under. Both
/// identity checks build it first, so an empty secret is an error before anything is read.
struct ExpectedUser<'a> {
    signer: Signer,
    secret: &'a [u8],
    identifier: &'a str,
    fields: &'a Map<String, Value>,
}

impl<'a> ExpectedUser<'a> {
    fn new(
        secret: &'a [u8],
        identifier: &'a str,
        fields: &'a Map<String, Value>,
    ) -> Result<Self, Error> {
        Ok(ExpectedUser {
            signer: Signer::new(secret)?,
            secret,
            identifier,
            fields,
        })
    }

    /// How `user` differs from the expected one: identifier, hash, fields.
    fn problems(&self, user: &PageUser, problems: &mut Vec<PageProblem>) {
        if user.identifier != self.identifier {
            let detail = format!(
                "Expected {}, the page identifies {}.",
                quoted(self.identifier),
                quoted(&user.identifier)
            );
            problems.push(problem(PageProblemCode::WrongIdentifier, detail));
        }
        if !self
            .signer
            .verify(&user.identifier, &user.identifier_hash)
            .unwrap_or(false)
        {
            problems.push(problem(
                PageProblemCode::HashMismatch,
                hash_findings(self.secret, user),
            ));
        }
        for (key, expected) in self.fields {
            let actual = user.attributes.get(key);
            if actual != Some(expected) {
                let shown = actual.map_or_else(|| "absent".to_owned(), Value::to_string);
                let detail = format!("{key}: expected {expected}, the page has {shown}.");
                problems.push(problem(PageProblemCode::FieldMismatch, detail));
            }
        }
    }
}

fn hash_findings(secret: &[u8], user: &PageUser) -> String {
    match diagnose(secret, &user.identifier, &user.identifier_hash) {
        Ok(diagnosis) => {
            let findings: Vec<String> = diagnosis
                .findings
                .iter()
                .map(|f| format!("{} ({})", f.message, f.code.as_str()))
                .collect();
            format!("diagnose: {}", findings.join(" "))
        }
        Err(error) => format!("diagnose: {error}"),
    }
}

fn problem(code: PageProblemCode, detail: impl Into<String>) -> PageProblem {
    let detail = detail.into();
    let message = if detail.is_empty() {
        code.summary().to_owned()
    } else {
        format!("{} {detail}", code.summary())
    };
    PageProblem { code, message }
}

fn quoted(text: &str) -> String {
    Value::from(text).to_string()
}

#[cfg(test)]
mod tests;
