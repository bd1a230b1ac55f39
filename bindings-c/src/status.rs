//! `chatwoot_identity_status`: the one return type of every fallible function.

use std::ffi::{CStr, CString, c_char};
use std::sync::OnceLock;

use identity::{Error, ErrorCode};

use crate::guard::guard;

/// What a fallible function did. `CHATWOOT_IDENTITY_OK` (0) is success; 1..99 mirror the core
/// library's error codes, numbered in the core's fixed order (`chatwoot_identity_status_code`
/// gives their stable names); 100 and up are errors of the C interface itself.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum chatwoot_identity_status {
    /// Success.
    CHATWOOT_IDENTITY_OK = 0,
    /// Core code `empty_secret`: the HMAC secret was empty.
    CHATWOOT_IDENTITY_EMPTY_SECRET = 1,
    /// Core code `empty_identifier`: an identifier was empty.
    CHATWOOT_IDENTITY_EMPTY_IDENTIFIER = 2,
    /// Core code `missing_secret`: a widget user was given without an HMAC secret.
    CHATWOOT_IDENTITY_MISSING_SECRET = 3,
    /// Core code `invalid_base_url`: not an absolute http(s) URL without credentials.
    CHATWOOT_IDENTITY_INVALID_BASE_URL = 4,
    /// Core code `invalid_website_token`: not a Chatwoot website token.
    CHATWOOT_IDENTITY_INVALID_WEBSITE_TOKEN = 5,
    /// Core code `invalid_nonce`: not a CSP nonce.
    CHATWOOT_IDENTITY_INVALID_NONCE = 6,
    /// Core code `incomplete_user`: a widget user has none of name, email and avatar_url.
    CHATWOOT_IDENTITY_INCOMPLETE_USER = 7,
    /// Core code `invalid_custom_attribute`: a custom attribute JSON cannot carry.
    CHATWOOT_IDENTITY_INVALID_CUSTOM_ATTRIBUTE = 8,
    /// Core code `invalid_widget_setting`: a widget setting value the widget does not know.
    CHATWOOT_IDENTITY_INVALID_WIDGET_SETTING = 9,
    /// Core code `invalid_widget_json`: a JSON widget request of the wrong shape.
    CHATWOOT_IDENTITY_INVALID_WIDGET_JSON = 10,
    /// Core code `output_length`: a batch output buffer is not 64 bytes per identifier.
    CHATWOOT_IDENTITY_OUTPUT_LENGTH = 11,
    /// A core error this build does not know by name (a newer core); see the message.
    CHATWOOT_IDENTITY_UNKNOWN_ERROR = 99,
    /// A required pointer was NULL (or NULL with a non-zero length).
    CHATWOOT_IDENTITY_NULL_ARGUMENT = 100,
    /// The output buffer is shorter than the result needs.
    CHATWOOT_IDENTITY_BUFFER_TOO_SMALL = 101,
    /// The library panicked; a bug. Nothing was written.
    CHATWOOT_IDENTITY_PANIC = 102,
    /// A batch's lengths do not add up to the length of its data.
    CHATWOOT_IDENTITY_LENGTH_MISMATCH = 103,
}

use chatwoot_identity_status as Status;

/// The status for a core error code: the one table that maps core codes to C.
fn status_for_code(code: ErrorCode) -> Status {
    match code {
        ErrorCode::EmptySecret => Status::CHATWOOT_IDENTITY_EMPTY_SECRET,
        ErrorCode::EmptyIdentifier => Status::CHATWOOT_IDENTITY_EMPTY_IDENTIFIER,
        ErrorCode::MissingSecret => Status::CHATWOOT_IDENTITY_MISSING_SECRET,
        ErrorCode::InvalidBaseUrl => Status::CHATWOOT_IDENTITY_INVALID_BASE_URL,
        ErrorCode::InvalidWebsiteToken => Status::CHATWOOT_IDENTITY_INVALID_WEBSITE_TOKEN,
        ErrorCode::InvalidNonce => Status::CHATWOOT_IDENTITY_INVALID_NONCE,
        ErrorCode::IncompleteUser => Status::CHATWOOT_IDENTITY_INCOMPLETE_USER,
        ErrorCode::InvalidCustomAttribute => Status::CHATWOOT_IDENTITY_INVALID_CUSTOM_ATTRIBUTE,
        ErrorCode::InvalidWidgetSetting => Status::CHATWOOT_IDENTITY_INVALID_WIDGET_SETTING,
        ErrorCode::InvalidWidgetJson => Status::CHATWOOT_IDENTITY_INVALID_WIDGET_JSON,
        ErrorCode::OutputLength => Status::CHATWOOT_IDENTITY_OUTPUT_LENGTH,
        _ => Status::CHATWOOT_IDENTITY_UNKNOWN_ERROR,
    }
}

