//! `diagnose()` results: why Chatwoot would reject a hash.

use chatwoot_identity::{Diagnosis, Finding};
use pyo3::prelude::*;
use pyo3::types::PyList;

/// What ``diagnose()`` found out about a candidate ``identifier_hash``.
#[pyclass(frozen, name = "Diagnosis", module = "chatwoot_identity")]
pub(crate) struct PyDiagnosis {
    diagnosis: Diagnosis,
}

impl From<Diagnosis> for PyDiagnosis {
    fn from(diagnosis: Diagnosis) -> Self {
        PyDiagnosis { diagnosis }
    }
}

#[pymethods]
impl PyDiagnosis {
    /// Whether Chatwoot would accept the candidate as it is.
    #[getter]
    fn verified(&self) -> bool {
        self.diagnosis.verified
    }

    /// Every known mistake that explains the candidate, most specific first; empty when
    /// ``verified``.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(
            py,
            self.diagnosis.findings.iter().map(|f| PyFinding::from(*f)),
        )
    }

    fn __repr__(&self) -> String {
        let codes: Vec<String> = self
            .diagnosis
            .findings
            .iter()
            .map(|f| format!("'{}'", f.code.as_str()))
            .collect();
        let verified = if self.diagnosis.verified {
            "True"
        } else {
            "False"
        };
        format!(
            "Diagnosis(verified={verified}, findings=[{}])",
            codes.join(", ")
        )
    }
}

/// One reason a hash does not verify.
#[pyclass(frozen, name = "Finding", module = "chatwoot_identity")]
pub(crate) struct PyFinding {
    finding: Finding,
}

impl From<Finding> for PyFinding {
    fn from(finding: Finding) -> Self {
        PyFinding { finding }
    }
}

#[pymethods]
impl PyFinding {
    /// The stable code shared by every language binding, e.g. ``"uppercase_hex"``.
    #[getter]
    fn code(&self) -> &'static str {
        self.finding.code.as_str()
    }

    /// One plain sentence explaining the mistake; it never contains the secret.
    #[getter]
    fn message(&self) -> &'static str {
        self.finding.message
    }

    fn __repr__(&self) -> String {
        format!("Finding(code='{}')", self.finding.code.as_str())
    }
}
