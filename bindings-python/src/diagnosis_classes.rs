//! The one shape of both diagnoses: `diagnose()` and `diagnose_webhook()` each return a
//! result with `verified` and `findings`, whose findings have `code` and `message`; only the
//! core's types, the Python names and the docstrings differ. pyo3 classes cannot be generic,
//! so this macro writes each pair of classes from one definition.

/// Two frozen Python classes: `$class` over a core diagnosis (`verified`, `findings`), whose
/// findings it hands out as `$finding`, over the core's finding (`code`, `message`). The core
/// types must have those fields, with a `code` that has `as_str()` and a `&'static str`
/// `message`, as `Diagnosis`/`Finding` and `WebhookDiagnosis`/`WebhookFinding` do. The
/// diagnosis's `repr()` lists the codes; the finding's shows its code only.
macro_rules! diagnosis_classes {
    (
        $(#[doc = $class_doc:tt])*
        $class:ident($name:tt, $core:ty);
        $(#[doc = $verified_doc:tt])*
        verified;
        $(#[doc = $findings_doc:tt])*
        findings;
        $(#[doc = $finding_doc:tt])*
        $finding:ident($finding_name:tt, $finding_core:ty);
        $(#[doc = $code_doc:tt])*
        code;
    ) => {
        $(#[doc = $class_doc])*
        #[pyo3::pyclass(frozen, name = $name, module = "chatwoot_identity")]
        pub(crate) struct $class(pub(crate) $core);

        #[pyo3::pymethods]
        impl $class {
            $(#[doc = $verified_doc])*
            #[getter]
            fn verified(&self) -> bool {
                self.0.verified
            }

            $(#[doc = $findings_doc])*
            #[getter]
            fn findings<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyList>> {
                pyo3::types::PyList::new(py, self.0.findings.iter().map(|f| $finding(*f)))
            }

            fn __repr__(&self) -> String {
                let codes: Vec<String> =
                    self.0.findings.iter().map(|f| format!("'{}'", f.code.as_str())).collect();
                let verified = if self.0.verified { "True" } else { "False" };
                format!("{}(verified={verified}, findings=[{}])", $name, codes.join(", "))
            }
        }

        $(#[doc = $finding_doc])*
        #[pyo3::pyclass(frozen, name = $finding_name, module = "chatwoot_identity")]
        pub(crate) struct $finding($finding_core);

        #[pyo3::pymethods]
        impl $finding {
            $(#[doc = $code_doc])*
            #[getter]
            fn code(&self) -> &'static str {
                self.0.code.as_str()
            }

            /// One plain sentence explaining the mistake; it never contains the secret.
            #[getter]
            fn message(&self) -> &'static str {
                self.0.message
            }

            fn __repr__(&self) -> String {
                format!("{}(code='{}')", $finding_name, self.0.code.as_str())
            }
        }
    };
}

pub(crate) use diagnosis_classes;
