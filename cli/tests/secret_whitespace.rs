//! A secret with whitespace around it is the very mistake `diagnose` explains (a trailing
//! newline from `echo`, a space from a copy): refused from every source unless insisted on.

mod common;

use chatwoot_identity::Signer;
use common::*;

#[test]
fn whitespace_around_the_secret_is_refused_from_every_source() {
    let dir = TempDir::new("secret-whitespace");
    let two_newlines = dir.file("two-newlines", format!("{SECRET}\n\n"));
    let leading_space = dir.file("leading-space", format!(" {SECRET}\n"));
    let cases = [
        (
            tool()
                .env("CHATWOOT_HMAC_SECRET", format!("{SECRET}\n"))
                .args(["hash", ID])
                .output(),
            "ends with a newline",
        ),
        (
            tool()
                .env("MY_SECRET", format!(" {SECRET}"))
                .args(["hash", ID, "--secret-env", "MY_SECRET"])
                .output(),
            "starts with a space",
        ),
        (
            tool()
                .args(["hash", ID, "--secret-file"])
                .arg(&two_newlines)
                .output(),
            "ends with a newline",
        ),
        (
            tool()
                .args(["hash", ID, "--secret-file"])
                .arg(&leading_space)
                .output(),
            "starts with a space",
        ),
        (
            tool()
                .args(["hash", ID, "--secret", &format!("\t{SECRET}\u{a0}")])
                .output(),
            "starts with a tab and ends with whitespace",
        ),
        (
            tool()
                .env("CHATWOOT_HMAC_SECRET", format!("{SECRET}\r\n"))
                .args(["batch"])
                .output(),
            "ends with a newline",
        ),
    ];
    for (output, what) in cases {
        let output = output.unwrap();
        let errors = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{errors}");
        assert!(output.stdout.is_empty());
        assert!(errors.contains(what), "{what}: {errors}");
        assert!(errors.contains("--allow-whitespace-secret"), "{errors}");
        assert!(!errors.contains(SECRET), "secret leaked: {errors}");
    }
}

#[test]
fn allow_whitespace_secret_uses_it_byte_for_byte() {
    let padded = format!("{SECRET}\n");
    let output = tool()
        .env("CHATWOOT_HMAC_SECRET", &padded)
        .args(["hash", ID, "--allow-whitespace-secret"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let expected = Signer::new(&padded).unwrap().identifier_hash(ID).unwrap();
    assert_eq!(stdout(&output), format!("{expected}\n"));
}

#[test]
fn a_secret_file_still_loses_exactly_one_line_ending() {
    let dir = TempDir::new("secret-file-ending");
    for contents in [format!("{SECRET}\n"), format!("{SECRET}\r\n")] {
        let file = dir.file("secret", contents);
        let output = tool()
            .args(["hash", ID, "--secret-file"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(stdout(&output), format!("{HASH}\n"), "{}", stderr(&output));
    }
}

#[test]
fn the_widget_refuses_it_too() {
    let request = r#"{"base_url": "https://chat.example.com",
        "website_token": "QrtMG8GydFgEy7bVzsLLmHoq", "user": {"identifier": 1, "name": "A"}}"#;
    let output = run(
        tool()
            .env("CHATWOOT_HMAC_SECRET", format!("{SECRET} "))
            .arg("widget"),
        request.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("ends with a space"));
}
