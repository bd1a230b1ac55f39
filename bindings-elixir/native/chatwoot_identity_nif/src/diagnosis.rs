//! `%ChatwootIdentity.Diagnosis{}` and `%ChatwootIdentity.Finding{}` from the core's answer.

use chatwoot_identity::{Diagnosis, Finding};
use rustler::{Atom, Env, NifStruct};

use crate::codes;

#[derive(NifStruct)]
#[rustler(encode)]
#[module = "ChatwootIdentity.Diagnosis"]
pub struct DiagnosisTerm {
    verified: bool,
    findings: Vec<FindingTerm>,
}

#[derive(NifStruct)]
#[rustler(encode)]
#[module = "ChatwootIdentity.Finding"]
struct FindingTerm {
    code: Atom,
    message: &'static str,
}

impl DiagnosisTerm {
    pub fn new(env: Env<'_>, diagnosis: &Diagnosis) -> Self {
        let finding = |finding: &Finding| FindingTerm {
            code: codes::atom(env, finding.code.as_str()),
            message: finding.message,
        };
        DiagnosisTerm {
            verified: diagnosis.verified,
            findings: diagnosis.findings.iter().map(finding).collect(),
        }
    }
}
