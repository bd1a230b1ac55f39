//! `diagnose()` results: why Chatwoot would reject a hash.

use chatwoot_identity::{Diagnosis, Finding};

use crate::diagnosis_classes::diagnosis_classes;

diagnosis_classes! {
    /// What ``diagnose()`` found out about a candidate ``identifier_hash``.
    PyDiagnosis("Diagnosis", Diagnosis);
    /// Whether Chatwoot would accept the candidate as it is.
    verified;
    /// Every known mistake that explains the candidate, most specific first; empty when
    /// ``verified``.
    findings;
    /// One reason a hash does not verify.
    PyFinding("Finding", Finding);
    /// The stable code shared by every language binding, e.g. ``"uppercase_hex"``.
    code;
}
