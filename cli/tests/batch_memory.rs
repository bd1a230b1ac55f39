//! Peak memory of `batch` stays bounded whatever the input's shape. The input is generated
//! while it streams into the child's stdin, and the child's peak resident size comes from the
//! kernel (wait4's rusage), so nothing huge touches the disk or this process's memory.

mod common;

use std::io::{Read, Write};
use std::process::{ChildStdin, Stdio};

use common::*;

/// The budget for any input.
const PEAK_LIMIT_KIB: i64 = 50 * 1024;

struct Finished {
    exit_code: i32,
    peak_kib: i64,
    stderr: String,
}

/// Runs `batch ARGS` with output to /dev/null, feeding stdin from `feed` on another thread.
// The child is reaped by wait4, not by std's wait, which would not give its resource usage.
#[allow(clippy::zombie_processes)]
fn measure(args: &[&str], feed: impl FnOnce(&mut ChildStdin) + Send + 'static) -> Finished {
    let mut child = tool()
        .env("CHATWOOT_HMAC_SECRET", SECRET)
        .arg("batch")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(std::fs::File::create("/dev/null").unwrap())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || feed(&mut stdin));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    writer.join().unwrap();

    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value, and wait4 only writes to the two pointers,
    // which point to live locals; the child is ours and has not been waited for.
    let (waited, usage) = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::wait4(pid, &mut status, 0, &mut usage), usage)
    };
    assert_eq!(waited, pid);
    assert!(libc::WIFEXITED(status), "the child was killed: {stderr}");
    Finished {
        exit_code: libc::WEXITSTATUS(status),
        peak_kib: usage.ru_maxrss, // kibibytes on Linux
        stderr,
    }
}

/// Writes `total` bytes of `a` without a newline, in 1 MiB writes.
fn one_long_value(stdin: &mut ChildStdin, total: usize) {
    let block = vec![b'a'; 1 << 20];
    for _ in 0..total / block.len() {
        if stdin.write_all(&block).is_err() {
            return;
        }
    }
}

#[test]
fn a_300_mb_line_is_one_bad_row_in_bounded_memory() {
    let run = measure(&[], |stdin| {
        one_long_value(stdin, 300 << 20);
        let _ = stdin.write_all(b"\nok\n");
    });
    assert_one_long_bad_row(&run, 1);
}

#[test]
fn a_300_mb_csv_value_is_one_bad_row_in_bounded_memory() {
    let run = measure(&["--csv", "--column", "email"], |stdin| {
        let _ = stdin.write_all(b"id,email\n1,");
        one_long_value(stdin, 300 << 20);
        let _ = stdin.write_all(b"\n2,ok\n");
    });
    assert_one_long_bad_row(&run, 2);
}

/// The run hashed one row and reported the long one as a bad row on `line`, in bounded memory.
fn assert_one_long_bad_row(run: &Finished, line: usize) {
    assert_eq!(run.exit_code, 1, "{}", run.stderr);
    let bad_row = format!("line {line}: identifier is longer than");
    assert!(run.stderr.contains(&bad_row), "{}", run.stderr);
    assert!(
        run.stderr.contains("2 rows, 1 hashed, 1 bad"),
        "{}",
        run.stderr
    );
    assert!(run.peak_kib < PEAK_LIMIT_KIB, "peak {} KiB", run.peak_kib);
}

#[test]
fn ten_million_short_lines_in_bounded_memory() {
    const LINES: usize = 10_000_000;
    let run = measure(&[], |stdin| {
        let mut block = Vec::with_capacity(1 << 20);
        for i in 0..LINES {
            writeln!(block, "3f2a1c9e-8b7d-4e6f-a5c4-{i:012}").unwrap();
            if block.len() >= (1 << 20) - 64 {
                stdin.write_all(&block).unwrap();
                block.clear();
            }
        }
        stdin.write_all(&block).unwrap();
    });
    assert_every_row_hashed(&run, "10,000,000 rows, 10,000,000 hashed, 0 bad");
}

/// The run succeeded with `summary` as its last word, in bounded memory.
fn assert_every_row_hashed(run: &Finished, summary: &str) {
    assert_eq!(run.exit_code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(summary), "{}", run.stderr);
    assert!(run.peak_kib < PEAK_LIMIT_KIB, "peak {} KiB", run.peak_kib);
}

/// Thousands of kept columns, all empty: the data is nothing, the bookkeeping per row (an end
/// for each kept value, and its separator in the output) is what a chunk must be counted by.
#[test]
fn two_thousand_empty_kept_columns_in_bounded_memory() {
    const KEPT: usize = 2_000;
    const ROWS: usize = 200_000;
    let names: Vec<String> = (0..KEPT).map(|i| format!("c{i}")).collect();
    let keep = names.join(",");
    let run = measure(
        &["--csv", "--column", "email", "--keep-columns", &keep],
        move |stdin| {
            let header = format!("email,{}\n", names.join(","));
            let row = format!("a@example.com{}\n", ",".repeat(KEPT));
            let _ = stdin.write_all(header.as_bytes());
            let rows = row.repeat(256);
            for _ in 0..ROWS / 256 {
                if stdin.write_all(rows.as_bytes()).is_err() {
                    return;
                }
            }
        },
    );
    assert_every_row_hashed(&run, "199,936 rows, 199,936 hashed, 0 bad");
}
