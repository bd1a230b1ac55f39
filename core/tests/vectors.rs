//! The shared vectors, which every language's suite also runs. Their expected values come from
//! six independent implementations (see tests/vectors/generate.py), never from this crate.

use chatwoot_identity::{IntegerIdentifier, Signer, diagnose, identifier_hash, verify};
use serde::Deserialize;

#[derive(Deserialize)]
struct File<T> {
    vectors: Vec<T>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Value {
    Utf8(String),
    Hex(String),
    Integer(String),
}

impl Value {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Value::Utf8(text) => text.as_bytes().to_vec(),
            Value::Hex(hex) => hex::decode(hex).expect("vector hex"),
            // Through the library's own integer rule, which is what the vector tests.
            Value::Integer(text) => match text.parse::<i128>() {
                Ok(n) => IntegerIdentifier::from(n).as_bytes().to_vec(),
                Err(_) => IntegerIdentifier::from(text.parse::<u128>().unwrap())
                    .as_bytes()
                    .to_vec(),
            },
        }
    }
}

#[derive(Deserialize)]
struct HashVector {
    description: String,
    secret: Value,
    identifier: Value,
    identifier_hash: String,
}

#[derive(Deserialize)]
struct VerifyVector {
    description: String,
    secret: Value,
    identifier: Value,
    candidate: Value,
    verified: bool,
}

#[derive(Deserialize)]
struct ErrorVector {
    description: String,
    secret: Value,
    identifier: Value,
    error: String,
}

#[derive(Deserialize)]
struct DiagnoseVector {
    description: String,
    secret: Value,
    identifier: Value,
    candidate: Value,
    verified: bool,
    findings: Vec<String>,
}

fn load<T: for<'de> Deserialize<'de>>(json: &str) -> Vec<T> {
    let file: File<T> = serde_json::from_str(json).expect("vector file parses");
    assert!(!file.vectors.is_empty());
    file.vectors
}

#[test]
fn hash_vectors() {
    for v in load::<HashVector>(include_str!("../../tests/vectors/hash.json")) {
        let (secret, identifier) = (v.secret.bytes(), v.identifier.bytes());
        let one_off = identifier_hash(&secret, &identifier).unwrap();
        assert_eq!(one_off.as_str(), v.identifier_hash, "{}", v.description);
        let signer = Signer::new(&secret).unwrap();
        let prepared = signer.identifier_hash(&identifier).unwrap();
        assert_eq!(prepared.as_str(), v.identifier_hash, "{}", v.description);
        assert!(signer.verify(&identifier, &v.identifier_hash).unwrap());
    }
}

#[test]
fn hash_vectors_as_one_batch() {
    let vectors = load::<HashVector>(include_str!("../../tests/vectors/hash.json"));
    let doc_secret = vectors[0].secret.bytes();
    let same_secret: Vec<_> = vectors
        .iter()
        .filter(|v| v.secret.bytes() == doc_secret)
        .collect();
    let identifiers: Vec<Vec<u8>> = same_secret.iter().map(|v| v.identifier.bytes()).collect();
    let hashes = Signer::new(&doc_secret)
        .unwrap()
        .identifier_hashes(&identifiers)
        .unwrap();
    for (v, hash) in same_secret.iter().zip(hashes) {
        assert_eq!(hash.as_str(), v.identifier_hash, "{}", v.description);
    }
}

#[test]
fn verify_vectors() {
    for v in load::<VerifyVector>(include_str!("../../tests/vectors/verify.json")) {
        let got = verify(v.secret.bytes(), v.identifier.bytes(), v.candidate.bytes()).unwrap();
        assert_eq!(got, v.verified, "{}", v.description);
    }
}

#[test]
fn error_vectors() {
    for v in load::<ErrorVector>(include_str!("../../tests/vectors/error.json")) {
        let (secret, identifier) = (v.secret.bytes(), v.identifier.bytes());
        let candidate = "0".repeat(64);
        let errors = [
            identifier_hash(&secret, &identifier).err(),
            verify(&secret, &identifier, &candidate).err(),
            diagnose(&secret, &identifier, &candidate).err(),
        ];
        for error in errors {
            let error = error.unwrap_or_else(|| panic!("{} must fail", v.description));
            assert_eq!(error.code().as_str(), v.error, "{}", v.description);
        }
        if v.error == "empty_secret" {
            assert_eq!(Signer::new(&secret).unwrap_err().code().as_str(), v.error);
        }
    }
}

#[test]
fn diagnose_vectors() {
    for v in load::<DiagnoseVector>(include_str!("../../tests/vectors/diagnose.json")) {
        let secret = v.secret.bytes();
        let diagnosis = diagnose(&secret, v.identifier.bytes(), v.candidate.bytes()).unwrap();
        assert_eq!(diagnosis.verified, v.verified, "{}", v.description);
        let codes: Vec<&str> = diagnosis.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, v.findings, "{}", v.description);
        let secret_text = String::from_utf8_lossy(&secret);
        for finding in &diagnosis.findings {
            assert!(!finding.message.contains(secret_text.as_ref()));
        }
    }
}
