//! `batch --csv`: which column, which delimiter, which other columns travel along, and line
//! numbers that match the file whatever its line endings.

mod common;

use common::*;

fn records(output: &std::process::Output) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&output.stdout[..])
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn bad_rows_are_numbered_right_in_crlf_files() {
    let output = batch(
        &["--csv", "--column", "email"],
        b"id,email\r\n1,a@x\r\n2,b@x\r\n3,\r\n",
    );
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert!(errors.contains("line 4: empty identifier"), "{errors}");

    // A quoted value spanning lines counts its lines; blank lines count too.
    let output = batch(
        &["--csv", "--column", "email"],
        b"id,email\r\n1,\"a\r\nb\"\r\n\r\n2,\r\n",
    );
    let errors = stderr(&output);
    assert!(errors.contains("line 5: empty identifier"), "{errors}");
    assert_eq!(
        records(&output)[1],
        ["a\r\nb".to_owned(), hash_of("a\r\nb")]
    );
}

#[test]
fn a_delimiter_other_than_a_comma() {
    let output = batch(
        &["--csv", "--delimiter", ";", "--column", "email"],
        b"id;email\n1;a@x\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        records(&output),
        [
            vec!["identifier".to_owned(), "identifier_hash".to_owned()],
            vec!["a@x".to_owned(), hash_of("a@x")],
        ]
    );
    let tabs = batch(
        &["--csv", "--delimiter", "tab", "--column", "email"],
        b"id\temail\n1\ta@x\n",
    );
    assert_eq!(records(&tabs)[1][1], hash_of("a@x"));
}

#[test]
fn a_semicolon_file_read_as_commas_gets_a_hint() {
    let output = batch(&["--csv", "--column", "email"], b"id;email\n1;a@x\n");
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(errors.contains("--delimiter ';'"), "{errors}");
}

#[test]
fn other_columns_are_carried_to_the_output() {
    let input = b"id,email,name\n7,a@x,\"Doe, Jane\"\n8,b@x,Bob\n";
    let output = batch(
        &["--csv", "--column", "email", "--keep-columns", "name,id"],
        input,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        records(&output),
        [
            ["identifier", "identifier_hash", "name", "id"].map(str::to_owned),
            [
                "a@x".to_owned(),
                hash_of("a@x"),
                "Doe, Jane".to_owned(),
                "7".to_owned()
            ],
            [
                "b@x".to_owned(),
                hash_of("b@x"),
                "Bob".to_owned(),
                "8".to_owned()
            ],
        ]
    );

    let jsonl = batch(
        &[
            "--csv",
            "--column",
            "email",
            "--keep-columns",
            "id",
            "--format",
            "jsonl",
        ],
        input,
    );
    let first: serde_json::Value =
        serde_json::from_str(stdout(&jsonl).lines().next().unwrap()).unwrap();
    assert_eq!(
        first,
        serde_json::json!({"identifier": "a@x", "identifier_hash": hash_of("a@x"), "id": "7"})
    );
}

#[test]
fn kept_columns_must_exist_and_not_clash_with_the_output() {
    let input = b"id,email\n7,a@x\n";
    let missing = batch(
        &["--csv", "--column", "email", "--keep-columns", "nope"],
        input,
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("\"nope\""),
        "{}",
        stderr(&missing)
    );
    assert!(missing.stdout.is_empty());

    let clash = batch(
        &[
            "--csv",
            "--column",
            "email",
            "--keep-columns",
            "identifier_hash",
        ],
        b"identifier_hash,email\nx,a@x\n",
    );
    assert_eq!(clash.status.code(), Some(2));

    let short_row = batch(
        &["--csv", "--column", "email", "--keep-columns", "name"],
        b"id,email,name\n7,a@x\n8,b@x,Bob\n",
    );
    assert_eq!(short_row.status.code(), Some(1));
    assert!(
        stderr(&short_row).contains("line 2: "),
        "{}",
        stderr(&short_row)
    );
    assert_eq!(records(&short_row).len(), 2, "the header and the full row");
}

#[test]
fn values_longer_than_the_limit_are_bad_rows() {
    let long = "x".repeat(64 * 1024 + 1);
    let input = format!("id,email\n1,{long}\n2,ok\n");
    let output = batch(&["--csv", "--column", "email"], input.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("line 2: identifier is longer than 65536 bytes"),
        "{}",
        stderr(&output)
    );
    assert_eq!(records(&output)[1], ["ok".to_owned(), hash_of("ok")]);
}

#[test]
fn an_excel_byte_order_mark_does_not_hide_the_first_column() {
    let output = batch(
        &["--csv", "--column", "id"],
        b"\xef\xbb\xbfid,email\n7,a@x\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(records(&output)[1], ["7".to_owned(), hash_of("7")]);
}

#[test]
fn whitespace_in_a_csv_value_is_warned_about_too() {
    let output = batch(&["--csv", "--column", "email"], b"id,email\n1, a@x\n");
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("line 2: identifier starts with whitespace"));
    assert_eq!(records(&output)[1], [" a@x".to_owned(), hash_of(" a@x")]);
}
