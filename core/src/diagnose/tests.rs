//! One test per finding: build the mistake by hand, check that diagnose names it.

use base64::Engine as _;
use hmac::digest::Digest;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::*;
use crate::identifier_hash;

const SECRET: &str = "your-secret-token-for-hmac";
const ID: &str = "unique-identifier-of-the-user";
const RIGHT: &str = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";

fn codes(candidate: impl AsRef<[u8]>) -> Vec<&'static str> {
    codes_for(SECRET, ID, candidate)
}

fn codes_for(secret: &str, id: &str, candidate: impl AsRef<[u8]>) -> Vec<&'static str> {
    let diagnosis = diagnose(secret, id, candidate).unwrap();
    assert_eq!(diagnosis.verified, diagnosis.findings.is_empty());
    for finding in &diagnosis.findings {
        assert!(!finding.message.contains(secret));
        assert_eq!(finding.message, finding.code.summary());
    }
    diagnosis.findings.iter().map(|f| f.code.as_str()).collect()
}

fn hmac_of<D>(key: &[u8], message: &[u8]) -> String
where
    D: hmac::EagerHash,
    Hmac<D>: KeyInit + Mac,
{
    let mut mac = <Hmac<D> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

#[test]
fn the_right_hash_verifies_with_no_findings() {
    let diagnosis = diagnose(SECRET, ID, RIGHT).unwrap();
    assert!(diagnosis.verified);
    assert!(diagnosis.findings.is_empty());
    assert_eq!(diagnosis.mask(), 0);
}

#[test]
fn surface_mistakes() {
    assert_eq!(codes(""), ["empty_hash"]);
    assert_eq!(codes(" \n"), ["empty_hash", "surrounding_whitespace"]);
    assert_eq!(codes(RIGHT.to_uppercase()), ["uppercase_hex"]);
    assert_eq!(codes(format!("{RIGHT}\n")), ["surrounding_whitespace"]);
    assert_eq!(
        codes(format!(" {}\r\n", RIGHT.to_uppercase())),
        ["surrounding_whitespace", "uppercase_hex"]
    );
}

#[test]
fn base64_in_every_alphabet() {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let digest = hex::decode(RIGHT).unwrap();
    for engine in [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD] {
        assert_eq!(codes(engine.encode(&digest)), ["base64_digest"]);
    }
}

#[test]
fn swapped_key_and_identifier() {
    let swapped = identifier_hash(ID, SECRET).unwrap();
    assert_eq!(codes(swapped), ["key_and_identifier_swapped"]);
}

#[test]
fn whitespace_on_either_input() {
    let with_newline = identifier_hash(SECRET, format!("{ID}\n")).unwrap();
    assert_eq!(codes(with_newline), ["identifier_whitespace"]);
    let trimmed_id = identifier_hash(SECRET, ID).unwrap();
    assert_eq!(
        codes_for(SECRET, " user-1 ", trimmed_id),
        ["unknown_secret"]
    );
    let trimmed = identifier_hash(SECRET, "user-1").unwrap();
    assert_eq!(
        codes_for(SECRET, " user-1 ", trimmed),
        ["identifier_whitespace"]
    );
    let secret_newline = identifier_hash(format!("{SECRET}\n"), ID).unwrap();
    assert_eq!(codes(secret_newline), ["secret_whitespace"]);
}

#[test]
fn identifier_case() {
    let lowered = identifier_hash(SECRET, "jane.doe@example.com").unwrap();
    assert_eq!(
        codes_for(SECRET, "Jane.Doe@Example.com", lowered),
        ["identifier_case"]
    );
}

#[test]
fn other_algorithms() {
    let sha1 = hmac_of::<sha1::Sha1>(SECRET.as_bytes(), ID.as_bytes());
    let md5 = hmac_of::<md5::Md5>(SECRET.as_bytes(), ID.as_bytes());
    let sha512 = hmac_of::<sha2::Sha512>(SECRET.as_bytes(), ID.as_bytes());
    assert_eq!(codes(&sha1), ["hmac_sha1"]);
    assert_eq!(codes(&md5), ["hmac_md5"]);
    assert_eq!(codes(&sha512), ["hmac_sha512"]);
    assert_eq!(codes(&sha512[..64]), ["hmac_sha512"]);
    assert_eq!(codes(sha1.to_uppercase()), ["uppercase_hex", "hmac_sha1"]);
}

#[test]
fn plain_sha256_without_a_key() {
    for message in [
        ID.to_owned(),
        format!("{SECRET}{ID}"),
        format!("{ID}{SECRET}"),
    ] {
        assert_eq!(
            codes(hex::encode(Sha256::digest(message))),
            ["plain_sha256"]
        );
    }
}

#[test]
fn identifier_and_hash_in_each_others_place() {
    assert_eq!(codes(ID), ["hash_is_identifier"]);
    // setUser(hash, { identifier_hash: identifier }):
    assert_eq!(codes_for(SECRET, RIGHT, ID), ["hash_is_identifier"]);
}

#[test]
fn secret_and_tokens_sent_as_the_hash() {
    assert_eq!(codes(SECRET), ["hash_is_secret"]);
    assert_eq!(codes("QrtMG8GydFgEy7bVzsLLmHoq"), ["looks_like_token"]);
    assert_eq!(
        codes_for("QrtMG8GydFgEy7bVzsLLmHoq", ID, "QrtMG8GydFgEy7bVzsLLmHoq"),
        ["hash_is_secret"]
    );
}

#[test]
fn malformed_candidates() {
    assert_eq!(codes(&RIGHT[..63]), ["wrong_length"]);
    assert_eq!(codes(format!("{RIGHT}0")), ["wrong_length"]);
    assert_eq!(codes("zz".repeat(32)), ["not_hex"]);
    assert_eq!(codes("not a hash"), ["wrong_length", "not_hex"]);
    assert_eq!(codes(b"\xff\xfe"), ["wrong_length", "not_hex"]);
}

#[test]
fn another_secret_is_unknown_secret() {
    let other = identifier_hash("another-inbox-secret", ID).unwrap();
    assert_eq!(codes(other), ["unknown_secret"]);
    assert_eq!(
        codes(other.as_str().to_uppercase()),
        ["uppercase_hex", "unknown_secret"]
    );
}

#[test]
fn inputs_are_validated_like_identifier_hash() {
    assert_eq!(diagnose("", ID, RIGHT), Err(Error::EmptySecret));
    assert_eq!(diagnose(SECRET, "", RIGHT), Err(Error::EmptyIdentifier));
}

#[test]
fn mask_sets_one_bit_per_finding() {
    let diagnosis = diagnose(SECRET, ID, format!("{}\n", RIGHT.to_uppercase())).unwrap();
    assert_eq!(
        diagnosis.mask(),
        FindingCode::SurroundingWhitespace.bit() | FindingCode::UppercaseHex.bit()
    );
}
