//! The progress bar a person watching the terminal sees, and nobody else.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::report::Tally;

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
}

impl Progress {
    /// Visible only when stderr is a terminal and stdout is not: rows printed to the terminal
    /// would be torn apart by the bar redrawing between them. `input_size` (when the input is
    /// a file) gives a percentage and an ETA; otherwise a spinner shows it is alive.
    pub fn new(input_size: Option<u64>) -> Self {
        let started = Instant::now();
        if !io::stderr().is_terminal() || io::stdout().is_terminal() {
            return Progress {
                bar: ProgressBar::hidden(),
                started,
            };
        }
        let (bar, template) = match input_size {
            Some(bytes) => (
                ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr()),
                "{wide_bar} {percent:>3}%  {msg}, ETA {eta}",
            ),
            None => (
                ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
                "{spinner} {msg}",
            ),
        };
        bar.set_style(ProgressStyle::with_template(template).expect("the template is valid"));
        let progress = Progress { bar, started };
        progress.update(&Tally::default(), 0); // before the first tick draws the bar
        progress.bar.enable_steady_tick(Duration::from_millis(200));
        progress
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Shows the counts so far; `input_offset` is how far into the input they reach.
    pub fn update(&self, tally: &Tally, input_offset: u64) {
        if self.bar.is_hidden() {
            return;
        }
        let warnings = match tally.whitespace {
            0 => String::new(),
            count => format!(", {} warned", HumanCount(count)),
        };
        self.bar.set_message(format!(
            "{} hashed, {} bad{warnings}, {} identifiers/s",
            HumanCount(tally.hashed),
            HumanCount(tally.bad),
            HumanCount(rate(tally.hashed, self.elapsed()))
        ));
        self.bar.set_position(input_offset); // draws, so after the message
    }

    /// Prints `lines` (each ending in a newline) on stderr above the bar, which is redrawn
    /// below them.
    pub fn print(&self, lines: &str) {
        self.bar.suspend(|| {
            let _ = io::stderr().lock().write_all(lines.as_bytes());
        });
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Whole identifiers per second: a fraction of one is noise to a person reading it.
pub fn rate(count: u64, elapsed: Duration) -> u64 {
    (count as f64 / elapsed.as_secs_f64().max(1e-6)) as u64
}
