//! The one shape of both diagnoses: `diagnose()` and `diagnose_webhook()` each return a
//! result with `verified` and `findings`, whose findings have `code` and `message`; only the
//! core's types, the Python names and the docstrings differ. pyo3 classes cannot be generic,
//! so these macros write each class from one definition.

/// A frozen Python class over a core finding (`code`, `message`): `$core` must have a `code`
/// with `as_str()` and a `&'static str` `message`, as the core's `Finding` and
/// `WebhookFinding` do. Its `repr()` shows the code only.
macro_rules! finding_class {
    (
        $(#[doc = $class_doc:tt])*
        $class:ident($name:tt, $core:ty);
        $(#[doc = $code_doc:tt])*
        code;
    ) => {
        $(#[doc = $class_doc])*
        #[pyo3::pyclass(frozen, name = $name, module = "chatwoot_identity")]
        pub(crate) struct $class {
            finding: $core,
        }

        impl From<$core> for $class {
            fn from(finding: $core) -> Self {
                $class { finding }
            }
        }

        #[pyo3::pymethods]
        impl $class {
            $(#[doc = $code_doc])*
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
                format!("{}(code='{}')", $name, self.finding.code.as_str())
            }
        }
    };
}

/// A frozen Python class over a core diagnosis (`verified`, `findings`), whose findings are
/// handed out as `$finding`, a class made by `finding_class!`. Its `repr()` lists the codes.
macro_rules! diagnosis_class {
    (
        $(#[doc = $class_doc:tt])*
        $class:ident($name:tt, $core:ty) of $finding:ident;
        $(#[doc = $verified_doc:tt])*
        verified;
        $(#[doc = $findings_doc:tt])*
        findings;
    ) => {
        $(#[doc = $class_doc])*
        #[pyo3::pyclass(frozen, name = $name, module = "chatwoot_identity")]
        pub(crate) struct $class {
            diagnosis: $core,
        }

        impl From<$core> for $class {
            fn from(diagnosis: $core) -> Self {
                $class { diagnosis }
            }
        }

        #[pyo3::pymethods]
        impl $class {
            $(#[doc = $verified_doc])*
            #[getter]
            fn verified(&self) -> bool {
                self.diagnosis.verified
            }

            $(#[doc = $findings_doc])*
            #[getter]
            fn findings<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyList>> {
                let findings = self.diagnosis.findings.iter().map(|f| $finding::from(*f));
                pyo3::types::PyList::new(py, findings)
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
                    "{}(verified={verified}, findings=[{}])",
                    $name,
                    codes.join(", ")
                )
            }
        }
    };
}

pub(crate) use {diagnosis_class, finding_class};
