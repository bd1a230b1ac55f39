//! `chatwoot-identity webhook ...` as a user runs it, on every shared webhook vector
//! (tests/vectors/webhook.json, whose signatures come from Chatwoot's Ruby expression and four
//! standard libraries, never from this crate).

mod common;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::{Command, Output};

use common::*;
use serde_json::Value;

const WEBHOOK_SECRET: &str = "Sx5GdKjW7rvbcaQ8JtUmHn2p";
const BODY: &[u8] = br#"{"event":"message_created","content":"\u003cb\u003ehi\u003c/b\u003e"}"#;

fn vectors() -> Value {
    serde_json::from_str(include_str!("../../tests/vectors/webhook.json")).unwrap()
}

/// A vector value ({"utf8"}, {"hex"} or {"repeat"}) as bytes.
fn bytes(value: &Value) -> Vec<u8> {
    if let Some(text) = value.get("utf8") {
        return text.as_str().unwrap().as_bytes().to_vec();
    }
    if let Some(hex) = value.get("hex") {
        return hex::decode(hex.as_str().unwrap()).unwrap();
    }
    let rule = &value["repeat"];
    let text = |key: &str| rule[key].as_str().unwrap().to_owned();
    let times = rule["times"].as_u64().unwrap() as usize;
    format!(
        "{}{}{}",
        text("prefix"),
        text("unit").repeat(times),
        text("suffix")
    )
    .into_bytes()
}

fn webhook(secret: &[u8], args: &[OsString], body: &[u8]) -> Output {
    let mut command = tool();
    command
        .env_remove("CHATWOOT_WEBHOOK_SECRET")
        .env(
            "CHATWOOT_WEBHOOK_SECRET",
            OsString::from_vec(secret.to_vec()),
        )
        .arg("webhook")
        .args(args);
    run(&mut command, body)
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

/// The three header lines `webhook sign` prints for [`BODY`] at 1767225600 under `secret`.
fn signed_header_lines(secret: &[u8]) -> Vec<String> {
    let signed = webhook(secret, &os(&["sign", "--timestamp", "1767225600"]), BODY);
    assert!(signed.status.success(), "{}", stderr(&signed));
    stdout(&signed).lines().map(str::to_owned).collect()
}

/// The age flags a vector asks for.
fn age_flags(vector: &Value) -> Vec<OsString> {
    let mut flags = os(&["--now", &vector["now"].to_string()]);
    match &vector["tolerance"] {
        Value::Null => {}
        Value::String(word) if word == "unchecked" => flags.push("--no-age-check".into()),
        seconds => flags.extend(os(&["--tolerance", &seconds.to_string()])),
    }
    flags
}

/// What `webhook verify --json` answered: the verified fields, or the error code.
fn answer(output: &Output) -> Result<Value, String> {
    let json: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("not JSON: {}{}", stdout(output), stderr(output)));
    let verified = json["verified"].as_bool().unwrap();
    assert_eq!(output.status.code(), Some(if verified { 0 } else { 1 }));
    if verified {
        Ok(serde_json::json!({
            "timestamp": json["timestamp"], "age": json["age"], "delivery_id": json["delivery_id"],
        }))
    } else {
        Err(json["error"].as_str().unwrap().to_owned())
    }
}

#[test]
fn verify_answers_every_vector_from_header_lines_and_from_the_two_values() {
    let file = vectors();
    let mut checked = 0;
    for v in file["vectors"].as_array().unwrap() {
        let (description, secret, body) =
            (&v["description"], bytes(&v["secret"]), bytes(&v["body"]));
        if secret.is_empty() || secret.contains(&0) {
            // An environment variable cannot hold these; `empty` is tested below.
            continue;
        }
        let expected = match v["error"].as_str() {
            Some(code) => Err(code.to_owned()),
            None => Ok(v["verified"].clone()),
        };

        // Some vectors' secrets end with a newline on purpose; the CLI refuses that by default.
        let mut args = os(&["verify", "--json", "--allow-whitespace-secret"]);
        args.extend(age_flags(v));
        let pairs = v["headers"].as_array().unwrap();
        if pairs.is_empty() {
            // No header at all: say so with an unrelated one, as a request would have.
            args.extend(os(&["--header", "Content-Type: application/json"]));
        }
        for pair in pairs {
            let line = format!(
                "{}: {}",
                pair[0].as_str().unwrap(),
                pair[1].as_str().unwrap()
            );
            args.extend([OsString::from("--header"), line.into()]);
        }
        assert_eq!(
            answer(&webhook(&secret, &args, &body)),
            expected,
            "{description} (headers)"
        );

        if let (Some(signature), Some(timestamp)) =
            (v["signature"].as_str(), v["timestamp"].as_str())
        {
            let mut args = os(&[
                "verify",
                "--json",
                "--allow-whitespace-secret",
                "--signature",
                signature,
                "--timestamp",
                timestamp,
            ]);
            args.extend(age_flags(v));
            let without_delivery = expected.clone().map(|mut fields| {
                fields["delivery_id"] = Value::Null;
                fields
            });
            assert_eq!(
                answer(&webhook(&secret, &args, &body)),
                without_delivery,
                "{description} (two values)"
            );
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} vectors ran");
}

#[test]
fn diagnose_names_the_same_findings_as_every_other_binding() {
    for v in vectors()["diagnose"].as_array().unwrap() {
        let (secret, body) = (bytes(&v["secret"]), bytes(&v["body"]));
        let mut args = os(&["diagnose", "--json", "--allow-whitespace-secret"]);
        args.extend([
            OsString::from("--signature"),
            v["signature"].as_str().unwrap().into(),
            OsString::from("--timestamp"),
            v["timestamp"].as_str().unwrap().into(),
        ]);
        let mut command = tool();
        if !v["identity_hmac_token"].is_null() {
            let token = OsString::from_vec(bytes(&v["identity_hmac_token"]));
            command.env("CHATWOOT_IDENTITY_TOKEN", token);
            args.extend(os(&["--identity-secret-env", "CHATWOOT_IDENTITY_TOKEN"]));
        }
        command
            .env("CHATWOOT_WEBHOOK_SECRET", OsString::from_vec(secret))
            .arg("webhook")
            .args(&args);
        let output = run(&mut command, &body);
        let json: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("{}: {}", v["description"], stderr(&output)));
        let codes: Vec<&str> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(codes, expected, "{}", v["description"]);
        assert_eq!(json["verified"], v["verified"], "{}", v["description"]);
        let verified = v["verified"].as_bool().unwrap();
        assert_eq!(output.status.code(), Some(if verified { 0 } else { 1 }));
    }
}

