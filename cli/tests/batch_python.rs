//! Property: whatever the input's lines, `batch` hashes each one exactly as Python's `hmac`
//! does, and reports exactly the lines a plain reading of the rules calls bad. Python is the
//! independent reference; one Python process answers every generated case.

mod common;

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// The rules, written from the README rather than from the Rust code: lines end at LF, one CR
/// before the LF belongs to the line end, a UTF-8 byte order mark at the start is ignored; a
/// line is bad when it is empty, holds another CR, is longer than the limit or is not UTF-8.
const REFERENCE: &str = r#"
import hashlib, hmac, json, sys
for request in sys.stdin:
    case = json.loads(request)
    secret = case["secret"].encode()
    data = bytes.fromhex(case["input"])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    good, bad = [], []
    for number, line in enumerate(lines, 1):
        if line.endswith(b"\r"):
            line = line[:-1]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if not line or b"\r" in line or len(line) > case["max"] or text is None:
            bad.append(number)
        else:
            good.append([text, hmac.new(secret, line, hashlib.sha256).hexdigest()])
    print(json.dumps({"good": good, "bad": bad}), flush=True)
"#;

struct Python {
    child: Child,
    requests: ChildStdin,
    answers: BufReader<ChildStdout>,
}

impl Python {
    fn start() -> Self {
        let mut child = Command::new("python3")
            .args(["-c", REFERENCE])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 is on the machine");
        let requests = child.stdin.take().unwrap();
        let answers = BufReader::new(child.stdout.take().unwrap());
        Python {
            child,
            requests,
            answers,
        }
    }

    fn expect(&mut self, case: &Case) -> Outcome {
        let request = serde_json::json!({
            "secret": case.secret,
            "input": hex::encode(case.input()),
            "max": case.max_bytes,
        });
        writeln!(self.requests, "{request}").unwrap();
        let mut answer = String::new();
        self.answers.read_line(&mut answer).unwrap();
        let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
        Outcome {
            good: answer["good"]
                .as_array()
                .unwrap()
                .iter()
                .map(|pair| {
                    (
                        pair[0].as_str().unwrap().to_owned(),
                        pair[1].as_str().unwrap().to_owned(),
                    )
                })
                .collect(),
            bad: answer["bad"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_u64().unwrap())
                .collect(),
        }
    }
}

impl Drop for Python {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug, Clone)]
struct Case {
    secret: String,
    lines: Vec<(Vec<u8>, &'static [u8])>,
    max_bytes: usize,
    /// The input goes to stdin in writes of these sizes, so the reader sees many splits.
    writes: Vec<usize>,
}

impl Case {
    fn input(&self) -> Vec<u8> {
        self.lines
            .iter()
            .flat_map(|(line, end)| line.iter().chain(end.iter()))
            .copied()
            .collect()
    }
}

#[derive(Debug, PartialEq)]
struct Outcome {
    good: Vec<(String, String)>,
    bad: Vec<u64>,
}

fn line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Text of any script, with spaces and tabs where they fall.
        4 => "[^\r\n]{0,24}".prop_map(String::into_bytes),
        // Raw bytes: invalid UTF-8, stray carriage returns.
        1 => proptest::collection::vec(any::<u8>().prop_filter("one line", |b| *b != b'\n'), 0..12),
        // Longer than most generated limits.
        1 => "[a-z]{60,90}".prop_map(String::into_bytes),
    ]
}

fn line_end() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![Just(&b"\n"[..]), Just(&b"\r\n"[..]), Just(&b""[..])]
}

fn case() -> impl Strategy<Value = Case> {
    (
        "[A-Za-z0-9_-]{1,80}",
        proptest::collection::vec((line(), line_end()), 0..40),
        1usize..100,
        proptest::collection::vec(1usize..64, 1..8),
    )
        .prop_map(|(secret, mut lines, max_bytes, writes)| {
            // Only the last line may lack its line end: elsewhere "" would join two lines.
            let count = lines.len();
            for (i, (_, end)) in lines.iter_mut().enumerate() {
                if end.is_empty() && i + 1 < count {
                    *end = b"\n";
                }
            }
            Case {
                secret,
                lines,
                max_bytes,
                writes,
            }
        })
}

fn run_batch(case: &Case) -> Outcome {
    let mut command = tool();
    command
        .env("CHATWOOT_HMAC_SECRET", &case.secret)
        .args(["batch", "--format", "jsonl", "--max-identifier-bytes"])
        .arg(case.max_bytes.to_string());
    let input = case.input();
    let writes = case.writes.clone();
    let output = run_feeding(&mut command, move |mut stdin| {
        let mut rest = &input[..];
        for size in writes.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (now, later) = rest.split_at((*size).min(rest.len()));
            if stdin.write_all(now).is_err() {
                break; // the binary stopped reading: its exit status and output tell why
            }
            rest = later;
        }
    });
    let good = stdout(&output)
        .lines()
        .map(|line| {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                row["identifier"].as_str().unwrap().to_owned(),
                row["identifier_hash"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let bad = stderr(&output)
        .lines()
        .filter(|line| line.ends_with(", skipped"))
        .map(|line| {
            let number = line
                .strip_prefix("chatwoot-identity: line ")
                .and_then(|rest| rest.split(':').next())
                .unwrap_or_else(|| panic!("not a bad-row report: {line}"));
            number.parse().unwrap()
        })
        .collect();
    Outcome { good, bad }
}

#[test]
fn every_line_is_hashed_as_pythons_hmac_hashes_it() {
    let python = RefCell::new(Python::start());
    let mut runner = TestRunner::new(Config {
        cases: 200,
        ..Config::default()
    });
    runner
        .run(&case(), |case| {
            let expected = python.borrow_mut().expect(&case);
            prop_assert_eq!(run_batch(&case), expected);
            Ok(())
        })
        .unwrap();
}
