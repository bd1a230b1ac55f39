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

impl From<chatwoot_identity::Diagnosis> for Diagnosis {
    fn from(diagnosis: chatwoot_identity::Diagnosis) -> Self {
        Diagnosis {
            verified: diagnosis.verified,
            findings: diagnosis
                .findings
                .into_iter()
                .map(|finding| Finding {
                    code: finding.code.as_str().to_owned(),
                    message: finding.message.to_owned(),
                })
                .collect(),
        }
    }
}
