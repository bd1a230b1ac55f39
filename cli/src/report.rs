//! How `diagnose` and `webhook diagnose` print what they found: text for people, or JSON.

use std::io::Write;
use std::process::ExitCode;

use chatwoot_identity::{Diagnosis, WebhookDiagnosis};
use serde::Serialize;

use crate::failure::Failure;

/// The exit status of every command that answers verified or not: 0 when verified, 1 when not.
pub fn verdict(verified: bool) -> ExitCode {
    if verified {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A diagnosis, whichever kind: the verdict and each finding's code and message.
#[derive(Serialize)]
pub struct Report<'a> {
    pub verified: bool,
    pub findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
pub struct Finding<'a> {
    pub code: &'a str,
    pub message: &'a str,
}

impl<'a> Report<'a> {
    /// A report from a verdict and each finding's (code, message).
    pub fn new(verified: bool, findings: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        Report {
            verified,
            findings: findings
                .map(|(code, message)| Finding { code, message })
                .collect(),
        }
    }

    /// Prints the report; `verified_line` is the text verdict when it verified. Exit 0 when
    /// verified, 1 when not.
    pub fn print(&self, json: bool, verified_line: &str) -> Result<ExitCode, Failure> {
        let mut out = std::io::stdout().lock();
        if json {
            serde_json::to_writer_pretty(&mut out, self).map_err(std::io::Error::from)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{}",
                if self.verified {
                    verified_line
                } else {
                    "not verified"
                }
            )?;
            for finding in &self.findings {
                writeln!(out, "- {}: {}", finding.code, finding.message)?;
            }
        }
        Ok(verdict(self.verified))
    }
}

/// The two diagnoses are separate types in the core (each catalogue fits its own 32-bit mask)
/// with the same fields; one body turns either into a report.
macro_rules! report_from_diagnosis {
    ($($diagnosis:ty),*) => {$(
        impl<'a> From<&'a $diagnosis> for Report<'a> {
            fn from(diagnosis: &'a $diagnosis) -> Self {
                let findings = diagnosis.findings.iter();
                Report::new(
                    diagnosis.verified,
                    findings.map(|f| (f.code.as_str(), f.message)),
                )
            }
        }
    )*};
}

report_from_diagnosis!(Diagnosis, WebhookDiagnosis);
