#!/usr/bin/env python3
"""Reads criterion's estimates for core/benches/hashing.rs and writes target/bench/rust.json.

Every figure is set against the physical floor measured in the same run: one SHA-256
compression (and hex-encoding 32 bytes), or for webhook verification plain SHA-256 of the same
body, so the ratios hold on any machine.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRITERION = ROOT / "target" / "criterion"


def mean_ns(bench: str) -> float:
    estimates = json.loads((CRITERION / bench / "new" / "estimates.json").read_text())
    return estimates["mean"]["point_estimate"]


def row(call, ours, competitor, competitor_ns, target):
    ratio = ours / competitor_ns
    return {"language": "rust", "call": call, "ours_ns": round(ours, 1),
            "competitor": competitor, "competitor_ns": round(competitor_ns, 1),
            "ratio": round(ratio, 3), "target_ratio": target, "met": ratio <= target}


def main() -> None:
    compression = mean_ns("floor/sha256_compression")
    hex_encode = mean_ns("floor/hex_encode_32_bytes")
    one_thread = mean_ns("batch_1m/one_thread") / 1e6
    all_threads = mean_ns("batch_1m/all_threads") / 1e6
    rows = [
        row("Signer::identifier_hash (36 B)", mean_ns("single/signer_identifier_hash"),
            "floor: 2 compressions + hex", 2 * compression + hex_encode, 1.3),
        row("identifier_hash, one-off (36 B)", mean_ns("single/identifier_hash"),
            "floor: 4 compressions", 4 * compression, 1.6),
        row("Signer::verify (36 B)", mean_ns("single/signer_verify"),
            "floor: 2 compressions + hex", 2 * compression + hex_encode, 1.5),
        # Target: at least 1.7x the single-core rate on 2 cores, i.e. at most 1/1.7 the time.
        row("Signer::identifier_hashes, 1M (per id)", all_threads,
            "same batch on one thread", one_thread, round(1 / 1.7, 3)),
    ]
    # Webhooks: HMAC over timestamp.body, set against plain SHA-256 of the same body.
    for size, label in (("1k", "1 KB"), ("64k", "64 KB")):
        rows.append(row(f"WebhookVerifier::verify ({label} body)", mean_ns(f"webhook/verify_{size}"),
                        f"floor: SHA-256 of the {label}", mean_ns(f"webhook/sha256_{size}"), 1.1))
    out = ROOT / "target" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "rust.json").write_text(json.dumps(rows, indent=2) + "\n")
    print(f"one SHA-256 compression: {compression:.1f} ns; hex of 32 bytes: {hex_encode:.1f} ns")
    for r in rows:
        verdict = "met" if r["met"] else "MISSED"
        print(f"{r['call']:<42} {r['ours_ns']:>9.1f} ns  vs {r['competitor']:<30} "
              f"{r['competitor_ns']:>9.1f} ns  ratio {r['ratio']:.3f} (target <= "
              f"{r['target_ratio']}) {verdict}")


if __name__ == "__main__":
    main()
