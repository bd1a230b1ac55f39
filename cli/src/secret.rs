//! Loads the HMAC secret from where the user pointed, without ever printing it.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use zeroize::Zeroizing;

use crate::cli::SecretArgs;
use crate::failure::Failure;

pub const DEFAULT_SECRET_ENV: &str = "CHATWOOT_HMAC_SECRET";

/// The secret's bytes, wiped from memory when dropped.
pub fn load(args: SecretArgs) -> Result<Zeroizing<Vec<u8>>, Failure> {
    if let Some(value) = args.secret {
        eprintln!(
            "chatwoot-identity: warning: --secret leaks the secret into shell history and the \
             process list; prefer {DEFAULT_SECRET_ENV} or --secret-file"
        );
        return non_empty(Zeroizing::new(value.into_vec()), "--secret");
    }
    if let Some(path) = args.secret_file {
        let mut bytes = Zeroizing::new(std::fs::read(&path).map_err(|err| {
            Failure::input(format!(
                "cannot read --secret-file {}: {err}",
                path.display()
            ))
        })?);
        strip_one_line_ending(&mut bytes);
        return non_empty(bytes, "--secret-file");
    }
    let name = args
        .secret_env
        .unwrap_or_else(|| OsString::from(DEFAULT_SECRET_ENV));
    match std::env::var_os(&name) {
        Some(value) => non_empty(
            Zeroizing::new(value.into_vec()),
            &format!("the environment variable {}", name.to_string_lossy()),
        ),
        None => Err(Failure::usage(format!(
            "no secret: set the environment variable {} to the inbox's HMAC secret, or pass \
             --secret-env NAME or --secret-file PATH",
            name.to_string_lossy()
        ))),
    }
}

/// The secret when one was given, by a flag or the default environment variable; `None` when
/// there is none at all (for commands where it is optional).
pub fn load_optional(args: SecretArgs) -> Result<Option<Zeroizing<Vec<u8>>>, Failure> {
    let explicit = args.secret.is_some() || args.secret_file.is_some() || args.secret_env.is_some();
    if !explicit && std::env::var_os(DEFAULT_SECRET_ENV).is_none() {
        return Ok(None);
    }
    load(args).map(Some)
}

/// Files written by editors and `echo` end with a newline that is not part of the secret.
/// Only one is removed: anything else is kept, because Chatwoot uses the secret byte for byte.
fn strip_one_line_ending(bytes: &mut Vec<u8>) {
    if bytes.ends_with(b"\r\n") {
        bytes.truncate(bytes.len() - 2);
    } else if bytes.ends_with(b"\n") {
        bytes.truncate(bytes.len() - 1);
    }
}

fn non_empty(bytes: Zeroizing<Vec<u8>>, source: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    if bytes.is_empty() {
        return Err(Failure::input(format!(
            "the secret from {source} is empty: set it to the inbox's HMAC secret"
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_exactly_one_line_ending() {
        for (given, kept) in [
            (&b"s\n"[..], &b"s"[..]),
            (b"s\r\n", b"s"),
            (b"s\n\n", b"s\n"),
            (b"s ", b"s "),
            (b"s", b"s"),
        ] {
            let mut bytes = given.to_vec();
            strip_one_line_ending(&mut bytes);
            assert_eq!(bytes, kept);
        }
    }
}
