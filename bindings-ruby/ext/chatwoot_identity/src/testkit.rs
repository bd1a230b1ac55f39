//! Automatic injection's text rule and the test kit's checks, both the core's: `insert_widget`
//! decides where a snippet goes in a page (and whether it goes in at all); the page checks read
//! the snippets the core wrote and return the core's `PageCheck` as JSON text, which
//! lib/chatwoot_identity/testing.rb parses. No HTML is read here or in lib/.

use chatwoot_identity::{
    Error as CoreError, PageCheck, check_page_anonymous, check_page_identity,
    check_payload_identity, insert_widget,
};
use magnus::{Error, RModule, RString, Ruby, Value, function};
use serde_json::{Map, Value as Json};

use crate::arguments::{self, Parameter};
use crate::errors::OrRaise;

/// `insert_widget` is public; the checks are private module functions, called by the Ruby
/// methods of the same name in lib/.
pub fn define(module: RModule) -> Result<(), Error> {
    module.define_module_function("insert_widget", function!(insert, 2))?;
    module.define_module_function("check_page_identity_json", function!(page_identity_json, 4))?;
    module.define_module_function(
        "check_payload_identity_json",
        function!(payload_identity_json, 4),
    )?;
    module.define_module_function(
        "check_page_anonymous_json",
        function!(page_anonymous_json, 1),
    )?;
    Ok(())
}

/// `ChatwootIdentity.insert_widget(html, snippet)`: the page with the snippet before its last
/// `</body>`, or nil when the core leaves the page as it is.
fn insert(ruby: &Ruby, html: Value, snippet: Value) -> Result<Option<RString>, Error> {
    let html = text(ruby, html, "html")?;
    let snippet = text(ruby, snippet, "snippet")?;
    // SAFETY: both borrows end with this statement; no Ruby code runs during it.
    let page =
        unsafe { insert_widget(utf8(ruby, &html, "html")?, utf8(ruby, &snippet, "snippet")?) };
    Ok(page.map(|page| ruby.str_new(&page)))
}

fn page_identity_json(
    ruby: &Ruby,
    html: Value,
    hmac_secret: Value,
    identifier: Value,
    fields: String,
) -> Result<RString, Error> {
    let document = Document {
        name: "html",
        value: html,
    };
    identity_json(
        ruby,
        document,
        hmac_secret,
        identifier,
        &fields,
        |html, secret, identifier, fields| check_page_identity(html, secret, identifier, fields),
    )
}

fn payload_identity_json(
    ruby: &Ruby,
    payload: Value,
    hmac_secret: Value,
    identifier: Value,
    fields: String,
) -> Result<RString, Error> {
    let document = Document {
        name: "payload",
        value: payload,
    };
    identity_json(
        ruby,
        document,
        hmac_secret,
        identifier,
        &fields,
        |payload, secret, identifier, fields| {
            check_payload_identity(payload, secret, identifier, fields)
        },
    )
}

/// What an identity check reads: the page's HTML or the `setUser` payload's JSON, by the name
/// its parameter has in messages.
struct Document {
    name: &'static str,
    value: Value,
}

/// The two identity checks take the same arguments, read and refused the same way: the
/// document, the secret, the identifier and the expected fields.
fn identity_json(
    ruby: &Ruby,
    document: Document,
    hmac_secret: Value,
    identifier: Value,
    fields: &str,
    check: impl FnOnce(&str, &[u8], &str, &Map<String, Json>) -> Result<PageCheck, CoreError>,
) -> Result<RString, Error> {
    let fields = fields_map(ruby, fields)?;
    let (document_text, secret, identifier) = (
        text(ruby, document.value, document.name)?,
        arguments::string(ruby, hmac_secret, Parameter::Named("hmac_secret"))?,
        text(ruby, identifier, "identifier")?,
    );
    // SAFETY: the borrows end with this statement; no Ruby code runs during it.
    let check = unsafe {
        check(
            utf8(ruby, &document_text, document.name)?,
            secret.as_slice(),
            utf8(ruby, &identifier, "identifier")?,
            &fields,
        )
    }
    .or_raise(ruby)?;
    Ok(json(ruby, &check))
}

fn page_anonymous_json(ruby: &Ruby, html: Value) -> Result<RString, Error> {
    let html = text(ruby, html, "html")?;
    // SAFETY: the borrow ends with this statement; no Ruby code runs during it.
    let check = unsafe { check_page_anonymous(utf8(ruby, &html, "html")?) };
    Ok(json(ruby, &check))
}

fn json(ruby: &Ruby, check: &PageCheck) -> RString {
    ruby.str_new(&serde_json::to_string(check).expect("the core's PageCheck serializes to JSON"))
}

/// `fields`, made JSON by lib/'s strict walk of plain data: an object of payload keys.
fn fields_map(ruby: &Ruby, fields: &str) -> Result<Map<String, Json>, Error> {
    match serde_json::from_str(fields) {
        Ok(Json::Object(map)) => Ok(map),
        _ => Err(Error::new(
            ruby.exception_type_error(),
            "fields must be a Hash of payload keys (email:, custom_attributes:, ...)",
        )),
    }
}

fn text(ruby: &Ruby, value: Value, name: &'static str) -> Result<RString, Error> {
    arguments::string(ruby, value, Parameter::Named(name))
}

/// The String's bytes as text; an `ArgumentError` naming the parameter when they are not
/// UTF-8 (a page in another encoding is not one the middleware hands over).
///
/// # Safety
/// No Ruby code may run while the returned slice is alive.
unsafe fn utf8<'a>(ruby: &Ruby, string: &'a RString, name: &str) -> Result<&'a str, Error> {
    // SAFETY: forwarded to the caller.
    std::str::from_utf8(unsafe { string.as_slice() }).map_err(|_| {
        Error::new(
            ruby.exception_arg_error(),
            format!("{name} must be valid UTF-8 text"),
        )
    })
}
