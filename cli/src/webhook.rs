//! `webhook verify`, `webhook sign` and `webhook diagnose`: Chatwoot's signed webhooks.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::Path;
use std::process::ExitCode;

use chatwoot_identity::{
    WebhookHeaders, WebhookVerifier, diagnose_webhook, sign_webhook, unix_now,
};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::cli::{AgeArgs, WebhookRequest};
use crate::failure::Failure;
use crate::report::{Report, verdict};
use crate::say::{say, tell};
use crate::secret::DEFAULT_SECRET_ENV;

/// The request as given on the command line: its headers and its body, read whole (bounded).
struct Received {
    headers: WebhookHeaders,
    body: Vec<u8>,
}

impl Received {
    fn read(request: WebhookRequest) -> Result<Self, Failure> {
        let headers = headers(&request)?;
        let body = read_body(request.body.as_deref(), request.max_body_bytes)?;
        Ok(Received { headers, body })
    }

    fn signature(&self) -> &[u8] {
        self.headers.signature().unwrap_or_default()
    }

    fn timestamp(&self) -> &[u8] {
        self.headers.timestamp().unwrap_or_default()
    }
}

pub fn verify(
    secret: &[u8],
    request: WebhookRequest,
    age: AgeArgs,
    json: bool,
) -> Result<ExitCode, Failure> {
    let received = Received::read(request)?;
    let mut verifier = WebhookVerifier::new(secret)?;
    verifier = if age.no_age_check {
        verifier.without_age_check()
    } else {
        verifier.with_tolerance(age.tolerance)
    };
    let now = age.now.unwrap_or_else(unix_now);
    let result = verifier.verify_headers(&received.body, &received.headers, now);
    if json {
        let answer = match &result {
            Ok(webhook) => serde_json::json!({
                "verified": true,
                "timestamp": webhook.timestamp,
                "age": webhook.age,
                "delivery_id": webhook.delivery_id,
            }),
            Err(error) => serde_json::json!({
                "verified": false,
                "error": error.code().as_str(),
                "message": error.to_string(),
            }),
        };
        say!("{answer}");
        return Ok(verdict(result.is_ok()));
    }
    match &result {
        Ok(webhook) => {
            say!("verified");
            let when = match webhook.age {
                age if age >= 0 => format!("{age} seconds ago"),
                age => format!("{} seconds ahead of this clock", age.unsigned_abs()),
            };
            tell!(
                "chatwoot-identity: signed at {} ({when})",
                webhook.timestamp
            );
        }
        Err(error) => {
            say!("not verified");
            // The core's messages never hold the secret or the signature.
            tell!("chatwoot-identity: {error} [{}]", error.code());
            if matches!(
                error.code().as_str(),
                "signature_mismatch" | "malformed_signature"
            ) {
                tell!(
                    "chatwoot-identity: to see why, run the same command with `webhook diagnose` \
                     instead of `webhook verify`"
                );
            }
        }
    }
    Ok(verdict(result.is_ok()))
}

/// The headers of a signed webhook in the order Chatwoot sends them.
#[derive(Serialize)]
struct SignedHeaders<'a> {
    #[serde(rename = "X-Chatwoot-Timestamp")]
    timestamp: &'a str,
    #[serde(rename = "X-Chatwoot-Signature")]
    signature: &'a str,
    #[serde(rename = "X-Chatwoot-Delivery")]
    delivery_id: &'a str,
}

pub fn sign(
    secret: &[u8],
    timestamp: Option<u64>,
    body: Option<&Path>,
    json: bool,
) -> Result<ExitCode, Failure> {
    let body = read_body(body, u64::MAX)?;
    let signed = sign_webhook(secret, &body, timestamp.unwrap_or_else(unix_now))?;
    let mut out = std::io::stdout().lock();
    if json {
        let headers = SignedHeaders {
            timestamp: &signed.timestamp,
            signature: &signed.signature,
            delivery_id: &signed.delivery_id,
        };
        serde_json::to_writer_pretty(&mut out, &headers).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        for (name, value) in signed.headers() {
            writeln!(out, "{name}: {value}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn diagnose(
    secret: &[u8],
    request: WebhookRequest,
    identity_secret_env: Option<OsString>,
    json: bool,
) -> Result<ExitCode, Failure> {
    let received = Received::read(request)?;
    let identity_secret = identity_secret(identity_secret_env)?;
    let diagnosis = diagnose_webhook(
        secret,
        &received.body,
        received.signature(),
        received.timestamp(),
        identity_secret.as_deref().map(Vec::as_slice),
    )?;
    Report::from(&diagnosis).print(
        json,
        "verified: the signature matches this body and timestamp (the age is not checked here)",
    )
}

/// The headers from `--signature`/`--timestamp`, or from `--header` lines.
fn headers(request: &WebhookRequest) -> Result<WebhookHeaders, Failure> {
    if request.header.is_empty() {
        if request.signature.is_none() && request.timestamp.is_none() {
            return Err(Failure::usage(
                "give the request's headers: --signature and --timestamp, or --header lines",
            ));
        }
        return Ok(WebhookHeaders::new(
            header_value(request.signature.as_ref()),
            header_value(request.timestamp.as_ref()),
        ));
    }
    let mut pairs = Vec::with_capacity(request.header.len());
    for line in &request.header {
        let line = line.as_bytes();
        let colon = line.iter().position(|&b| b == b':').ok_or_else(|| {
            Failure::usage("--header takes \"Name: value\", with a colon after the name")
        })?;
        pairs.push((line[..colon].trim_ascii(), &line[colon + 1..]));
    }
    Ok(WebhookHeaders::from_pairs(pairs))
}

/// A header given as a flag; an absent one is empty, as the core reads it.
fn header_value(value: Option<&OsString>) -> &[u8] {
    value.map_or(&[], |value| value.as_bytes())
}

/// The body, byte for byte, from `path` or stdin; refused beyond `limit` bytes before more is
/// read.
fn read_body(path: Option<&Path>, limit: u64) -> Result<Vec<u8>, Failure> {
    let (reader, source): (Box<dyn Read>, String) = match path {
        Some(path) => (
            Box::new(std::fs::File::open(path).map_err(|err| {
                Failure::input(format!("cannot read the body {}: {err}", path.display()))
            })?),
            format!("the body {}", path.display()),
        ),
        None => (Box::new(std::io::stdin().lock()), "stdin".to_owned()),
    };
    let mut body = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|err| Failure::input(format!("cannot read {source}: {err}")))?;
    if body.len() as u64 > limit {
        return Err(Failure::input(format!(
            "{source} is longer than --max-body-bytes {limit}"
        )));
    }
    Ok(body)
}

/// The identity-validation secret to try as the key: from `--identity-secret-env`, or from
/// CHATWOOT_HMAC_SECRET when it is set.
fn identity_secret(name: Option<OsString>) -> Result<Option<Zeroizing<Vec<u8>>>, Failure> {
    let explicit = name.is_some();
    let name = name.unwrap_or_else(|| OsString::from(DEFAULT_SECRET_ENV));
    match std::env::var_os(&name) {
        Some(value) if !value.is_empty() => Ok(Some(Zeroizing::new(value.into_vec()))),
        _ if explicit => Err(Failure::usage(format!(
            "--identity-secret-env {}: the variable is not set or empty",
            name.to_string_lossy()
        ))),
        _ => Ok(None),
    }
}
