//! What `batch` shows a person while it runs (on a terminal, through `script`), and the summary
//! it leaves on stderr at the end of every run.

mod common;

use std::process::Command;

use common::*;

/// Runs `shell_command` with a terminal as stdin, stdout and stderr, as a person would, and
/// returns the screen: everything written to that terminal, split where the cursor went back to
/// the start of a line, with terminal control sequences removed.
fn on_terminal(shell_command: &str) -> Vec<String> {
    // `script` (Debian's essential bsdutils) gives the command a terminal.
    let output = Command::new("script")
        .args(["-qec", shell_command, "/dev/null"])
        .env("CHATWOOT_HMAC_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "{output:?}"
    );
    let screen = String::from_utf8_lossy(&output.stdout);
    without_control_sequences(&screen)
        .split(['\r', '\n'])
        .filter(|segment| !segment.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn without_control_sequences(text: &str) -> String {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters... final byte in @..~
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// A file of `count` identifiers where every `bad_every`-th line is empty (a bad row).
fn identifiers_file(dir: &TempDir, count: usize, bad_every: usize) -> std::path::PathBuf {
    let mut text = String::new();
    for i in 1..=count {
        if i % bad_every != 0 {
            text.push_str(&format!("user-{i}@example.com"));
        }
        text.push('\n');
    }
    dir.file("ids.txt", text)
}

/// Where a run's rows (its stdout) go: nowhere, or onto the terminal that shows the bar.
enum Rows {
    Discarded,
    OnTheTerminal,
}

/// The screen of a `batch` run, on a terminal, over [`identifiers_file`]`(count, bad_every)`.
fn batch_on_terminal(name: &str, count: usize, bad_every: usize, rows: Rows) -> Vec<String> {
    let dir = TempDir::new(name);
    let input = identifiers_file(&dir, count, bad_every);
    let redirect = match rows {
        Rows::Discarded => " > /dev/null",
        Rows::OnTheTerminal => "",
    };
    on_terminal(&format!(
        "{BINARY} batch --input {}{redirect}",
        input.display()
    ))
}

fn is_summary(segment: &str) -> bool {
    segment.starts_with("chatwoot-identity: ") && segment.contains(" rows, ")
}

#[test]
fn a_person_sees_percentage_eta_and_an_integer_rate() {
    let screen = batch_on_terminal("progress-terminal", 400_000, 1_000_000, Rows::Discarded);
    let bar: Vec<&String> = screen.iter().filter(|s| s.contains('%')).collect();
    assert!(!bar.is_empty(), "no progress bar: {screen:?}");
    for drawn in &bar {
        assert!(drawn.contains("ETA"), "{drawn:?}");
        let rate = drawn
            .split(" identifiers/s")
            .next()
            .and_then(|before| before.rsplit(' ').next())
            .unwrap_or_else(|| panic!("no rate in {drawn:?}"));
        assert!(
            !rate.is_empty() && rate.chars().all(|c| c.is_ascii_digit() || c == ','),
            "the rate is an integer with units: {drawn:?}"
        );
    }
    assert!(screen.iter().any(|s| is_summary(s)), "{screen:?}");
}

#[test]
fn warnings_go_above_the_bar_not_onto_it() {
    let screen = batch_on_terminal("progress-warnings", 400_000, 40_000, Rows::Discarded);
    let reports: Vec<&String> = screen
        .iter()
        .filter(|s| s.contains("empty identifier"))
        .collect();
    assert_eq!(reports.len(), 10, "{screen:?}");
    for report in reports {
        assert!(
            report.starts_with("chatwoot-identity: line "),
            "a report written onto the bar: {report:?}"
        );
    }
}

#[test]
fn no_bar_when_the_rows_go_to_the_same_terminal() {
    let screen = batch_on_terminal("progress-stdout", 100_000, 1_000_000, Rows::OnTheTerminal);
    assert!(
        screen
            .iter()
            .any(|s| s.starts_with("user-99999@example.com,"))
    );
    for segment in &screen {
        assert!(
            !segment.contains("hashed") || is_summary(segment),
            "a bar between the rows: {segment:?}"
        );
    }
}

#[test]
fn a_pipe_gets_no_bar_but_a_one_line_summary() {
    let output = batch(&[], b"a\n\nb \nc\n");
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    let last = errors.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("chatwoot-identity: 4 rows, 3 hashed, 1 bad, 1 whitespace warning in "),
        "{errors}"
    );
    assert!(last.ends_with(" identifiers/s)"), "{last}");
    assert_eq!(
        errors.lines().count(),
        3,
        "the bad row, the warning, the summary: {errors}"
    );
}

#[test]
fn only_the_first_whitespace_warnings_are_shown_all_are_counted() {
    let input = "x \n".repeat(25);
    let output = batch(&[], input.as_bytes());
    let errors = stderr(&output);
    assert_eq!(
        errors.matches("ends with whitespace").count(),
        10,
        "{errors}"
    );
    assert!(errors.contains("25 whitespace warnings"), "{errors}");
}
