//! `hash`, `verify` and `diagnose`: one secret, a few identifiers.

use std::ffi::OsString;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::process::ExitCode;

use chatwoot_identity::{Signer, diagnose};

use crate::failure::Failure;
use crate::report::{Report, verdict};
use crate::say::{say, tell};
use crate::shell;

pub fn hash(secret: &[u8], identifiers: &[OsString]) -> Result<ExitCode, Failure> {
    let signer = Signer::new(secret)?;
    let mut out = std::io::stdout().lock();
    for identifier in identifiers {
        let hash = signer.identifier_hash(identifier.as_bytes())?;
        writeln!(out, "{hash}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `secret_flags`: how to point `diagnose` at the same secret (see
/// [`secret::flags_to_repeat`](crate::secret::flags_to_repeat)).
pub fn verify(
    secret: &[u8],
    identifier: &OsString,
    hash: &OsString,
    secret_flags: Option<Vec<OsString>>,
) -> Result<ExitCode, Failure> {
    let verified = chatwoot_identity::verify(secret, identifier.as_bytes(), hash.as_bytes())?;
    say!("{}", if verified { "verified" } else { "not verified" });
    if !verified {
        let how = match secret_flags {
            Some(_) => "run",
            // The inline secret is not repeated: advice must not print it.
            None => "run, with the secret in CHATWOOT_HMAC_SECRET or a --secret-file,",
        };
        tell!(
            "chatwoot-identity: to see why, {how}: {}",
            diagnose_command(secret, identifier, hash, secret_flags.unwrap_or_default())
        );
    }
    Ok(verdict(verified))
}

/// The `diagnose` command line for the same identifier, hash and secret source. An argument
/// that contains the secret (the secret pasted as the hash, say) is shown as a placeholder:
/// advice must not print the secret.
fn diagnose_command(
    secret: &[u8],
    identifier: &OsString,
    hash: &OsString,
    secret_flags: Vec<OsString>,
) -> String {
    let shown = |argument: &OsString, placeholder: &str| {
        let bytes = argument.as_bytes();
        if bytes.windows(secret.len()).any(|window| window == secret) {
            placeholder.to_owned()
        } else {
            shell::quote(argument)
        }
    };
    let arguments = [shown(identifier, "IDENTIFIER"), shown(hash, "HASH")];
    let mut command = "chatwoot-identity diagnose".to_owned();
    for flag in &secret_flags {
        command.push(' ');
        command.push_str(&shell::quote(flag));
    }
    // A negative integer id, or a hash pasted with a dash, would be read as an option.
    if arguments.iter().any(|argument| argument.starts_with('-')) {
        command.push_str(" --");
    }
    for argument in arguments {
        command.push(' ');
        command.push_str(&argument);
    }
    command
}

pub fn explain(
    secret: &[u8],
    identifier: &OsString,
    hash: &OsString,
    json: bool,
) -> Result<ExitCode, Failure> {
    let diagnosis = diagnose(secret, identifier.as_bytes(), hash.as_bytes())?;
    Report::from(&diagnosis).print(
        json,
        "verified: Chatwoot accepts this hash for this identifier",
    )
}
