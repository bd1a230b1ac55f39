//! Speed of the core against the physical floor: one SHA-256 compression (and, for webhooks,
//! plain SHA-256 of the same body) measured in the same run. `bench/rust_summary.py` turns
//! criterion's estimates into the ratios in BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use chatwoot_identity::{Signer, WebhookVerifier, identifier_hash, sign_webhook};
use criterion::{Criterion, criterion_group, criterion_main};

const SECRET: &[u8] = b"your-secret-token-for-hmac";
/// A UUID, the most common identifier shape: 36 bytes, so the message fits one block.
const IDENTIFIER: &[u8] = b"3f2a1c9e-8b7d-4e6f-a5c4-1d2e3f4a5b6c";
const BATCH: usize = 1_000_000;

fn floor(c: &mut Criterion) {
    let mut group = c.benchmark_group("floor");
    let block = [0x5a_u8; 64];
    group.bench_function("sha256_compression", |b| {
        let mut state = [0x6a09e667_u32; 8];
        b.iter(|| {
            sha2::block_api::compress256(black_box(&mut state), black_box(&[block]));
        })
    });
    group.bench_function("hex_encode_32_bytes", |b| {
        let digest = [0xa7_u8; 32];
        let mut out = [0u8; 64];
        b.iter(|| hex::encode_to_slice(black_box(&digest), black_box(&mut out)).unwrap())
    });
    group.finish();
}

fn single(c: &mut Criterion) {
    let mut group = c.benchmark_group("single");
    let signer = Signer::new(SECRET).unwrap();
    let expected = signer.identifier_hash(IDENTIFIER).unwrap();
    group.bench_function("signer_identifier_hash", |b| {
        b.iter(|| signer.identifier_hash(black_box(IDENTIFIER)).unwrap())
    });
    group.bench_function("identifier_hash", |b| {
        b.iter(|| identifier_hash(black_box(SECRET), black_box(IDENTIFIER)).unwrap())
    });
    group.bench_function("signer_verify", |b| {
        b.iter(|| {
            signer
                .verify(black_box(IDENTIFIER), black_box(expected.as_bytes()))
                .unwrap()
        })
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let mut group = c.benchmark_group("batch_1m");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    let signer = Signer::new(SECRET).unwrap();
    let identifiers: Vec<String> = (0..BATCH)
        .map(|i| format!("3f2a1c9e-8b7d-4e6f-a5c4-{i:012}"))
        .collect();
    // The single-core rate: the same hashes, one after another on this thread. (The batch call
    // runs on the core's own per-process pool, whatever pool the caller is in.)
    group.bench_function("one_thread", |b| {
        b.iter(|| {
            identifiers
                .iter()
                .map(|id| signer.identifier_hash(black_box(id)).unwrap())
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("all_threads", |b| {
        b.iter(|| signer.identifier_hashes(black_box(&identifiers)).unwrap())
    });
    group.finish();
}

/// Webhook bodies of 1 KB and 64 KB: the floor is plain SHA-256 of the same bytes, which any
/// HMAC over them must at least cost.
fn webhook(c: &mut Criterion) {
    use sha2::Digest;
    let mut group = c.benchmark_group("webhook");
    let verifier = WebhookVerifier::new(SECRET).unwrap();
    for (name, length) in [("1k", 1024), ("64k", 65536)] {
        let body: Vec<u8> = br#"{"event":"message_created","content":"0123456789abcdef"}"#
            .iter()
            .copied()
            .cycle()
            .take(length)
            .collect();
        let signed = sign_webhook(SECRET, &body, 1_700_000_000).unwrap();
        group.bench_function(format!("sha256_{name}"), |b| {
            b.iter(|| sha2::Sha256::digest(black_box(&body)))
        });
        group.bench_function(format!("verify_{name}"), |b| {
            b.iter(|| {
                verifier
                    .verify(
                        black_box(&body),
                        black_box(&signed.signature),
                        black_box(&signed.timestamp),
                        black_box(1_700_000_001),
                    )
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, floor, single, batch, webhook);
criterion_main!(benches);
