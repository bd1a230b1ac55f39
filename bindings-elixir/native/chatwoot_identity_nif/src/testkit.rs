//! The test kit: which identity a rendered page (or a set-user payload) will send, and whether
//! Chatwoot accepts it. The core reads the page and checks it (`read_page`, `check_page_*`,
//! `check_payload_identity`); this file moves the arguments in and hands the core's answer to
//! Elixir as `%ChatwootIdentity.PageCheck{}` and its parts. `ChatwootIdentity.Testing` turns a
//! failed check into an ExUnit assertion error. No HTML is read here.

use chatwoot_identity::{PageCheck, PageProblem, PageUser, PageWidget, from_host};
use rustler::{Atom, Env, NifStruct, Term};
use serde_json::{Map, Value};

use crate::arguments::{self, IDENTIFIER, is_nil};
use crate::codes;
use crate::reply::{Failure, Outcome, nifs};
use crate::structured_input::TermDeserializer;

nifs! {
    fn read_page(env, html) {
        WidgetTerm::new(env, chatwoot_identity::read_page(arguments::text(html, "html")?))
    }

    /// `nil` when the page must be left as it is (no `</body>`, or a widget already on it).
    fn insert_widget(_, html, snippet) {
        let html = arguments::text(html, "html")?;
        Ok(chatwoot_identity::insert_widget(html, arguments::text(snippet, "snippet")?))
    }

    fn check_page_identity(env, html, hmac_secret, identifier, fields) {
        let html = arguments::text(html, "html")?;
        let (secret, identifier, fields) = expected(hmac_secret, identifier, fields)?;
        let check = chatwoot_identity::check_page_identity(html, secret, &identifier, &fields)?;
        CheckTerm::new(env, check)
    }

    /// `payload`: the JSON text of `set_user_payload_json/2`, or the map of `set_user_payload/2`
    /// (read as JSON by the core's own reader of host values, so both are checked alike).
    fn check_payload_identity(env, payload, hmac_secret, identifier, fields) {
        let json = match arguments::text(payload, "payload") {
            Ok(text) => text.to_owned(),
            Err(_) => {
                let value: Value = from_host("payload", TermDeserializer::new(payload))?;
                value.to_string()
            }
        };
        let (secret, identifier, fields) = expected(hmac_secret, identifier, fields)?;
        let check = chatwoot_identity::check_payload_identity(&json, secret, &identifier, &fields)?;
        CheckTerm::new(env, check)
    }

    fn check_page_anonymous(env, html) {
        let html = arguments::text(html, "html")?;
        CheckTerm::new(env, chatwoot_identity::check_page_anonymous(html))
    }
}

/// What an identity check compares the page with: the inbox's secret, the identifier as the
/// text Chatwoot hashes (an integer as its decimal text), and the expected fields (a map or a
/// keyword list of payload keys; `nil` or `[]` for none).
fn expected<'a>(
    hmac_secret: Term<'a>,
    identifier: Term<'a>,
    fields: Term<'a>,
) -> Outcome<(&'a [u8], String, Map<String, Value>)> {
    let secret = arguments::secret(hmac_secret, "hmac_secret")?;
    let identifier = arguments::identifier(identifier, IDENTIFIER)?;
    let identifier = String::from_utf8(identifier.as_ref().to_vec())
        .map_err(|_| Failure::Argument("identifier must be UTF-8 text".to_owned()))?;
    let fields = match is_nil(fields) {
        true => Map::new(),
        false => from_host("fields", TermDeserializer::new(fields))?,
    };
    Ok((secret, identifier, fields))
}

/// `%ChatwootIdentity.PageCheck{}`: the core's `PageCheck`, with its `message()`.
#[derive(NifStruct)]
#[rustler(encode)]
#[module = "ChatwootIdentity.PageCheck"]
struct CheckTerm<'a> {
    passed: bool,
    problems: Vec<ProblemTerm>,
    widget: WidgetTerm<'a>,
    message: String,
}

impl<'a> CheckTerm<'a> {
    fn new(env: Env<'a>, check: PageCheck) -> Outcome<Self> {
        let message = check.message();
        let problems = check.problems.into_iter();
        Ok(CheckTerm {
            passed: check.passed,
            problems: problems
                .map(|problem| ProblemTerm::new(env, problem))
                .collect(),
            widget: WidgetTerm::new(env, check.widget)?,
            message,
        })
    }
}

/// `%ChatwootIdentity.PageProblem{}`: `code` as an atom, as every code of this package.
#[derive(NifStruct)]
#[rustler(encode)]
#[module = "ChatwootIdentity.PageProblem"]
struct ProblemTerm {
    code: Atom,
    message: String,
}

impl ProblemTerm {
    fn new(env: Env<'_>, problem: PageProblem) -> Self {
        ProblemTerm {
            code: codes::atom(env, problem.code.as_str()),
            message: problem.message,
        }
    }
}

/// `%ChatwootIdentity.PageWidget{}`: what the snippets on a page will do.
#[derive(NifStruct)]
#[rustler(encode)]
#[module = "ChatwootIdentity.PageWidget"]
struct WidgetTerm<'a> {
    snippets: usize,
    resets: usize,
    escaped_snippets: usize,
    base_url: Option<String>,
    website_token: Option<String>,
    user: Option<UserTerm<'a>>,
}

impl<'a> WidgetTerm<'a> {
    fn new(env: Env<'a>, widget: PageWidget) -> Outcome<Self> {
        Ok(WidgetTerm {
            snippets: widget.snippets,
            resets: widget.resets,
            escaped_snippets: widget.escaped_snippets,
            base_url: widget.base_url,
            website_token: widget.website_token,
            user: widget
                .user
                .map(|user| UserTerm::new(env, user))
                .transpose()?,
        })
    }
}

/// `%ChatwootIdentity.PageUser{}`: the identifier, its hash, and every attribute sent to
/// `setUser` as a map with binary keys (what the JSON on the page decodes to).
#[derive(NifStruct)]
#[rustler(encode)]
#[module = "ChatwootIdentity.PageUser"]
struct UserTerm<'a> {
    identifier: String,
    identifier_hash: String,
    attributes: Term<'a>,
}

impl<'a> UserTerm<'a> {
    fn new(env: Env<'a>, user: PageUser) -> Outcome<Self> {
        let attributes = rustler::serde::to_term(env, Value::Object(user.attributes))
            .map_err(|error| Failure::Internal(format!("the attributes have no term: {error}")))?;
        Ok(UserTerm {
            identifier: user.identifier,
            identifier_hash: user.identifier_hash,
            attributes,
        })
    }
}
