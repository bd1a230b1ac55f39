//! Quotes arguments so that a command line printed as advice can be pasted into a shell as is.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

/// One argument as bash, zsh and POSIX sh read it back: bare when it is made of safe
/// characters, in single quotes otherwise, and in `$'...'` with escapes when it holds control
/// characters or bytes that are not UTF-8 (which a terminal would not show faithfully).
pub fn quote(argument: &OsStr) -> String {
    let bytes = argument.as_bytes();
    let safe = |b: &u8| b.is_ascii_alphanumeric() || b"@%+=:,./_-".contains(b);
    if !bytes.is_empty() && bytes.iter().all(safe) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.chars().any(char::is_control) => {
            format!("'{}'", text.replace('\'', r"'\''"))
        }
        _ => ansi_c_quoted(bytes),
    }
}

fn ansi_c_quoted(bytes: &[u8]) -> String {
    let mut quoted = String::from("$'");
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => quoted.push_str(r"\\"),
                '\'' => quoted.push_str(r"\'"),
                '\n' => quoted.push_str(r"\n"),
                '\t' => quoted.push_str(r"\t"),
                '\r' => quoted.push_str(r"\r"),
                c if c.is_control() => {
                    let mut buffer = [0; 4];
                    for byte in c.encode_utf8(&mut buffer).bytes() {
                        quoted.push_str(&format!("\\x{byte:02x}"));
                    }
                }
                c => quoted.push(c),
            }
        }
        for byte in chunk.invalid() {
            quoted.push_str(&format!("\\x{byte:02x}"));
        }
    }
    quoted.push('\'');
    quoted
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    use super::quote;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(
            quote(OsStr::new("user-1@example.com")),
            "user-1@example.com"
        );
        assert_eq!(quote(OsStr::new("")), "''");
        assert_eq!(quote(OsStr::new("jane doe's")), r"'jane doe'\''s'");
        assert_eq!(quote(OsStr::new("$HOME")), "'$HOME'");
        assert_eq!(quote(OsStr::new("a\nb'")), r"$'a\nb\''");
        assert_eq!(quote(OsStr::from_bytes(b"\xffx\x01")), r"$'\xffx\x01'");
    }
}
