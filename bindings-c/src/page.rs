//! The test kit: which identity will a rendered page (or a set-user payload) send to Chatwoot,
//! and will Chatwoot accept it? The core reads the page and checks it; these functions hand its
//! answer (the core's `PageCheck`, `PageWidget`) to C as JSON text, with `passed` apart so a C
//! test needs no JSON parser to fail. No HTML is read here.

use std::borrow::Cow;
use std::ffi::c_char;

use identity::{Error, PageCheck, PageProblemCode};
use serde_json::{Map, Value};

use crate::code_texts::{CodeTexts, code_texts};
use crate::guard::{guard, guard_status};
use crate::output::SizedOut;
use crate::slices::{input, json_text, optional_input, output};
use crate::status::Failure;
use crate::status_table::chatwoot_identity_status;

/// Text the core reads as UTF-8; other bytes read as U+FFFD (the snippets our renderer writes
/// are UTF-8, so a page with stray bytes elsewhere is still read). Borrowed when valid.
fn text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// The expected fields: a JSON object of payload keys (`email`, `custom_attributes`), absent
/// when NULL with length 0. Its errors name `fields` as widget documents name their paths.
fn fields(bytes: Option<&[u8]>) -> Result<Map<String, Value>, Error> {
    let Some(bytes) = bytes else {
        return Ok(Map::new());
    };
    identity::from_json("fields", json_text(bytes, "fields")?)
}

/// The core's answer as JSON text.
macro_rules! json {
    ($value:expr) => {
        serde_json::to_string($value).expect("the core's page checks serialize to JSON")
    };
}

/// Writes `json` to `(out, out_len, needed)`, then `passed` (only when the text fit).
///
/// # Safety
/// As the extern functions' contracts.
unsafe fn write_json(
    json: String,
    passed: Option<(&mut bool, bool)>,
    out: SizedOut,
) -> Result<(), Failure> {
    // SAFETY: forwarded from the caller.
    unsafe { out.write(&json) }?;
    if let Some((slot, value)) = passed {
        *slot = value;
    }
    Ok(())
}

/// What the two identity checks share: `(document, document_len)` (a page or a set-user
/// payload) and the identifier read as text, the expected fields read, and the core's `check`
/// written as JSON with its `passed`.
///
/// # Safety
/// As the extern functions' contracts.
unsafe fn write_identity_check<'a>(
    (document, document_len): (*const u8, usize),
    (secret, secret_len): (*const u8, usize),
    (identifier, identifier_len): (*const u8, usize),
    (fields_json, fields_len): (*const u8, usize),
    (passed, out, out_len, needed): (*mut bool, *mut c_char, usize, *mut usize),
    check: impl FnOnce(&str, &'a [u8], &str, &Map<String, Value>) -> Result<PageCheck, Error>,
) -> Result<(), Failure> {
    // SAFETY: forwarded from the caller.
    let (document, secret, identifier, fields_json, passed) = unsafe {
        (
            input(document, document_len)?,
            input(secret, secret_len)?,
            input(identifier, identifier_len)?,
            optional_input(fields_json, fields_len)?,
            output(passed)?,
        )
    };
    let out = SizedOut::new(out, out_len, needed)?;
    let fields = fields(fields_json)?;
    let check = check(&text(document), secret, &text(identifier), &fields)?;
    // SAFETY: forwarded from the caller.
    unsafe { write_json(json!(&check), Some((passed, check.passed)), out) }
}

/// Checks that the page `(html, html_len)` identifies `(identifier, identifier_len)` to Chatwoot
/// with an identifier_hash that verifies under `(secret, secret_len)` (the inbox's HMAC
/// secret), and that each key of the JSON object `(fields_json, fields_len)` (payload keys such
/// as "email" or "custom_attributes"; NULL with length 0 for none) has the value given.
///
/// Writes the core's check as JSON to `(out, out_len, needed)` as text is written (the size
/// protocol of chatwoot_identity_widget_script): `{"passed": bool, "problems": [{"code",
/// "message"}], "widget": {"snippets", "resets", "escaped_snippets", "base_url",
/// "website_token", "user": null | {"identifier", "identifier_hash", "attributes"}}}`, and
/// `*passed`, whether the page identifies the user as expected. A rejected hash's message
/// carries chatwoot_identity_diagnose's findings; messages may quote identifiers and fields
/// from the page, never the secret. HTML and identifier bytes that are not UTF-8 read as
/// U+FFFD.
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET, CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST (fields
/// that are not a JSON object; the last error names `fields`), _NULL_ARGUMENT or
/// _BUFFER_TOO_SMALL on failure; a page that does not pass is a success with `*passed` false.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_check_page_identity(
    html: *const u8,
    html_len: usize,
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    fields_json: *const u8,
    fields_len: usize,
    passed: *mut bool,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        unsafe {
            write_identity_check(
                (html, html_len),
                (secret, secret_len),
                (identifier, identifier_len),
                (fields_json, fields_len),
                (passed, out, out_len, needed),
                identity::check_page_identity,
            )
        }
    })
}

