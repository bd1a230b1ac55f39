//! What a batch tells the person running it on stderr: each bad row, the first warnings, and
//! a summary line at the end.

use indicatif::HumanCount;

use super::hash::{Note, NoteKind};
use super::progress::{Progress, rate};
use crate::failure::Failure;

/// Whitespace warnings printed one by one; the rest are only counted. Bad rows are all
/// printed: they are missing from the output, and each needs fixing.
const WHITESPACE_WARNINGS_SHOWN: u64 = 10;

#[derive(Clone, Copy, Default)]
pub struct Tally {
    pub hashed: u64,
    pub bad: u64,
    pub whitespace: u64,
}

impl Tally {
    /// "3 hashed, 1 bad, 2 whitespace warnings"
    pub fn counts(&self) -> String {
        let warnings = if self.whitespace == 1 {
            "warning"
        } else {
            "warnings"
        };
        format!(
            "{} hashed, {} bad, {} whitespace {warnings}",
            HumanCount(self.hashed),
            HumanCount(self.bad),
            HumanCount(self.whitespace)
        )
    }
}

pub struct Report<'a> {
    progress: &'a Progress,
    strict: bool,
    pub tally: Tally,
    /// Lines waiting for [`Report::flush`]: a file of mostly bad rows would otherwise cost a
    /// write (and a redraw of the bar) per row.
    pending: String,
}

impl<'a> Report<'a> {
    pub fn new(progress: &'a Progress, strict: bool) -> Self {
        Report {
            progress,
            strict,
            tally: Tally::default(),
            pending: String::new(),
        }
    }

    /// Reports one row. With --strict it is the end of the run instead.
    pub fn note(&mut self, note: &Note) -> Result<(), Failure> {
        let what = match &note.kind {
            NoteKind::Bad(problem) => problem.to_string(),
            NoteKind::Whitespace(surrounding) => surrounding.describe().to_owned(),
        };
        if self.strict {
            self.flush();
            return Err(Failure::input(format!(
                "line {}: {what} (stopped by --strict; the {} rows before it were written)",
                note.line,
                HumanCount(self.tally.hashed)
            )));
        }
        match note.kind {
            NoteKind::Bad(_) => {
                self.tally.bad += 1;
                self.say(&format!("line {}: {what}, skipped", note.line));
            }
            NoteKind::Whitespace(_) => {
                self.tally.whitespace += 1;
                if self.tally.whitespace <= WHITESPACE_WARNINGS_SHOWN {
                    self.say(&format!(
                        "line {}: {what}, hashed as it is (Chatwoot does not trim either)",
                        note.line
                    ));
                }
                if self.tally.whitespace == WHITESPACE_WARNINGS_SHOWN + 1 {
                    self.say(
                        "more identifiers with whitespace at an end: counted in the summary, \
                         not shown",
                    );
                }
            }
        }
        Ok(())
    }

    /// "chatwoot-identity: 4 rows, 3 hashed, 1 bad, 0 whitespace warnings in 0.01 s
    /// (300 identifiers/s)"
    pub fn summary(&mut self) {
        let elapsed = self.progress.elapsed();
        let tally = self.tally;
        self.say(&format!(
            "{} rows, {} in {:.2} s ({} identifiers/s)",
            HumanCount(tally.hashed + tally.bad),
            tally.counts(),
            elapsed.as_secs_f64(),
            HumanCount(rate(tally.hashed, elapsed))
        ));
        self.flush();
    }

    /// Prints the lines reported so far, above the progress bar.
    pub fn flush(&mut self) {
        if !self.pending.is_empty() {
            self.progress.print(&self.pending);
            self.pending.clear();
        }
    }

    fn say(&mut self, line: &str) {
        self.pending.push_str("chatwoot-identity: ");
        self.pending.push_str(line);
        self.pending.push('\n');
    }
}
