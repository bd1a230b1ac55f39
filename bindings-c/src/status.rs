//! `chatwoot_identity_status`, the one return type of every fallible function. The enum is
//! generated into status_table.rs from the core's code table and [`INTERFACE_STATUSES`]; this
//! file holds those, the lookups C calls, and the test that regenerates the table.

use std::ffi::{CStr, c_char};

use identity::{Error, ErrorCode};

use crate::code_texts::{CodeTexts, code_texts};
use crate::guard::guard;
use crate::status_table::chatwoot_identity_status as Status;

/// The C interface's own statuses, numbered from 100 after the core's 1..99.
pub(crate) const INTERFACE_STATUSES: [(&str, u32, &CStr); 4] = [
    (
        "NULL_ARGUMENT",
        100,
        c"a required pointer was NULL (or NULL with a length)",
    ),
    (
        "BUFFER_TOO_SMALL",
        101,
        c"the output buffer is too small for the result",
    ),
    (
        "PANIC",
        102,
        c"chatwoot_identity panicked (a bug); nothing was written",
    ),
    (
        "LENGTH_MISMATCH",
        103,
        c"the batch's lengths do not add up to its data's length",
    ),
];

/// Why a call failed: a core error, whose message is the core's, or one of the interface's own.
pub(crate) enum Failure {
    Core(Error),
    Interface(Status),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Core(error)
    }
}

impl From<Status> for Failure {
    fn from(status: Status) -> Self {
        Failure::Interface(status)
    }
}

/// The message of an interface status, or of a value that is no status.
pub(crate) fn interface_message(status: u32) -> &'static CStr {
    let known = INTERFACE_STATUSES.iter().find(|(_, n, _)| *n == status);
    known.map_or(c"unknown chatwoot_identity_status value", |row| row.2)
}

/// The core's error codes, numbered as the statuses 1..99 that carry them.
static CORE_CODES: CodeTexts = code_texts!(ErrorCode);

/// A static, NUL-terminated English sentence for any status value (also for values this
/// library does not define): for a core code, the core's summary of it. Never NULL. What
/// exactly went wrong in a call is chatwoot_identity_last_error_message's.
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_status_message(status: u32) -> *const c_char {
    guard(|| match (status, CORE_CODES.summary(status)) {
        (_, summary) if !summary.is_null() => summary,
        (0, _) => c"ok".as_ptr(),
        _ => interface_message(status).as_ptr(),
    })
}

/// The core library's stable snake_case code for a status (e.g. "empty_secret"), the same
/// string every binding exposes; NULL for OK and for the C interface's own statuses. Every core
/// code is a status from 1 to 99, so asking for each lists the codes (the numbers of removed
/// codes are never reused: there may be gaps).
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_status_code(status: u32) -> *const c_char {
    guard(|| CORE_CODES.code(status))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// status_table.rs as the tables make it: the enum, which cbindgen reads as Rust source,
    /// and the conversion from core codes.
    fn status_table_source() -> String {
        let (mut variants, mut arms) = (String::new(), String::new());
        let mut variant = |doc: String, name: &str, n| {
            variants += &format!("    /// {doc}\n    CHATWOOT_IDENTITY_{name} = {n},\n");
        };
        for code in ErrorCode::ALL {
            let name = code.as_str().to_uppercase();
            let doc = format!("Core code `{code}`: {}", code.summary());
            variant(doc, &name, code.number());
            let arm = format!("ErrorCode::{code:?} => Self::CHATWOOT_IDENTITY_{name}");
            arms += &format!("            {arm},\n");
        }
        for (name, n, message) in INTERFACE_STATUSES {
            let doc = format!("The C interface: {}.", message.to_str().unwrap());
            variant(doc, name, n);
        }
        include_str!("status_table.rs.in")
            .replace("{variants}", &variants)
            .replace("{arms}", &arms)
    }

    #[test]
    fn the_status_table_is_generated_from_the_code_tables() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/status_table.rs");
        if std::env::var_os("UPDATE").is_some() {
            std::fs::write(path, status_table_source()).unwrap();
        }
        assert!(
            std::fs::read_to_string(path).unwrap() == status_table_source(),
            "src/status_table.rs is stale: run `UPDATE=1 cargo test -p chatwoot-identity-c`"
        );
    }

    #[test]
    fn every_core_code_is_its_number_with_its_name_and_summary() {
        let text = |ptr| unsafe { CStr::from_ptr(ptr) }.to_str().unwrap();
        for &code in ErrorCode::ALL {
            let n = code.number();
            assert_eq!(Status::from(code) as u32, n, "{code}");
            assert_eq!(text(chatwoot_identity_status_code(n)), code.as_str());
            assert_eq!(text(chatwoot_identity_status_message(n)), code.summary());
        }
        assert!((0..200).all(|status| !chatwoot_identity_status_message(status).is_null()));
    }
}