/// Checks that the page `(html, html_len)` identifies nobody: a widget for an anonymous
/// visitor, or a reset_script (the page after logout). Writes the check and `*passed` as
/// chatwoot_identity_check_page_identity does.
///
/// Returns CHATWOOT_IDENTITY_NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_check_page_anonymous(
    html: *const u8,
    html_len: usize,
    passed: *mut bool,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let (html, passed) = unsafe { (input(html, html_len)?, output(passed)?) };
        let out = SizedOut::new(out, out_len, needed)?;
        let check = identity::check_page_anonymous(&text(html));
        // SAFETY: forwarded from this function's contract.
        unsafe { write_json(json!(&check), Some((passed, check.passed)), out) }
    })
}

/// Checks a set-user payload (the JSON text chatwoot_identity_set_user_payload writes, which a
/// single-page or React Native app hands to setUser) as chatwoot_identity_check_page_identity
/// checks a page; the check's "widget" holds only the user read from the payload. A payload
/// that is not such an object is a success with the problem "malformed_payload".
///
/// Returns CHATWOOT_IDENTITY_EMPTY_SECRET, CHATWOOT_IDENTITY_INVALID_WIDGET_REQUEST (fields),
/// _NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_check_payload_identity(
    payload: *const u8,
    payload_len: usize,
    secret: *const u8,
    secret_len: usize,
    identifier: *const u8,
    identifier_len: usize,
    fields_json: *const u8,
    fields_len: usize,
    passed: *mut bool,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        unsafe {
            write_identity_check(
                (payload, payload_len),
                (secret, secret_len),
                (identifier, identifier_len),
                (fields_json, fields_len),
                (passed, out, out_len, needed),
                identity::check_payload_identity,
            )
        }
    })
}

/// Writes what the widget snippets in `(html, html_len)` will do, as the JSON object of a
/// check's "widget" (`{"snippets", "resets", "escaped_snippets", "base_url", "website_token",
/// "user"}`), to `(out, out_len, needed)`: for a test's own further assertions.
///
/// Returns CHATWOOT_IDENTITY_NULL_ARGUMENT or _BUFFER_TOO_SMALL on failure.
///
/// # Safety
/// Pointers as the header's conventions require.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn chatwoot_identity_read_page(
    html: *const u8,
    html_len: usize,
    out: *mut c_char,
    out_len: usize,
    needed: *mut usize,
) -> chatwoot_identity_status {
    guard_status(|| {
        // SAFETY: forwarded from this function's contract.
        let html = unsafe { input(html, html_len)? };
        let out = SizedOut::new(out, out_len, needed)?;
        let widget = identity::read_page(&text(html));
        // SAFETY: forwarded from this function's contract.
        unsafe { write_json(json!(&widget), None, out) }
    })
}

/// The page problems, by number.
static PAGE_PROBLEMS: CodeTexts = code_texts!(PageProblemCode);

/// How many page problem codes exist: numbers 0 to count - 1 name them (see
/// chatwoot_identity_page_problem_code).
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_page_problem_count() -> u32 {
    guard(|| PageProblemCode::ALL.len() as u32)
}

/// The stable snake_case code of page problem `number` (e.g. "hash_mismatch"), as a check's
/// "problems" carry it, or NULL when `number` >= chatwoot_identity_page_problem_count().
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_page_problem_code(number: u32) -> *const c_char {
    guard(|| PAGE_PROBLEMS.code(number))
}

/// The general sentence of page problem `number` (a problem's message starts with it and adds
/// the particulars), or NULL when `number` >= chatwoot_identity_page_problem_count().
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_page_problem_message(number: u32) -> *const c_char {
    guard(|| PAGE_PROBLEMS.summary(number))
}
