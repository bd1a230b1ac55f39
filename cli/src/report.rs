//! How `diagnose` and `webhook diagnose` print what they found: text for people, or JSON.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::failure::Failure;

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
        Ok(if self.verified {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        })
    }
}
