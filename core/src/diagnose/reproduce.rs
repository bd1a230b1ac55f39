//! Recomputes the hash the way each known mistake would, to see which one yields the candidate.
//!
//! Only `diagnose` runs this; it is deliberately simple rather than fast.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use hmac::EagerHash;
use hmac::digest::Digest;
use hmac::{Hmac, KeyInit, Mac};
use md5::Md5;
use sha1::Sha1;
use sha2::{Sha256, Sha512};

use super::FindingCode;

fn hmac_hex<D: EagerHash>(key: &[u8], message: &[u8]) -> String
where
    Hmac<D>: KeyInit + Mac,
{
    let mut mac = <Hmac<D> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

fn joined(first: &[u8], second: &[u8]) -> Vec<u8> {
    [first, second].concat()
}

/// The value with whitespace or a line ending removed from or added to its ends, as a file,
/// a form field or `echo` would leave it. The value itself is not among them.
fn whitespace_variants(value: &[u8]) -> Vec<Vec<u8>> {
    let mut variants = vec![
        value.trim_ascii().to_vec(),
        value.trim_ascii_start().to_vec(),
        value.trim_ascii_end().to_vec(),
        joined(value, b"\n"),
        joined(value, b"\r\n"),
        joined(value, b" "),
    ];
    variants.retain(|v| v.as_slice() != value && !v.is_empty());
    variants
}

/// The value lowercased and uppercased (Unicode-aware for text), without the value itself.
fn case_variants(value: &[u8]) -> Vec<Vec<u8>> {
    let mut variants = match core::str::from_utf8(value) {
        Ok(text) => vec![
            text.to_lowercase().into_bytes(),
            text.to_uppercase().into_bytes(),
        ],
        Err(_) => vec![value.to_ascii_lowercase(), value.to_ascii_uppercase()],
    };
    variants.retain(|v| v.as_slice() != value);
    variants
}

/// Mistakes that produce 64 lowercase hex characters and reproduce `candidate`.
pub(super) fn sixty_four_hex(
    secret: &[u8],
    identifier: &[u8],
    candidate: &str,
) -> Vec<FindingCode> {
    let hmac256 = |key: &[u8], message: &[u8]| hmac_hex::<Sha256>(key, message);
    let mut found = Vec::new();
    if hmac256(identifier, secret) == candidate {
        found.push(FindingCode::KeyAndIdentifierSwapped);
    }
    if whitespace_variants(identifier)
        .iter()
        .any(|id| hmac256(secret, id) == candidate)
    {
        found.push(FindingCode::IdentifierWhitespace);
    }
    if whitespace_variants(secret)
        .iter()
        .any(|key| hmac256(key, identifier) == candidate)
    {
        found.push(FindingCode::SecretWhitespace);
    }
    if case_variants(identifier)
        .iter()
        .any(|id| hmac256(secret, id) == candidate)
    {
        found.push(FindingCode::IdentifierCase);
    }
    if hmac_hex::<Sha512>(secret, identifier)[..64] == *candidate {
        found.push(FindingCode::HmacSha512);
    }
    let plain = [
        identifier.to_vec(),
        joined(secret, identifier),
        joined(identifier, secret),
    ];
    if plain
        .iter()
        .any(|message| hex::encode(Sha256::digest(message)) == candidate)
    {
        found.push(FindingCode::PlainSha256);
    }
    found
}

/// The other HMAC algorithms, identified by their hex length; `None` when none reproduces it.
pub(super) fn other_algorithm(
    secret: &[u8],
    identifier: &[u8],
    candidate: &str,
) -> Option<FindingCode> {
    let (code, hex) = match candidate.len() {
        32 => (FindingCode::HmacMd5, hmac_hex::<Md5>(secret, identifier)),
        40 => (FindingCode::HmacSha1, hmac_hex::<Sha1>(secret, identifier)),
        128 => (
            FindingCode::HmacSha512,
            hmac_hex::<Sha512>(secret, identifier),
        ),
        _ => return None,
    };
    (hex == candidate).then_some(code)
}

/// Whether `candidate` is the right digest in any of the four common Base64 alphabets.
pub(super) fn is_base64_of(digest: &[u8; 32], candidate: &[u8]) -> bool {
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .any(|engine| engine.encode(digest).as_bytes() == candidate)
}

/// The shape of Rails' `has_secure_token`, which Chatwoot uses for website tokens and inbox
/// HMAC secrets: 24 characters of the Base58 alphabet.
pub(super) fn looks_like_token(candidate: &[u8]) -> bool {
    const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    candidate.len() == 24 && candidate.iter().all(|b| BASE58.contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_never_include_the_value_itself() {
        for value in [&b"abc"[..], b" abc\n", b"ABC", b"\xff"] {
            assert!(!whitespace_variants(value).iter().any(|v| v == value));
            assert!(!case_variants(value).iter().any(|v| v == value));
        }
    }

    #[test]
    fn token_shape_is_base58_of_length_24() {
        assert!(looks_like_token(b"QrtMG8GydFgEy7bVzsLLmHoq"));
        assert!(
            !looks_like_token(b"QrtMG8GydFgEy7bVzsLLmHo0"),
            "0 is not Base58"
        );
        assert!(!looks_like_token(b"QrtMG8GydFgEy7bVzsLLmHo"));
    }
}
