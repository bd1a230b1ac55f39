//! `diagnose`: the core's explanation of a rejected hash as a plain JavaScript object.

use napi_derive::napi;

/// The result of `diagnose`.
#[napi(object)]
pub struct Diagnosis {
    /// Whether Chatwoot would accept the hash.
    pub verified: bool,
    /// Known mistakes that explain a rejected hash, in a fixed order; empty when verified.
    pub findings: Vec<Finding>,
}

/// One known mistake.
#[napi(object)]
pub struct Finding {
    /// Stable snake_case code, e.g. `uppercase_hex`.
    pub code: String,
    /// One sentence that explains the mistake and its fix.
    pub message: String,
}

impl Finding {
    /// The core's findings as JavaScript objects. The hash diagnosis and the webhook diagnosis
    /// have findings of their own core types (their codes are distinct enums), but each is a
    /// stable code and its fixed sentence, which `code_and_message` reads out.
    pub(crate) fn all<T>(
        findings: &[T],
        code_and_message: impl Fn(&T) -> (&'static str, &'static str),
    ) -> Vec<Finding> {
        findings
            .iter()
            .map(|finding| {
                let (code, message) = code_and_message(finding);
                Finding {
                    code: code.to_owned(),
                    message: message.to_owned(),
                }
            })
            .collect()
    }
}

impl From<chatwoot_identity::Diagnosis> for Diagnosis {
    fn from(diagnosis: chatwoot_identity::Diagnosis) -> Self {
        Diagnosis {
            verified: diagnosis.verified,
            findings: Finding::all(&diagnosis.findings, |f| (f.code.as_str(), f.message)),
        }
    }
}
