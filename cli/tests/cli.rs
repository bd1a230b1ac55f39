//! The binary as a user runs it: arguments, environment, stdin, stdout, stderr, exit status.

mod common;

use std::process::Command;

use chatwoot_identity::Signer;
use common::*;

#[test]
fn hash_prints_the_documented_example() {
    let output = with_secret(&["hash", ID]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), format!("{HASH}\n"));
}

#[test]
fn hash_prints_one_line_per_identifier_in_order() {
    let output = with_secret(&["hash", "a", "b", ID]);
    let lines: Vec<_> = stdout(&output).lines().map(str::to_owned).collect();
    let signer = Signer::new(SECRET).unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], signer.identifier_hash("a").unwrap().as_str());
    assert_eq!(lines[2], HASH);
}

#[test]
fn verify_exit_status_tells_the_verdict() {
    let ok = with_secret(&["verify", ID, HASH]);
    assert_eq!(
        (ok.status.code(), stdout(&ok).as_str()),
        (Some(0), "verified\n")
    );
    let upper = HASH.to_uppercase();
    let bad = with_secret(&["verify", ID, &upper]);
    assert_eq!(
        (bad.status.code(), stdout(&bad).as_str()),
        (Some(1), "not verified\n")
    );
}

#[test]
fn verify_names_the_diagnose_command_to_run_when_not_verified() {
    let upper = HASH.to_uppercase();
    let rejected = with_secret(&["verify", ID, &upper]);
    assert_eq!(stdout(&rejected), "not verified\n");
    assert!(
        stderr(&rejected).contains(&format!("run: chatwoot-identity diagnose {ID} {upper}\n")),
        "{}",
        stderr(&rejected)
    );

    let accepted = with_secret(&["verify", ID, HASH]);
    assert!(accepted.stderr.is_empty(), "{}", stderr(&accepted));

    // The secret's source comes along, but never a secret given inline.
    let custom = run(
        tool()
            .env("MY_SECRET", SECRET)
            .args(["verify", ID, &upper, "--secret-env", "MY_SECRET"]),
        b"",
    );
    assert!(stderr(&custom).contains(&format!("diagnose --secret-env MY_SECRET {ID} {upper}")));
    let inline = run(tool().args(["verify", ID, &upper, "--secret", SECRET]), b"");
    assert!(stderr(&inline).contains("chatwoot-identity diagnose"));
    assert!(!stderr(&inline).contains(SECRET));
}

#[test]
fn the_suggested_diagnose_command_runs_as_printed() {
    for identifier in ["jane doe's \"id\" $HOME\n", "-42", "--secret"] {
        suggested_diagnose_runs(identifier);
    }
}

