//! Automatic injection's text rule and the test kit's checks, both the core's: `insert_widget`
//! decides where a snippet goes in a page (and whether it goes in at all); the page checks read
//! the snippets the core wrote and return the core's `PageCheck` as JSON text, which
//! lib/chatwoot_identity/testing.rb parses. No HTML is read here or in lib/.

use chatwoot_identity::{
    PageCheck, check_page_anonymous, check_page_identity, check_payload_identity, insert_widget,
};
use magnus::{Error, RModule, RString, Ruby, Value};
use serde_json::{Map, Value as Json};

use crate::arguments::{self, Parameter};
use crate::errors::OrRaise;

/// `insert_widget` is public; the checks are private module functions, called by the Ruby
/// methods of the same name in lib/.
pub fn define(module: RModule) -> Result<(), Error> {
    define!(module, define_module_function, function!:
        "insert_widget"/2 => insert,
        "check_page_identity_json"/4 => page_identity_json,
        "check_payload_identity_json"/4 => payload_identity_json,
        "check_page_anonymous_json"/1 => page_anonymous_json,
    );
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

/// `check_page_identity_json` and `check_payload_identity_json`: the same arguments, read and
/// refused the same way, around the core's check of the page's HTML or of the `setUser`
/// payload's JSON (`$document`, the name of its parameter in messages).
macro_rules! identity_json {
    ($function:ident, $document:literal, $check:path) => {
        fn $function(
            ruby: &Ruby,
            document: Value,
            hmac_secret: Value,
            identifier: Value,
            fields: String,
        ) -> Result<RString, Error> {
            let fields = fields_map(ruby, &fields)?;
            let (document, secret, identifier) = (
                text(ruby, document, $document)?,
                arguments::string(ruby, hmac_secret, Parameter::Named("hmac_secret"))?,
                text(ruby, identifier, "identifier")?,
            );
            // SAFETY: the borrows end with this statement; no Ruby code runs during it.
            let check = unsafe {
                $check(
                    utf8(ruby, &document, $document)?,
                    secret.as_slice(),
                    utf8(ruby, &identifier, "identifier")?,
                    &fields,
                )
            }
            .or_raise(ruby)?;
            Ok(json(ruby, &check))
        }
    };
}

identity_json!(page_identity_json, "html", check_page_identity);
identity_json!(payload_identity_json, "payload", check_payload_identity);

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
