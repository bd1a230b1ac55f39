#!/usr/bin/env python3
"""Turns `go test -bench` output into the bench table and target/bench/go.json.

Usage: bench_report.py go <bench output> <output.json>
Each benchmark ran several times (-count); the best run of each side is compared, so a burst of
load from other processes does not decide a ratio.
"""
import json
import re
import sys

# ours, competitor, competitor's description, target ratio (None: reported, no target)
PAIRS = [
    ("IdentifierHash", "HMACNew", "crypto/hmac New+Write+Sum+hex.EncodeToString", 0.5),
    ("SignerIdentifierHash", "HMACReset", "crypto/hmac prepared, Reset+Write+Sum+hex", 0.8),
    ("SignerIdentifierHashes", "HMACResetLoop", "crypto/hmac prepared, loop over 10k (per id)", None),
    ("WebhookVerifier1KB", "WebhookStdlib1KB", "crypto/hmac New+Write+hex+hmac.Equal, 1 KB body", 1.0),
    ("WebhookVerifier64KB", "WebhookStdlib64KB", "crypto/hmac New+Write+hex+hmac.Equal, 64 KB body", 1.0),
    ("VerifyWebhook1KB", "WebhookStdlib1KB", "the same, one-off VerifyWebhook (secret each call)", None),
]
LINE = re.compile(r"^Benchmark(\w+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(?:\s+[\d.]+ MB/s)?(?:\s+([\d.]+) ns/id)?")


def main() -> None:
    _, source, output = sys.argv[1:4]
    best: dict[str, float] = {}
    for line in open(source):
        match = LINE.match(line)
        if match:
            name, per_op, per_id = match.group(1), float(match.group(2)), match.group(3)
            value = float(per_id) if per_id else per_op
            best[name] = min(best.get(name, value), value)
    rows = []
    print(f"{'call':<32} {'ours ns':>9}  {'competitor':<46} {'theirs ns':>9}  {'ratio':>5}  {'target':>6}  met")
    for ours, theirs, competitor, target in PAIRS:
        ratio = best[ours] / best[theirs]
        met = None if target is None else ratio <= target
        print(f"{ours:<32} {best[ours]:>9.1f}  {competitor:<46} {best[theirs]:>9.1f}  {ratio:>5.2f}  "
              f"{'-' if target is None else f'{target:.2f}':>6}  {'-' if met is None else ('yes' if met else 'NO')}")
        rows.append({"language": "go", "call": ours, "ours_ns": round(best[ours], 1), "competitor": competitor,
                     "competitor_ns": round(best[theirs], 1), "ratio": round(ratio, 3),
                     "target_ratio": target, "met": met})
    with open(output, "w") as f:
        json.dump(rows, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
