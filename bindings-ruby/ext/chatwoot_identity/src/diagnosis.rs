//! `ChatwootIdentity::Diagnosis` and `ChatwootIdentity::Finding`: the core's answer to "why is
//! this hash rejected?", read-only from Ruby.

use chatwoot_identity::{Diagnosis, Finding};
use magnus::{Error, RArray, RModule, RString, Ruby, method, prelude::*};

#[magnus::wrap(
    class = "ChatwootIdentity::Diagnosis",
    free_immediately,
    size,
    frozen_shareable
)]
pub struct RbDiagnosis(Diagnosis);

#[magnus::wrap(
    class = "ChatwootIdentity::Finding",
    free_immediately,
    size,
    frozen_shareable
)]
struct RbFinding(Finding);

impl From<Diagnosis> for RbDiagnosis {
    fn from(diagnosis: Diagnosis) -> Self {
        RbDiagnosis(diagnosis)
    }
}

impl RbDiagnosis {
    fn verified(&self) -> bool {
        self.0.verified
    }

    fn findings(ruby: &Ruby, rb_self: &Self) -> RArray {
        ruby.ary_from_iter(rb_self.0.findings.iter().copied().map(RbFinding))
    }
}

impl RbFinding {
    fn code(ruby: &Ruby, rb_self: &Self) -> RString {
        ruby.str_new(rb_self.0.code.as_str())
    }

    fn message(ruby: &Ruby, rb_self: &Self) -> RString {
        ruby.str_new(rb_self.0.message)
    }
}

pub fn define(ruby: &Ruby, module: RModule) -> Result<(), Error> {
    let diagnosis = crate::wrapped_class(ruby, module, "Diagnosis")?;
    diagnosis.define_method("verified?", method!(RbDiagnosis::verified, 0))?;
    diagnosis.define_method("findings", method!(RbDiagnosis::findings, 0))?;

    let finding = crate::wrapped_class(ruby, module, "Finding")?;
    finding.define_method("code", method!(RbFinding::code, 0))?;
    finding.define_method("message", method!(RbFinding::message, 0))?;
    Ok(())
}