impl From<Error> for Status {
    fn from(error: Error) -> Self {
        status_for_code(error.code())
    }
}

/// A core error of each code, for the status message (the core's own words, safe to log). A
/// status carries no details, so variable parts get a general stand-in.
fn sample_error(code: ErrorCode) -> Option<Error> {
    match code {
        ErrorCode::InvalidBaseUrl => Some(Error::InvalidBaseUrl {
            reason: "for example another scheme, no host, or credentials",
        }),
        ErrorCode::InvalidCustomAttribute => Some(Error::InvalidCustomAttribute {
            key: "<name>".into(),
        }),
        ErrorCode::InvalidWidgetSetting => Some(Error::InvalidWidgetSetting {
            setting: "<name>",
            allowed: "the values Chatwoot's widget documents",
        }),
        ErrorCode::InvalidWidgetJson => Some(Error::InvalidWidgetJson {
            detail:
                "a field it does not know, a missing required field, or a value of the wrong type"
                    .into(),
        }),
        ErrorCode::EmptySecret => Some(Error::EmptySecret),
        ErrorCode::EmptyIdentifier => Some(Error::EmptyIdentifier),
        ErrorCode::MissingSecret => Some(Error::MissingSecret),
        ErrorCode::InvalidWebsiteToken => Some(Error::InvalidWebsiteToken),
        ErrorCode::InvalidNonce => Some(Error::InvalidNonce),
        ErrorCode::IncompleteUser => Some(Error::IncompleteUser),
        _ => None,
    }
}

/// NUL-terminated copies of the core's code names and messages, made once and kept forever:
/// C receives pointers into them.
struct CoreTexts {
    codes: Vec<(Status, CString, CString)>,
}

fn core_texts() -> &'static CoreTexts {
    static TEXTS: OnceLock<CoreTexts> = OnceLock::new();
    TEXTS.get_or_init(|| CoreTexts {
        codes: ErrorCode::ALL
            .iter()
            .map(|&code| {
                let message =
                    sample_error(code).map_or_else(|| code.to_string(), |e| e.to_string());
                (
                    status_for_code(code),
                    CString::new(code.as_str()).expect("codes are ASCII"),
                    CString::new(message).expect("messages have no NUL"),
                )
            })
            .collect(),
    })
}

fn core_entry(status: u32) -> Option<&'static (Status, CString, CString)> {
    core_texts()
        .codes
        .iter()
        .find(|(s, _, _)| *s as u32 == status)
}

/// A static, NUL-terminated English sentence for any status value (also for values this
/// library does not define). Never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_status_message(status: u32) -> *const c_char {
    guard(|| {
        if let Some((_, _, message)) = core_entry(status) {
            return message.as_ptr();
        }
        let text: &'static CStr = match status {
            0 => c"ok",
            99 => c"an error of a newer core library that this build does not know",
            100 => c"a required pointer argument was NULL",
            101 => c"the output buffer is too small for the result",
            102 => c"chatwoot_identity panicked (a bug); nothing was written",
            103 => c"the batch's lengths do not add up to the length of its data",
            _ => c"unknown chatwoot_identity_status value",
        };
        text.as_ptr()
    })
}

/// The core library's stable snake_case code for a status (e.g. "empty_secret"), the same
/// string every binding exposes; NULL for OK and for the C interface's own statuses.
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_status_code(status: u32) -> *const c_char {
    guard(|| core_entry(status).map_or(std::ptr::null(), |(_, code, _)| code.as_ptr()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_has_its_own_status_and_name() {
        for &code in ErrorCode::ALL {
            let status = status_for_code(code);
            assert_ne!(
                status,
                Status::CHATWOOT_IDENTITY_UNKNOWN_ERROR,
                "{code} has no status"
            );
            // Numbered in the core's fixed order, so the numbers never move.
            let position = ErrorCode::ALL.iter().position(|c| *c == code).unwrap();
            assert_eq!(status as u32, position as u32 + 1, "{code}");
            let name = unsafe { CStr::from_ptr(chatwoot_identity_status_code(status as u32)) };
            assert_eq!(name.to_str().unwrap(), code.as_str());
        }
    }

    #[test]
    fn every_widget_code_has_a_sentence_not_just_its_name() {
        for &code in ErrorCode::ALL {
            let message = unsafe {
                CStr::from_ptr(chatwoot_identity_status_message(
                    status_for_code(code) as u32
                ))
            };
            // output_length is the core's batch-buffer error; C reports its own statuses instead.
            if code != ErrorCode::OutputLength {
                assert!(message.to_bytes().len() > 30, "{code}: {message:?}");
            }
        }
    }

    #[test]
    fn every_value_has_a_message() {
        for status in 0..200 {
            assert!(!chatwoot_identity_status_message(status).is_null());
        }
    }
}
