//! The Chatwoot-like sender (tests/webhooks/chatwoot_sender.rb, real Ruby, Net::HTTP,
//! ActiveSupport's `to_json`) posts to a loopback receiver built here on a bare `TcpListener`,
//! which verifies each request with the core as an integrator's server would: the raw body
//! bytes, the header list as received, the system clock.
//!
//! Needs `ruby` with ActiveSupport (Debian: ruby-activesupport). Without it the test says so and
//! passes, unless `CHATWOOT_IDENTITY_REQUIRE_RUBY` is set, as `make test` sets it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::thread;

use chatwoot_identity::{WebhookHeaders, WebhookVerifier, diagnose_webhook, unix_now};

const SECRET: &str = "Sx5GdKjW7rvbcaQ8JtUmHn2p";
const HMAC_TOKEN: &str = "QrtMG8GydFgEy7bVzsLLmHoq";

/// Each mode of the sender with what the receiver must answer: the status, and the error code
/// and diagnosis it reports.
const EXPECTED: [(&str, &str); 10] = [
    ("good", "200 verified"),
    ("tampered_body", "401 signature_mismatch unknown_secret"),
    (
        "tampered_timestamp",
        "401 signature_mismatch unknown_secret",
    ),
    ("stale", "401 stale_timestamp"),
    ("future", "401 future_timestamp"),
    ("missing_signature", "401 missing_signature"),
    ("missing_timestamp", "401 missing_timestamp"),
    ("missing_headers", "401 missing_signature"),
    ("wrong_secret", "401 signature_mismatch unknown_secret"),
    (
        "identity_token",
        "401 signature_mismatch identity_hmac_token",
    ),
];

struct Request {
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

/// Reads one HTTP/1.1 request: the header lines, then Content-Length bytes of body.
fn read_request(stream: &TcpStream) -> Request {
    let mut reader = BufReader::new(stream);
    let mut line = Vec::new();
    reader.read_until(b'\n', &mut line).unwrap();
    assert!(
        line.starts_with(b"POST "),
        "{}",
        String::from_utf8_lossy(&line)
    );
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_until(b'\n', &mut line).unwrap();
        let field = line.strip_suffix(b"\r\n").expect("CRLF line endings");
        if field.is_empty() {
            break;
        }
        let colon = field.iter().position(|&b| b == b':').expect("name: value");
        let name = String::from_utf8(field[..colon].to_vec()).unwrap();
        // The value as the server received it, spaces after the colon included: the core
        // tolerates the optional whitespace HTTP allows.
        headers.push((name, field[colon + 1..].to_vec()));
    }
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map(|(_, value)| String::from_utf8_lossy(value).trim().parse().unwrap())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    Request { headers, body }
}

/// What the integrator's endpoint does: verify, and on failure say why.
fn answer(request: &Request, verifier: &WebhookVerifier) -> (u16, String) {
    let headers = WebhookHeaders::from_pairs(request.headers.iter().map(|(n, v)| (n, v)));
    match verifier.verify_headers(&request.body, &headers, unix_now()) {
        Ok(webhook) => {
            assert!(
                webhook.delivery_id.is_some(),
                "the sender sends a delivery id"
            );
            assert!(webhook.age.abs() <= 5, "just sent: {}", webhook.age);
            (200, "verified".to_owned())
        }
        Err(error) => {
            let mut text = error.code().as_str().to_owned();
            if error.code().as_str() == "signature_mismatch" {
                let diagnosis = diagnose_webhook(
                    SECRET,
                    &request.body,
                    headers.signature().unwrap_or_default(),
                    headers.timestamp().unwrap_or_default(),
                    Some(HMAC_TOKEN.as_bytes()),
                )
                .unwrap();
                for finding in diagnosis.findings {
                    text.push(' ');
                    text.push_str(finding.code.as_str());
                }
            }
            (401, text)
        }
    }
}

fn respond(mut stream: &TcpStream, status: u16, text: &str) {
    let reason = if status == 200 { "OK" } else { "Unauthorized" };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{text}",
        text.len()
    )
    .unwrap();
}

fn ruby_with_activesupport() -> bool {
    Command::new("ruby")
        .args([
            "-e",
            "require 'active_support'; require 'active_support/core_ext/object/json'",
        ])
        .output()
        .is_ok_and(|out| out.status.success())
}

#[test]
fn chatwoots_signing_verifies_and_every_bad_case_is_refused_for_its_reason() {
    if !ruby_with_activesupport() {
        assert!(
            std::env::var_os("CHATWOOT_IDENTITY_REQUIRE_RUBY").is_none(),
            "ruby with ActiveSupport is required (Debian: apt-get install ruby-activesupport)"
        );
        eprintln!("SKIPPED: ruby with ActiveSupport is not installed");
        return;
    }
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/webhooks/chatwoot",
        listener.local_addr().unwrap()
    );
    let verifier = WebhookVerifier::new(SECRET).unwrap();
    let receiver = thread::spawn(move || {
        for stream in listener.incoming().take(EXPECTED.len()) {
            let stream = stream.unwrap();
            let request = read_request(&stream);
            let (status, text) = answer(&request, &verifier);
            respond(&stream, status, &text);
        }
    });

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/webhooks/chatwoot_sender.rb");
    let modes: Vec<&str> = EXPECTED.iter().map(|(mode, _)| *mode).collect();
    let output = Command::new("ruby")
        .arg(&script)
        .arg(&url)
        .args([
            "--secret",
            SECRET,
            "--hmac-token",
            HMAC_TOKEN,
            "--mode",
            &modes.join(","),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "the sender failed: {}{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    receiver.join().unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), EXPECTED.len(), "{stdout}");
    for (line, (mode, expected)) in lines.iter().zip(EXPECTED) {
        assert_eq!(*line, format!("{mode} {expected}"));
    }
}

#[test]
fn the_sender_refuses_to_run_without_a_secret() {
    if !ruby_with_activesupport() {
        return; // reported by the test above
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/webhooks/chatwoot_sender.rb");
    let output = Command::new("ruby")
        .arg(&script)
        .arg("http://127.0.0.1:9/")
        .env_remove("CHATWOOT_WEBHOOK_SECRET")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("secret is missing"));
}
