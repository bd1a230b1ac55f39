//! The core's two answers to "why is this rejected?" as Elixir structs: an identifier hash's
//! (`%ChatwootIdentity.Diagnosis{}` of `%ChatwootIdentity.Finding{}`) and a webhook
//! signature's (`%ChatwootIdentity.WebhookDiagnosis{}` of `%ChatwootIdentity.WebhookFinding{}`).
//! Both have the same fields, so one macro declares each pair.

use chatwoot_identity::{Diagnosis, WebhookDiagnosis};
use rustler::{Atom, Env, NifStruct};

use crate::codes;

/// A diagnosis struct (`verified`, `findings`) and its finding struct (`code` as an atom,
/// `message`), made from the core's `$core` by `new`.
macro_rules! diagnosis_term {
    ($diagnosis:ident($core:ty) as $diagnosis_module:tt, $finding:ident as $finding_module:tt) => {
        #[derive(NifStruct)]
        #[rustler(encode)]
        #[module = $diagnosis_module]
        pub struct $diagnosis {
            verified: bool,
            findings: Vec<$finding>,
        }

        #[derive(NifStruct)]
        #[rustler(encode)]
        #[module = $finding_module]
        struct $finding {
            code: Atom,
            message: &'static str,
        }

        impl $diagnosis {
            pub fn new(env: Env<'_>, diagnosis: &$core) -> Self {
                let findings = diagnosis.findings.iter().map(|finding| $finding {
                    code: codes::atom(env, finding.code.as_str()),
                    message: finding.message,
                });
                $diagnosis {
                    verified: diagnosis.verified,
                    findings: findings.collect(),
                }
            }
        }
    };
}

diagnosis_term!(
    DiagnosisTerm(Diagnosis) as "ChatwootIdentity.Diagnosis",
    FindingTerm as "ChatwootIdentity.Finding"
);

diagnosis_term!(
    WebhookDiagnosisTerm(WebhookDiagnosis) as "ChatwootIdentity.WebhookDiagnosis",
    WebhookFindingTerm as "ChatwootIdentity.WebhookFinding"
);
