//! The library's version, as macros for compile time and a function for run time.

use std::ffi::c_char;

use crate::guard::guard;

/// Major version of the library these declarations describe.
pub const CHATWOOT_IDENTITY_VERSION_MAJOR: u32 = 0;
/// Minor version.
pub const CHATWOOT_IDENTITY_VERSION_MINOR: u32 = 1;
/// Patch version.
pub const CHATWOOT_IDENTITY_VERSION_PATCH: u32 = 0;

/// The version of the loaded library, e.g. "0.1.0" (static; compare with the macros to detect a
/// header/library mismatch).
#[unsafe(no_mangle)]
pub extern "C" fn chatwoot_identity_version() -> *const c_char {
    guard(|| concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast())
}

#[cfg(test)]
mod tests {
    #[test]
    fn macros_match_the_crate_version() {
        use super::*;
        let macros = [
            CHATWOOT_IDENTITY_VERSION_MAJOR,
            CHATWOOT_IDENTITY_VERSION_MINOR,
            CHATWOOT_IDENTITY_VERSION_PATCH,
        ]
        .map(|n| n.to_string());
        assert_eq!(macros.join("."), env!("CARGO_PKG_VERSION"));
    }
}
