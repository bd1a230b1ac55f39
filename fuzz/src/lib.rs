//! The oracles the fuzz targets share: the textbook HMAC-SHA256 from the hmac crate, and the
//! header rules written out again independently of the core, so that each target compares the
//! core with the same reference.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// HMAC-SHA256 of `message` under `key`, in lowercase hex, as the hmac crate computes it.
pub fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// The `X-Chatwoot-Signature` Chatwoot sends: `sha256=` and the HMAC of the timestamp's
/// digits, a `.` and the body.
pub fn webhook_signature(secret: &[u8], digits: &[u8], body: &[u8]) -> Vec<u8> {
    let digest = hmac_sha256_hex(secret, &[digits, b".", body].concat());
    [b"sha256=".as_slice(), digest.as_bytes()].concat()
}

/// A header value without the spaces and tabs around it, which HTTP ignores.
pub fn trim_ows(value: &[u8]) -> &[u8] {
    let ows = |b: &u8| *b == b' ' || *b == b'\t';
    let start = value.iter().position(|b| !ows(b)).unwrap_or(value.len());
    let end = value.iter().rposition(|b| !ows(b)).map_or(start, |i| i + 1);
    &value[start..end]
}