#[test]
fn what_sign_prints_verifies_and_the_exit_status_tells_the_verdict() {
    let lines = signed_header_lines(WEBHOOK_SECRET.as_bytes());
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[0] == "X-Chatwoot-Timestamp: 1767225600");
    assert!(lines[1].starts_with("X-Chatwoot-Signature: sha256="));
    assert!(lines[2].starts_with("X-Chatwoot-Delivery: "));

    let mut args = os(&["verify", "--now", "1767225642"]);
    for line in &lines {
        args.extend([OsString::from("--header"), line.into()]);
    }
    let good = webhook(WEBHOOK_SECRET.as_bytes(), &args, BODY);
    assert_eq!(
        (good.status.code(), stdout(&good).as_str()),
        (Some(0), "verified\n")
    );
    assert!(stderr(&good).contains("signed at 1767225600 (42 seconds ago)"));

    let reserialized = br#"{"event":"message_created","content":"<b>hi</b>"}"#;
    let bad = webhook(WEBHOOK_SECRET.as_bytes(), &args, reserialized);
    assert_eq!(
        (bad.status.code(), stdout(&bad).as_str()),
        (Some(1), "not verified\n")
    );
    assert!(
        stderr(&bad).contains("[signature_mismatch]"),
        "{}",
        stderr(&bad)
    );
    assert!(stderr(&bad).contains("`webhook diagnose`"));

    let mut diagnose = os(&["diagnose"]);
    diagnose.extend(args[3..].iter().cloned());
    let why = webhook(WEBHOOK_SECRET.as_bytes(), &diagnose, reserialized);
    assert_eq!(why.status.code(), Some(1));
    assert!(
        stdout(&why).contains("- body_escapes_changed: "),
        "{}",
        stdout(&why)
    );
}

#[test]
fn sign_json_keeps_chatwoots_header_order() {
    let signed = webhook(
        WEBHOOK_SECRET.as_bytes(),
        &os(&["sign", "--json", "--timestamp", "5"]),
        BODY,
    );
    let text = stdout(&signed);
    let at = |name: &str| text.find(name).unwrap();
    assert!(at("X-Chatwoot-Timestamp") < at("X-Chatwoot-Signature"));
    assert!(at("X-Chatwoot-Signature") < at("X-Chatwoot-Delivery"));
}

#[test]
fn usage_errors_exit_2_and_never_print_the_secret() {
    let cases: [(&[u8], Vec<OsString>, &str); 5] = [
        (
            CANARY.as_bytes(),
            os(&["verify"]),
            "--signature and --timestamp, or --header",
        ),
        (
            CANARY.as_bytes(),
            os(&["verify", "--header", "no colon"]),
            "\"Name: value\"",
        ),
        (
            b"",
            os(&["verify", "--signature", "x", "--timestamp", "1"]),
            "is empty: set it to the webhook's secret",
        ),
        (
            CANARY.as_bytes(),
            os(&["verify", "--signature", "x", "--header", "a: b"]),
            "cannot be used with",
        ),
        (
            CANARY.as_bytes(),
            os(&[
                "verify",
                "--signature",
                "x",
                "--timestamp",
                "1",
                "--max-body-bytes",
                "3",
            ]),
            "longer than --max-body-bytes 3",
        ),
    ];
    for (secret, args, expected) in cases {
        let output = webhook(secret, &args, BODY);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains(CANARY) && !stdout(&output).contains(CANARY));
    }
}

#[test]
fn the_webhook_secret_has_its_own_variable_not_the_identity_one() {
    let mut command = tool();
    command
        .env_remove("CHATWOOT_WEBHOOK_SECRET")
        .env("CHATWOOT_HMAC_SECRET", SECRET)
        .args(["webhook", "sign"]);
    let output = run(&mut command, BODY);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("set the environment variable CHATWOOT_WEBHOOK_SECRET"));
}

#[test]
fn no_output_holds_the_secret_or_the_identity_token() {
    let lines = signed_header_lines(CANARY.as_bytes());
    let (_, signature) = lines[1].split_once(": ").unwrap();
    for subcommand in ["verify", "diagnose"] {
        let mut command: Command = tool();
        command
            .env("CHATWOOT_WEBHOOK_SECRET", "another-secret-entirely")
            .env("CHATWOOT_HMAC_SECRET", CANARY)
            .args([
                "webhook",
                subcommand,
                "--signature",
                signature,
                "--timestamp",
                "1767225600",
            ]);
        let output = run(&mut command, BODY);
        assert_eq!(output.status.code(), Some(1));
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert!(
            !all.contains(CANARY) && !all.contains("another-secret-entirely"),
            "{all}"
        );
        if subcommand == "diagnose" {
            // The identity secret from CHATWOOT_HMAC_SECRET is tried as the key by default.
            assert!(all.contains("identity_hmac_token"), "{all}");
        }
    }
}
