//! `batch` on one identifier per line: line endings, whitespace, length limits, and how each
//! problem is reported (by line number, on stderr) while the other rows are still hashed.

mod common;

use common::*;

/// The `identifier,identifier_hash` rows of a CSV output, header dropped.
fn rows(output: &std::process::Output) -> Vec<(String, String)> {
    csv::Reader::from_reader(&output.stdout[..])
        .records()
        .map(|record| {
            let record = record.unwrap();
            (record[0].to_owned(), record[1].to_owned())
        })
        .collect()
}

fn hashed(identifiers: &[&str]) -> Vec<(String, String)> {
    identifiers
        .iter()
        .map(|id| (id.to_string(), hash_of(id)))
        .collect()
}

#[test]
fn crlf_and_lf_lines_are_numbered_alike() {
    for ending in ["\n", "\r\n"] {
        let input = ["a", "b", "", "c"].join(ending) + ending;
        let output = batch(&[], input.as_bytes());
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(rows(&output), hashed(&["a", "b", "c"]));
        let errors = stderr(&output);
        assert!(errors.contains("line 3: empty identifier"), "{errors}");
    }
}

#[test]
fn a_lone_carriage_return_is_a_bad_row_never_a_merge() {
    let output = batch(&[], b"alice\rbob\rcarol\r");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "identifier,identifier_hash\n");
    let errors = stderr(&output);
    assert!(errors.contains("line 1: "), "{errors}");
    assert!(errors.contains("carriage return"), "{errors}");
    assert!(errors.contains("--line-ending cr"), "{errors}");

    // Its neighbours are kept, and numbered as an editor shows them.
    let output = batch(&[], b"a\nb\rc\nd\n");
    assert_eq!(rows(&output), hashed(&["a", "d"]));
    assert!(stderr(&output).contains("line 2: "), "{}", stderr(&output));
}

#[test]
fn line_ending_cr_reads_classic_mac_files() {
    let output = batch(&["--line-ending", "cr"], b"alice\rbob\r\rcarol");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(rows(&output), hashed(&["alice", "bob", "carol"]));
    assert!(stderr(&output).contains("line 3: empty identifier"));

    // CRLF is one line end in either mode; a lone LF is then the stray byte.
    let output = batch(&["--line-ending", "cr"], b"a\r\nb\nc\r");
    assert_eq!(rows(&output), hashed(&["a"]));
    let errors = stderr(&output);
    assert!(errors.contains("line 2: "), "{errors}");
    assert!(errors.contains("line feed"), "{errors}");
}

#[test]
fn whitespace_around_an_identifier_is_hashed_with_a_warning() {
    let output = batch(&[], b" alice\nbob \n \t \nok\n");
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail");
    assert_eq!(rows(&output), hashed(&[" alice", "bob ", " \t ", "ok"]));
    let errors = stderr(&output);
    assert!(
        errors.contains("line 1: identifier starts with whitespace"),
        "{errors}"
    );
    assert!(
        errors.contains("line 2: identifier ends with whitespace"),
        "{errors}"
    );
    assert!(
        errors.contains("line 3: identifier is only whitespace"),
        "{errors}"
    );
    assert!(!errors.contains("line 4"), "{errors}");
    // Unicode whitespace counts: a no-break space pasted from a web page.
    let output = batch(&[], "jane\u{a0}\n".as_bytes());
    assert!(stderr(&output).contains("line 1: identifier ends with whitespace"));
}

#[test]
fn strict_refuses_whitespace_around_an_identifier() {
    let output = batch(&["--strict"], b"ok\nbob \nlater\n");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(rows(&output), hashed(&["ok"]));
    let errors = stderr(&output);
    assert!(errors.contains("line 2: "), "{errors}");
    assert!(errors.contains("--strict"), "{errors}");
}

#[test]
fn identifiers_longer_than_the_limit_are_bad_rows() {
    let too_long = "x".repeat(64 * 1024 + 1);
    let longest = "y".repeat(64 * 1024);
    let input = format!("{too_long}\n{longest}\nok\n");
    let output = batch(&[], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(rows(&output), hashed(&[&longest, "ok"]));
    let errors = stderr(&output);
    assert!(
        errors.contains("line 1: identifier is longer than 65536 bytes"),
        "{errors}"
    );

    let output = batch(&["--max-identifier-bytes", "3"], b"abcd\nabc\n");
    assert_eq!(rows(&output), hashed(&["abc"]));
    assert!(stderr(&output).contains("line 1: identifier is longer than 3 bytes"));

    for refused in ["0", "-1", "lots", "1048577"] {
        let output = batch(&["--max-identifier-bytes", refused], b"a\n");
        assert_eq!(output.status.code(), Some(2), "{refused}");
    }
}

#[test]
fn a_byte_order_mark_does_not_become_part_of_the_first_identifier() {
    let output = batch(&[], b"\xef\xbb\xbfalice\nbob\n");
    assert_eq!(rows(&output), hashed(&["alice", "bob"]));
}

/// Stopping (`--strict` on a bad row, or a reader of the output that went away) ends the run
/// at once, even while the input is still open: a producer that keeps writing, or a pipe
/// that a slow job keeps open, must not keep the process alive.
#[test]
fn a_stopped_run_exits_while_its_input_stays_open() {
    use std::io::{Read, Write};
    use std::process::Stdio;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    for (args, stdout) in [
        (&["--strict"][..], Stdio::null()),
        (&[][..], Stdio::piped()),
    ] {
        let mut command = tool();
        command.env("CHATWOOT_HMAC_SECRET", SECRET).arg("batch");
        let mut child = command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(stdout)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let exited = Arc::new(AtomicBool::new(false));
        let mut input = child.stdin.take().unwrap();
        let feeder = {
            let exited = exited.clone();
            std::thread::spawn(move || {
                // Enough rows to fill a chunk, a bad row for --strict, then the input stays
                // open until the tool has exited, or for a minute if it never does. Whether
                // the tool exited first is the answer.
                let rows: String = (0..50_000).map(|i| format!("user-{i}\n")).collect();
                let _ = input.write_all(format!("{rows}\n{rows}").as_bytes());
                (0..6_000).any(|_| {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    exited.load(Ordering::SeqCst)
                })
            })
        };
        if let Some(mut out) = child.stdout.take() {
            // The reader of the output reads a little and goes away, as `| head -n 1` does.
            let mut first = [0u8; 64];
            let _ = out.read(&mut first);
        }
        child.wait().unwrap();
        exited.store(true, Ordering::SeqCst);
        let exited_first = feeder.join().unwrap();
        assert!(
            exited_first,
            "{args:?}: the tool waited for its input to close"
        );
    }
}
