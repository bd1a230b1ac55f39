//! Loads the HMAC secret from where the user pointed, without ever printing it.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use zeroize::Zeroizing;

use crate::cli::{SecretArgs, SecretSource};
use crate::failure::Failure;
use crate::say::tell;
use crate::whitespace;

pub const DEFAULT_SECRET_ENV: &str = "CHATWOOT_HMAC_SECRET";

/// Which of Chatwoot's two secrets a command takes: where it is read from by default, and what
/// messages call it.
#[derive(Clone, Copy)]
pub enum Kind {
    /// The inbox's identity-validation HMAC secret (`hmac_token`).
    Identity,
    /// A webhook's (or agent bot's, or API inbox's) own `secret`.
    Webhook,
}

impl Kind {
    pub const fn default_env(self) -> &'static str {
        match self {
            Kind::Identity => DEFAULT_SECRET_ENV,
            Kind::Webhook => "CHATWOOT_WEBHOOK_SECRET",
        }
    }

    const fn described(self) -> &'static str {
        match self {
            Kind::Identity => "the inbox's HMAC secret",
            Kind::Webhook => "the webhook's secret",
        }
    }
}

/// The identity secret's bytes, wiped from memory when dropped.
pub fn load(args: SecretArgs) -> Result<Zeroizing<Vec<u8>>, Failure> {
    load_kind(args, Kind::Identity)
}

/// The secret of `kind`'s bytes, wiped from memory when dropped.
pub fn load_kind(args: SecretArgs, kind: Kind) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let (bytes, source) = read(args.source, kind)?;
    if bytes.is_empty() {
        return Err(Failure::input(format!(
            "the secret from {source} is empty: set it to {}",
            kind.described()
        )));
    }
    if !args.allow_whitespace_secret {
        refuse_accidental_bytes(&bytes, &source)?;
    }
    Ok(bytes)
}

/// The secret when one was given, by a flag or the default environment variable; `None` when
/// there is none at all (for commands where it is optional).
pub fn load_optional(args: SecretArgs) -> Result<Option<Zeroizing<Vec<u8>>>, Failure> {
    let source = &args.source;
    let explicit =
        source.secret.is_some() || source.secret_file.is_some() || source.secret_env.is_some();
    if !explicit && std::env::var_os(DEFAULT_SECRET_ENV).is_none() {
        return Ok(None);
    }
    load(args).map(Some)
}

/// The flags that make another command read the same secret the same way, for a command line
/// printed as advice. `None` when the secret was given inline: repeating it would print it.
pub fn flags_to_repeat(args: &SecretArgs) -> Option<Vec<OsString>> {
    let source = &args.source;
    if source.secret.is_some() {
        return None;
    }
    let mut flags = Vec::new();
    if let Some(name) = &source.secret_env {
        flags.extend([OsString::from("--secret-env"), name.clone()]);
    }
    if let Some(path) = &source.secret_file {
        flags.extend([
            OsString::from("--secret-file"),
            path.clone().into_os_string(),
        ]);
    }
    if args.allow_whitespace_secret {
        flags.push(OsString::from("--allow-whitespace-secret"));
    }
    Some(flags)
}

/// The secret's bytes and how messages name where they came from.
fn read(source: SecretSource, kind: Kind) -> Result<(Zeroizing<Vec<u8>>, String), Failure> {
    if let Some(value) = source.secret {
        tell!(
            "chatwoot-identity: warning: --secret leaks the secret into shell history and the \
             process list; prefer {} or --secret-file",
            kind.default_env()
        );
        return Ok((Zeroizing::new(value.into_vec()), "--secret".to_owned()));
    }
    if let Some(path) = source.secret_file {
        let mut bytes = Zeroizing::new(std::fs::read(&path).map_err(|err| {
            Failure::input(format!(
                "cannot read --secret-file {}: {err}",
                path.display()
            ))
        })?);
        strip_one_line_ending(&mut bytes);
        return Ok((bytes, format!("--secret-file {}", path.display())));
    }
    let name = source
        .secret_env
        .unwrap_or_else(|| OsString::from(kind.default_env()));
    match std::env::var_os(&name) {
        Some(value) => Ok((
            Zeroizing::new(value.into_vec()),
            format!("the environment variable {}", name.to_string_lossy()),
        )),
        None => Err(Failure::usage(format!(
            "no secret: set the environment variable {} to {}, or pass --secret-env NAME or \
             --secret-file PATH",
            name.to_string_lossy(),
            kind.described()
        ))),
    }
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

/// Chatwoot's secrets are 24 letters and digits: whitespace at an end is a newline from `echo`
/// or a space from a copy, a leading byte-order mark or NUL bytes are an editor's encoding, and
/// each would make every hash wrong. The message names what it found, never the secret.
fn refuse_accidental_bytes(bytes: &[u8], source: &str) -> Result<(), Failure> {
    let edges = whitespace::edges(bytes);
    let problem = match (edges.leading, edges.trailing) {
        // What an editor's encoding leaves: invisible, and in every byte that is hashed.
        _ if bytes.starts_with(b"\xef\xbb\xbf") => {
            "starts with a byte-order mark (the file was saved as UTF-8 with BOM)".to_owned()
        }
        _ if bytes.contains(&0) => {
            "holds NUL bytes (the file was saved as UTF-16, as PowerShell's Out-File does)"
                .to_owned()
        }
        (None, None) => return Ok(()),
        (Some(first), None) => format!("starts with {}", whitespace::name(first)),
        (None, Some(last)) => format!("ends with {}", whitespace::name(last)),
        (Some(first), Some(last)) => format!(
            "starts with {} and ends with {}",
            whitespace::name(first),
            whitespace::name(last)
        ),
    };
    Err(Failure::input(format!(
        "the secret from {source} {problem}; Chatwoot's secrets are letters and digits alone, \
         so every hash made with it would be rejected. Remove it, or pass \
         --allow-whitespace-secret to use the secret exactly as given"
    )))
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

    #[test]
    fn names_the_whitespace_without_the_secret() {
        let refused = refuse_accidental_bytes(b" hunter2\n", "--secret").unwrap_err();
        let message = refused.message();
        assert!(message.contains("starts with a space and ends with a newline"));
        assert!(!message.contains("hunter2"));
        assert!(refuse_accidental_bytes(b"hunter2", "--secret").is_ok());
        let bom = refuse_accidental_bytes(b"\xef\xbb\xbfhunter2", "--secret-file s");
        assert!(bom.unwrap_err().message().contains("byte-order mark"));
        let utf16 = refuse_accidental_bytes(b"\xff\xfeh\0u\0n\0", "--secret-file s");
        assert!(utf16.unwrap_err().message().contains("UTF-16"));
    }
}
