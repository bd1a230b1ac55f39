#!/usr/bin/env python3
"""Throughput and peak memory of `chatwoot-identity batch` on 10,000,000 identifiers.

Writes target/bench/cli.json. The input file is generated once under target/bench/.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("CLI_BENCH_COUNT", "10000000"))
BINARY = ROOT / "target" / "release" / "chatwoot-identity"


def input_file() -> Path:
    path = ROOT / "target" / "bench" / f"identifiers-{COUNT}.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="ascii") as f:
            for start in range(0, COUNT, 100_000):
                f.write("".join(f"3f2a1c9e-8b7d-4e6f-a5c4-{i:012}\n"
                                for i in range(start, min(start + 100_000, COUNT))))
    return path


def run(threads: int, path: Path) -> tuple[float, float]:
    env = dict(os.environ, CHATWOOT_HMAC_SECRET="your-secret-token-for-hmac",
               RAYON_NUM_THREADS=str(threads))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(path, "rb") as stdin, open(os.devnull, "wb") as stdout:
        start = time.perf_counter()
        subprocess.run([BINARY, "batch"], stdin=stdin, stdout=stdout, env=env, check=True)
        seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak_kib, before) / 1024


def main() -> None:
    if not BINARY.exists():
        sys.exit("build it first: cargo build --release -p chatwoot-identity-cli")
    path = input_file()
    cores = os.cpu_count() or 1
    one_seconds, _ = run(1, path)
    all_seconds, peak_mib = run(cores, path)
    rate = COUNT / all_seconds
    rows = [
        {"language": "cli", "call": f"batch of {COUNT:,} to /dev/null (per id, {cores} cores)",
         "ours_ns": round(all_seconds / COUNT * 1e9, 1),
         "competitor": "same run on one thread", "competitor_ns": round(one_seconds / COUNT * 1e9, 1),
         "ratio": round(all_seconds / one_seconds, 3), "target_ratio": None, "met": None,
         "rate_per_s": round(rate), "rate_target_per_s": 4_000_000, "rate_met": rate >= 4_000_000,
         "peak_mib": round(peak_mib, 1), "peak_target_mib": 50, "peak_met": peak_mib < 50},
    ]
    (ROOT / "target" / "bench" / "cli.json").write_text(json.dumps(rows, indent=2) + "\n")
    print(f"batch: {rate / 1e6:.2f} M identifiers/s on {cores} cores "
          f"({COUNT / one_seconds / 1e6:.2f} M/s on one), peak RSS {peak_mib:.1f} MiB "
          f"(targets: >= 4 M/s, < 50 MiB)")


if __name__ == "__main__":
    main()
