//! [`diagnose`]: why does Chatwoot reject this `identifier_hash`?

mod finding;
mod reproduce;

pub use finding::{Finding, FindingCode};

use subtle::ConstantTimeEq;

use crate::code_table::findings_of;
use crate::{Error, HASH_HEX_LEN, Signer};

/// What [`diagnose`] found out about a candidate hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    /// Whether Chatwoot would accept the candidate as it is.
    pub verified: bool,
    /// Every known mistake that explains the candidate, in [`FindingCode::ALL`] order; empty
    /// when `verified`.
    pub findings: Vec<Finding>,
}

findings_of!(Diagnosis, Finding, FindingCode);

/// Explains why `candidate` is, or is not, the `identifier_hash` Chatwoot expects.
///
/// It recomputes the hash the way each known mistake would (key and message swapped, uppercase,
/// Base64, a trailing newline, another algorithm, ...) and reports every one that reproduces
/// the candidate. A well-formed hash that nothing reproduces is reported as
/// [`FindingCode::UnknownSecret`]. Messages never contain the secret.
///
/// ```
/// use chatwoot_identity::{FindingCode, diagnose};
///
/// let secret = "your-secret-token-for-hmac";
/// let id = "unique-identifier-of-the-user";
/// // A hash computed with the key and the message the wrong way round:
/// let swapped = chatwoot_identity::identifier_hash(id, secret)?;
/// let diagnosis = diagnose(secret, id, swapped)?;
/// assert!(!diagnosis.verified);
/// assert_eq!(diagnosis.findings[0].code, FindingCode::KeyAndIdentifierSwapped);
/// assert!(!diagnosis.findings[0].message.contains(secret));
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
///
/// # Errors
/// [`Error::EmptySecret`] or [`Error::EmptyIdentifier`]: there is nothing to compare against.
pub fn diagnose(
    secret: impl AsRef<[u8]>,
    identifier: impl AsRef<[u8]>,
    candidate: impl AsRef<[u8]>,
) -> Result<Diagnosis, Error> {
    let (secret, identifier, candidate) =
        (secret.as_ref(), identifier.as_ref(), candidate.as_ref());
    let signer = Signer::new(secret)?;
    let expected = signer.identifier_hash(identifier)?;
    if expected.matches(candidate) {
        return Ok(Diagnosis {
            verified: true,
            findings: Vec::new(),
        });
    }
    let mut codes = explain(&signer, secret, identifier, candidate);
    codes.sort_unstable();
    codes.dedup();
    Ok(Diagnosis {
        verified: false,
        findings: codes.into_iter().map(Finding::from).collect(),
    })
}

/// The codes that explain a candidate already known not to verify.
fn explain(
    signer: &Signer,
    secret: &[u8],
    identifier: &[u8],
    candidate: &[u8],
) -> Vec<FindingCode> {
    let mut codes = Vec::new();
    let trimmed = candidate.trim_ascii();
    if trimmed.len() != candidate.len() {
        codes.push(FindingCode::SurroundingWhitespace);
    }
    if trimmed.is_empty() {
        codes.push(FindingCode::EmptyHash);
        return codes;
    }

    let mut cause_found = false;
    if trimmed == identifier || signer.verify(trimmed, identifier).unwrap_or(false) {
        codes.push(FindingCode::HashIsIdentifier);
        cause_found = true;
    }
    if trimmed.len() == secret.len() && bool::from(trimmed.ct_eq(secret)) {
        codes.push(FindingCode::HashIsSecret);
        cause_found = true;
    }

    if trimmed.iter().all(u8::is_ascii_hexdigit) {
        let lower = trimmed.to_ascii_lowercase();
        if lower != trimmed {
            codes.push(FindingCode::UppercaseHex);
        }
        let lower = core::str::from_utf8(&lower).expect("hex digits are ASCII");
        if lower.len() == HASH_HEX_LEN {
            if signer.verify(identifier, lower).unwrap_or(false) {
                return codes;
            }
            let reproduced = reproduce::sixty_four_hex(secret, identifier, lower);
            if reproduced.is_empty() && !cause_found {
                codes.push(FindingCode::UnknownSecret);
            }
            codes.extend(reproduced);
        } else if let Some(code) = reproduce::other_algorithm(secret, identifier, lower) {
            codes.push(code);
        } else if !cause_found {
            codes.push(FindingCode::WrongLength);
        }
        return codes;
    }

    if reproduce::is_base64_of(&signer.digest(identifier), trimmed) {
        codes.push(FindingCode::Base64Digest);
    } else if reproduce::looks_like_token(trimmed) && !cause_found {
        codes.push(FindingCode::LooksLikeToken);
    } else if !cause_found {
        codes.push(FindingCode::NotHex);
        if trimmed.len() != HASH_HEX_LEN {
            codes.push(FindingCode::WrongLength);
        }
    }
    codes
}

#[cfg(test)]
mod tests;