fn suggested_diagnose_runs(identifier: &str) {
    let rejected = with_secret(&["verify", "--", identifier, HASH]);
    let errors = stderr(&rejected);
    let command = errors
        .split_once("run: ")
        .map(|(_, command)| command.trim_end_matches('\n'))
        .unwrap_or_else(|| panic!("no command in {errors:?}"));
    let binary = std::path::Path::new(BINARY);
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let diagnosis = Command::new("bash")
        .args(["-c", command])
        .env("PATH", path)
        .env("CHATWOOT_HMAC_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(diagnosis.status.code(), Some(1), "{command}");
    let expected = chatwoot_identity::diagnose(SECRET, identifier, HASH).unwrap();
    let shown = stdout(&diagnosis);
    for finding in &expected.findings {
        assert!(shown.contains(finding.code.as_str()), "{command}: {shown}");
    }
}

#[test]
fn diagnose_explains_in_text_and_json() {
    let upper = HASH.to_uppercase();
    let text = with_secret(&["diagnose", ID, &upper]);
    assert_eq!(text.status.code(), Some(1));
    assert!(stdout(&text).contains("uppercase_hex"));

    let json = with_secret(&["diagnose", ID, &upper, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["verified"], false);
    assert_eq!(value["findings"][0]["code"], "uppercase_hex");

    let good = with_secret(&["diagnose", ID, HASH, "--json"]);
    assert_eq!(good.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&good.stdout).unwrap();
    assert_eq!(value["verified"], true);
    assert_eq!(value["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn secret_sources() {
    let custom = run(
        tool()
            .env("MY_SECRET", SECRET)
            .args(["hash", ID, "--secret-env", "MY_SECRET"]),
        b"",
    );
    assert_eq!(stdout(&custom), format!("{HASH}\n"));

    let dir = std::env::temp_dir().join(format!("cwi-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("secret");
    std::fs::write(&file, format!("{SECRET}\n")).unwrap();
    let from_file = run(
        tool().args(["hash", ID, "--secret-file", file.to_str().unwrap()]),
        b"",
    );
    assert_eq!(
        stdout(&from_file),
        format!("{HASH}\n"),
        "one trailing newline is stripped"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let inline = run(tool().args(["hash", ID, "--secret", SECRET]), b"");
    assert_eq!(stdout(&inline), format!("{HASH}\n"));
    assert!(stderr(&inline).contains("warning"));
    assert!(!stderr(&inline).contains(SECRET));
}

#[test]
fn usage_and_input_errors_exit_2_with_a_message() {
    let no_secret = run(tool().args(["hash", ID]), b"");
    assert_eq!(no_secret.status.code(), Some(2));
    assert!(stderr(&no_secret).contains("CHATWOOT_HMAC_SECRET"));

    let empty_id = with_secret(&["hash", ""]);
    assert_eq!(empty_id.status.code(), Some(2));
    assert!(stderr(&empty_id).contains("empty_identifier"));

    let empty_secret = run(
        tool().env("CHATWOOT_HMAC_SECRET", "").args(["hash", ID]),
        b"",
    );
    assert_eq!(empty_secret.status.code(), Some(2));

    let two_sources = run(
        tool().args(["hash", ID, "--secret", "a", "--secret-env", "B"]),
        b"",
    );
    assert_eq!(two_sources.status.code(), Some(2));

    let missing_file = run(
        tool().args(["hash", ID, "--secret-file", "/nonexistent/secret"]),
        b"",
    );
    assert_eq!(missing_file.status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let help = run(tool().arg("--help"), b"");
    assert!(stdout(&help).contains("Examples:"));
    let version = run(tool().arg("--version"), b"");
    assert_eq!(
        stdout(&version).trim(),
        format!("chatwoot-identity {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn batch_keeps_order_across_many_chunks_and_matches_the_core() {
    let ids: Vec<String> = (0..200_000)
        .map(|i| format!("user-{i}@example.com"))
        .collect();
    let input = ids.join("\n");
    let output = batch(&[], input.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("identifier,identifier_hash"));
    let signer = Signer::new(SECRET).unwrap();
    let expected = signer.identifier_hashes(&ids).unwrap();
    let mut count = 0;
    for ((line, id), hash) in lines.zip(&ids).zip(&expected) {
        assert_eq!(line, format!("{id},{hash}"));
        count += 1;
    }
    assert_eq!(count, ids.len());
}

#[test]
fn batch_handles_crlf_and_reports_bad_rows_by_line() {
    let output = batch(&[], b"a\r\n\r\nb\n\xff\xfe\nc");
    assert_eq!(output.status.code(), Some(1), "bad rows were skipped");
    let signer = Signer::new(SECRET).unwrap();
    let text = stdout(&output);
    let rows: Vec<_> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0],
        format!("a,{}", signer.identifier_hash("a").unwrap())
    );
    assert_eq!(
        rows[2],
        format!("c,{}", signer.identifier_hash("c").unwrap())
    );
    let errors = stderr(&output);
    assert!(errors.contains("line 2: empty identifier"), "{errors}");
    assert!(
        errors.contains("line 4: identifier is not valid UTF-8"),
        "{errors}"
    );
}

#[test]
fn batch_strict_stops_at_the_first_bad_row() {
    let output = batch(&["--strict", "--format", "jsonl"], b"a\nb\n\nc\n");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output).lines().count(),
        2,
        "rows before the bad one only"
    );
    assert!(stderr(&output).contains("line 3"));
}

#[test]
fn batch_jsonl_round_trips_hostile_text() {
    let id = "quote\" backslash\\ tab\t \u{2028} </script>";
    let output = batch(&["--format", "jsonl"], id.as_bytes());
    let value: serde_json::Value = serde_json::from_str(stdout(&output).trim_end()).unwrap();
    assert_eq!(value["identifier"], id);
    assert_eq!(
        value["identifier_hash"],
        Signer::new(SECRET)
            .unwrap()
            .identifier_hash(id)
            .unwrap()
            .as_str()
    );
}

#[test]
fn batch_reads_a_csv_column() {
    let csv = b"id,email\n1,a@example.com\n2\n3,\"x,\"\"y\"\"\"\n";
    let output = batch(&["--csv", "--column", "email"], csv);
    assert_eq!(output.status.code(), Some(1));
    let mut reader = csv::Reader::from_reader(&output.stdout[..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][0], "x,\"y\"");
    assert_eq!(
        &rows[1][1],
        Signer::new(SECRET)
            .unwrap()
            .identifier_hash("x,\"y\"")
            .unwrap()
            .as_str()
    );
    assert!(stderr(&output).contains("line 3"));

    let missing = batch(&["--csv", "--column", "nope"], csv);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        missing.stdout.is_empty(),
        "nothing is written when the run fails up front"
    );
    assert!(
        stderr(&missing).contains(r#"it has: "id", "email""#),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn empty_input_gives_just_the_header() {
    let output = batch(&[], b"");
    assert!(output.status.success());
    assert_eq!(stdout(&output), "identifier,identifier_hash\n");
}

#[test]
fn the_secret_never_appears_in_any_output() {
    let runs = [
        run(
            tool()
                .env("CHATWOOT_HMAC_SECRET", CANARY)
                .args(["hash", ID, ""]),
            b"",
        ),
        run(
            tool()
                .env("CHATWOOT_HMAC_SECRET", CANARY)
                .args(["diagnose", ID, CANARY]),
            b"",
        ),
        run(
            tool()
                .env("CHATWOOT_HMAC_SECRET", CANARY)
                .args(["diagnose", ID, CANARY, "--json"]),
            b"",
        ),
        run(
            tool()
                .env("CHATWOOT_HMAC_SECRET", CANARY)
                .args(["verify", ID, CANARY]),
            b"",
        ),
        run(tool().args(["hash", ID, "--secret", CANARY]), b""),
        run(
            tool()
                .env("CHATWOOT_HMAC_SECRET", CANARY)
                .args(["batch", "--strict"]),
            b"a\n\n",
        ),
        run(
            tool().env("CHATWOOT_HMAC_SECRET", CANARY).args(["batch"]),
            CANARY.as_bytes(),
        ),
    ];
    for output in &runs {
        let everything = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            stderr(output)
        );
        // The batch run hashes the canary as an identifier, so it is echoed as one: that is the
        // user's own input. Everywhere else it must not appear.
        let echoed_identifier = format!("{CANARY},");
        let cleaned = everything.replace(&echoed_identifier, "");
        assert!(!cleaned.contains(CANARY), "secret leaked: {everything}");
    }
}

const WIDGET_REQUEST: &str = r#"{"base_url": "https://chat.example.com",
    "website_token": "QrtMG8GydFgEy7bVzsLLmHoq",
    "user": {"identifier": 42, "name": "</script><script>alert(1)</script>"},
    "nonce": "abc123"}"#;

#[test]
fn widget_renders_the_snippet_from_a_json_request() {
    let output = run(
        tool().env("CHATWOOT_HMAC_SECRET", SECRET).arg("widget"),
        WIDGET_REQUEST.as_bytes(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(html.starts_with("<script nonce=\"abc123\">"));
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 1);
    let hash = Signer::new(SECRET).unwrap().identifier_hash("42").unwrap();
    assert!(html.contains(hash.as_str()));
}

#[test]
fn widget_without_a_user_needs_no_secret_but_a_user_does() {
    let anonymous =
        r#"{"base_url": "https://chat.example.com", "website_token": "QrtMG8GydFgEy7bVzsLLmHoq"}"#;
    let output = run(tool().arg("widget"), anonymous.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stdout(&output).contains("\"user\""));

    let signed = run(tool().arg("widget"), WIDGET_REQUEST.as_bytes());
    assert_eq!(signed.status.code(), Some(2));
    assert!(stderr(&signed).contains("missing_secret"));

    let bad = run(
        tool().arg("widget"),
        b"{\"base_url\": \"ftp://x\", \"website_token\": \"QrtMG8GydFgEy7bVzsLLmHoq\"}",
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("invalid_base_url"));
}

#[test]
fn payload_and_reset_script() {
    let output = run(
        tool().env("CHATWOOT_HMAC_SECRET", SECRET).arg("payload"),
        br#"{"identifier": "u-1", "email": "jane@example.com"}"#,
    );
    let payload: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(payload["identifier"], "u-1");
    assert_eq!(
        payload["identifier_hash"],
        Signer::new(SECRET)
            .unwrap()
            .identifier_hash("u-1")
            .unwrap()
            .as_str()
    );
    let incomplete = run(
        tool().env("CHATWOOT_HMAC_SECRET", SECRET).arg("payload"),
        br#"{"identifier": "u-1"}"#,
    );
    assert!(stderr(&incomplete).contains("incomplete_user"));

    let reset = run(tool().args(["reset-script", "--nonce", "n0nce"]), b"");
    assert!(stdout(&reset).contains("window.$chatwoot.reset()"));
    let bad_nonce = run(tool().args(["reset-script", "--nonce", "a\"b"]), b"");
    assert_eq!(bad_nonce.status.code(), Some(2));
}

/// A reader that goes away (`| head -n 1`) ends any command quietly with status 0, as it does
/// `batch`; with stderr on the same closed pipe (`2>&1 | head -n 1`), without a panic.
#[test]
fn a_reader_that_goes_away_ends_a_command_quietly() {
    use std::io::Read;
    use std::process::Stdio;

    let identifiers: Vec<String> = (0..20_000).map(|i| format!("user-{i}")).collect();
    for same_pipe_for_stderr in [false, true] {
        let (mut reader, writer) = std::io::pipe().unwrap();
        let mut command = tool();
        command
            .env("CHATWOOT_HMAC_SECRET", SECRET)
            .arg("hash")
            .args(&identifiers);
        command
            .stdin(Stdio::null())
            .stdout(writer.try_clone().unwrap());
        if same_pipe_for_stderr {
            command.stderr(writer);
        } else {
            command.stderr(Stdio::piped());
            drop(writer);
        }
        let child = command.spawn().unwrap();
        drop(command); // the parent's copies of the pipe's write end
        let mut first = [0u8; 65];
        reader.read_exact(&mut first).unwrap();
        assert_eq!(first[..64], *hash_of("user-0").as_bytes());
        drop(reader);
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "same pipe for stderr: {same_pipe_for_stderr}"
        );
        assert_eq!(stderr(&output), "", "nothing to report");
    }
}
